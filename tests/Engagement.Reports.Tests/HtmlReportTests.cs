using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Engagement.Core.Reporting;
using Engagement.Testing;
using Xunit.Abstractions;

namespace Engagement.Reports.Tests;

/// <summary>
/// The HTML report of the demo clients, opened in a real headless Chromium: the charts are drawn (a screenshot holds
/// their colours), the page's text holds the numbers of the JSON report, and it prints to PDF.
/// </summary>
public sealed partial class HtmlReportTests(DemoReports demo, ITestOutputHelper output) : IClassFixture<DemoReports>
{
    private static readonly DateOnly From = new(2026, 10, 25);
    private static readonly DateOnly To = new(2026, 11, 21);

    [Fact]
    public async Task TheHtmlReportOpensInChromiumWithChartsAndTheNumbersOfTheJson()
    {
        var report = await ReportAsync("northside-coffee");
        var started = Stopwatch.GetTimestamp();
        var html = ReportHtml.Render(report);
        var renderMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        started = Stopwatch.GetTimestamp();
        Assert.Equal(html, ReportHtml.Render(report));
        var warmMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var folder = Directory.CreateTempSubdirectory("engagement-report-");
        try
        {
            var page = Path.Combine(folder.FullName, "report.html");
            var png = Path.Combine(folder.FullName, "report.png");
            await File.WriteAllTextAsync(page, html, new UTF8Encoding(false));

            var shot = Chromium.Screenshot(page, png, 1200, 2400);
            var dom = Chromium.DumpDom(page);
            output.WriteLine($"HTML render {renderMs:0} ms cold, {warmMs:0} ms warm ({html.Length:N0} characters, the same both times); Chromium screenshot {shot.Elapsed.TotalMilliseconds:0} ms; DOM dump {dom.Elapsed.TotalMilliseconds:0} ms");

            Assert.True(shot.ExitCode == 0, shot.Errors);
            Assert.Equal((1200, 2400), Pixels.Size(png));
            // Both series colours appear only in the charts: thousands of their pixels mean the charts were drawn.
            var teal = Pixels.Near(png, ReportCharts.CurrentColour);
            var amber = Pixels.Near(png, ReportCharts.SecondColour);
            output.WriteLine($"screenshot: {Pixels.Ink(png):N0} inked pixels, {teal:N0} of the first series' colour, {amber:N0} of the second's");
            Assert.True(teal > 2_000, $"the charts look blank: {teal} pixels of {ReportCharts.CurrentColour}");
            Assert.True(amber > 2_000, $"the charts look blank: {amber} pixels of {ReportCharts.SecondColour}");

            Assert.True(dom.ExitCode == 0, dom.Errors);
            var text = TextOf(dom.Output);
            using var json = JsonDocument.Parse(ReportJson.Serialize(report));
            var total = json.RootElement.GetProperty("total");
            var f = new Figures(ReportWords.English);
            Assert.Contains(f.Percent(total.GetProperty("brand_relational_share").GetDouble()), text, StringComparison.Ordinal);
            Assert.Contains(f.Percent(total.GetProperty("reply_rate").GetDouble()), text, StringComparison.Ordinal);
            Assert.Contains(f.Wait(total.GetProperty("first_response").GetProperty("median_minutes").GetDouble()), text, StringComparison.Ordinal);
            Assert.Contains(f.Percent(total.GetProperty("engagement_rate").GetDouble()), text, StringComparison.Ordinal);
            Assert.Contains(f.Count(total.GetProperty("interactions").GetInt32()), text, StringComparison.Ordinal);
            Assert.Contains(f.Count(total.GetProperty("open_at_end").GetInt32()), text, StringComparison.Ordinal);
            Assert.Equal(2, CountOf(dom.Output, "<svg"));
            Assert.Contains("Northside Coffee", text, StringComparison.Ordinal);

            if (Environment.GetEnvironmentVariable("ENGAGE_REPORT_SCREENSHOT") is { Length: > 0 } keep)
            {
                File.Copy(png, keep, overwrite: true);
            }
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task ThePageIsSelfContainedAndPrintsToPdf()
    {
        var html = ReportHtml.Render(await ReportAsync("mobilificio-brianza"));
        var folder = Directory.CreateTempSubdirectory("engagement-report-");
        try
        {
            var page = Path.Combine(folder.FullName, "report.html");
            var pdf = Path.Combine(folder.FullName, "report.pdf");
            await File.WriteAllTextAsync(page, html, new UTF8Encoding(false));

            var printed = Chromium.PrintToPdf(page, pdf);
            output.WriteLine($"PDF in {printed.Elapsed.TotalMilliseconds:0} ms, {new FileInfo(pdf).Length:N0} bytes");

            Assert.True(printed.ExitCode == 0, printed.Errors);
            var bytes = await File.ReadAllBytesAsync(pdf);
            Assert.Equal("%PDF-", Encoding.ASCII.GetString(bytes, 0, 5));
            Assert.InRange(PageCount().Matches(Encoding.Latin1.GetString(bytes)).Count, 2, 20);
            // Nothing to fetch: no script, no stylesheet or image from elsewhere, links only to the platforms.
            Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotMatch("(src|href)=\"(?!https?://)[^\"#]", html);
            Assert.DoesNotMatch("src=\"https?://", html);
            Assert.Contains("@media print", html, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task AnItalianClientReadsItsReportInItalian()
    {
        var report = await ReportAsync("cascina-aurora");

        var html = ReportHtml.Render(report);

        Assert.Equal("it", report.Settings.Language);
        Assert.Contains("<html lang=\"it\">", html, StringComparison.Ordinal);
        Assert.Contains("Quota relazionale del marchio", html, StringComparison.Ordinal);
        Assert.Contains(new Figures(ReportWords.Italian).Percent(report.Total.ReplyRate), html, StringComparison.Ordinal);
        Assert.Contains(",", new Figures(ReportWords.Italian).Percent(report.Total.ReplyRate), StringComparison.Ordinal);
        Assert.Equal(2, CountOf(html, "<svg"));
    }

    [Fact]
    public async Task CsvAndJsonCarryTheSameFigures()
    {
        var report = await ReportAsync("northside-coffee");

        var csv = ReportCsv.Render(report).ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        using var json = JsonDocument.Parse(ReportJson.Serialize(report));

        string Value(string metric) => csv.Single(l => l.StartsWith($"figures,all,current,,{metric},", StringComparison.Ordinal)).Split(',')[^1];
        var total = json.RootElement.GetProperty("total");
        Assert.Equal(total.GetProperty("reply_rate").GetDouble(), double.Parse(Value("reply_rate"), CultureInfo.InvariantCulture));
        Assert.Equal(total.GetProperty("first_response").GetProperty("median_minutes").GetDouble(), double.Parse(Value("first_response.median_minutes"), CultureInfo.InvariantCulture));
        Assert.Equal(total.GetProperty("interactions").GetInt32().ToString(CultureInfo.InvariantCulture), Value("interactions"));
        Assert.Equal(report.Unanswered.Count, csv.Where(l => l.StartsWith("unanswered,", StringComparison.Ordinal)).Select(l => l.Split(',')[3]).Distinct().Count());
    }

    [Fact]
    public async Task TheAgencyOverviewListsEveryClient()
    {
        var (overview, problem) = await demo.Pipeline.Get<ReportService>().GetOverviewAsync(From, To);

        Assert.Null(problem);
        Assert.Equal(["cascina-aurora", "mobilificio-brianza", "northside-coffee"], overview!.Clients.Select(c => c.ClientId));
        var html = ReportFormats.Render(overview, ReportFormat.Html, "en");
        Assert.Contains("Mobilificio Brianza", html, StringComparison.Ordinal);
        var csv = ReportFormats.Render(overview, ReportFormat.Csv, "en");
        Assert.Contains("overview,cascina-aurora,previous,,brand_relational_share,", csv, StringComparison.Ordinal);
    }

    private async Task<ClientReport> ReportAsync(string clientId) =>
        (await demo.Pipeline.Get<ReportService>().GetAsync(clientId, From, To))!;

    private static string TextOf(string dom)
    {
        var body = dom[dom.IndexOf("<body", StringComparison.Ordinal)..];
        var withoutSvg = Svg().Replace(body, " ");
        return System.Net.WebUtility.HtmlDecode(Whitespace().Replace(Tag().Replace(withoutSvg, " "), " "));
    }

    private static int CountOf(string text, string value) => (text.Length - text.Replace(value, "", StringComparison.Ordinal).Length) / value.Length;

    [GeneratedRegex("<svg.*?</svg>", RegexOptions.Singleline)]
    private static partial Regex Svg();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"/Type\s*/Page[^s]")]
    private static partial Regex PageCount();
}
