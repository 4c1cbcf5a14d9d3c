using System.Globalization;
using System.Net;
using System.Text;
using Engagement.Core.Reporting;

namespace Engagement.Reports;

/// <summary>
/// The report as one self-contained HTML page: styles inline, charts as inline SVG, no script and no external
/// resource (a content security policy forbids them), laid out to print cleanly to PDF from a browser.
/// </summary>
public static class ReportHtml
{
    /// <summary>Most unanswered messages listed in the page; the CSV and JSON carry them all.</summary>
    public const int MaxListed = 200;

    private const string Styles = """
        @page { size: A4; margin: 14mm 12mm; }
        :root { --ink: #1f2933; --muted: #52606d; --line: #d9e2ec; --soft: #f5f7fa; --good: #1e6b52; --bad: #9b2c2c; }
        * { box-sizing: border-box; }
        html, body { margin: 0; background: #fff; color: var(--ink); font-family: "DejaVu Sans", Verdana, Arial, sans-serif; font-size: 13px; line-height: 1.45; }
        main { max-width: 1000px; margin: 0 auto; padding: 28px 24px 40px; }
        h1 { font-size: 24px; margin: 0 0 4px; }
        h2 { font-size: 17px; margin: 28px 0 10px; padding-bottom: 4px; border-bottom: 2px solid var(--line); }
        p.sub { color: var(--muted); margin: 0 0 6px; }
        p.note { background: var(--soft); border-left: 4px solid var(--muted); padding: 8px 12px; }
        ul.summary li { margin-bottom: 4px; }
        .cards { display: grid; grid-template-columns: repeat(4, 1fr); gap: 10px; margin: 12px 0; }
        .card { border: 1px solid var(--line); border-radius: 6px; padding: 10px 12px; }
        .card .name { color: var(--muted); font-size: 12px; }
        .card .value { font-size: 22px; font-weight: bold; }
        .card .was { color: var(--muted); font-size: 12px; }
        figure.chart { margin: 10px 0 18px; border: 1px solid var(--line); border-radius: 6px; padding: 6px; }
        figure.chart svg { display: block; width: 100%; height: auto; }
        figcaption { color: var(--muted); font-size: 12px; padding: 4px 6px 0; }
        table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; margin-bottom: 8px; }
        th, td { border-bottom: 1px solid var(--line); padding: 5px 8px; text-align: right; vertical-align: top; }
        th:first-child, td:first-child, td.text, th.text { text-align: left; }
        thead th { background: var(--soft); font-weight: bold; }
        td.text { max-width: 420px; }
        .muted { color: var(--muted); }
        .tag { display: inline-block; padding: 0 6px; border-radius: 8px; background: var(--soft); font-size: 11px; }
        a { color: #1c3d8f; }
        footer { margin-top: 28px; color: var(--muted); font-size: 11px; }
        @media print {
          main { max-width: none; padding: 0; }
          figure.chart, .cards, tr { break-inside: avoid; page-break-inside: avoid; }
          h2 { break-after: avoid; page-break-after: avoid; }
          * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
          a { color: inherit; text-decoration: none; }
        }
        """;

    public static string Render(ClientReport report)
    {
        var words = ReportWords.For(report.Settings.Language);
        var f = new Figures(words);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(report.Settings.TimeZone);
        var period = report.Period;
        var html = new StringBuilder(64 * 1024);
        Open(html, words, $"{words.Title}: {report.DisplayName}");

        html.Append("<h1>").Append(E(report.DisplayName)).Append("</h1>\n");
        html.Append("<p class=\"sub\">").Append(E(words.Title)).Append(" · ").Append(E(words.PeriodLabel)).Append(' ')
            .Append(E(f.Date(period.From))).Append(" – ").Append(E(f.Date(period.To))).Append(", ").Append(E(words.PreviousLabel)).Append(' ')
            .Append(E(f.Date(period.PreviousFrom))).Append(" – ").Append(E(f.Date(period.PreviousTo))).Append(" · ").Append(E(words.AsOfLabel)).Append(' ')
            .Append(E(f.LocalTime(period.AsOf, zone))).Append("</p>\n");
        if (period.Provisional)
        {
            html.Append("<p class=\"note\" id=\"provisional\">").Append(E(string.Format(words.Culture, words.Provisional, period.OpenUnits))).Append("</p>\n");
        }

        html.Append("<h2>").Append(E(words.Summary)).Append("</h2>\n<ul class=\"summary\" id=\"summary\">\n");
        foreach (var sentence in ReportSummary.Sentences(report, f))
        {
            html.Append("<li>").Append(E(sentence)).Append("</li>\n");
        }

        html.Append("</ul>\n");
        Cards(html, report, f);

        html.Append("<h2>").Append(E(words.Headlines)).Append("</h2>\n");
        html.Append("<table id=\"headlines\"><thead><tr><th>").Append(E(words.Metric)).Append("</th><th>").Append(E(words.ThisPeriod)).Append("</th><th>")
            .Append(E(words.PreviousPeriod)).Append("</th><th>").Append(E(words.Change)).Append("</th></tr></thead><tbody>\n");
        foreach (var (name, current, previous, change) in f.Headlines(report.Total, report.Previous, report.Settings.BusinessHours is not null))
        {
            html.Append("<tr><td>").Append(E(name)).Append("</td><td>").Append(E(current)).Append("</td><td>").Append(E(previous)).Append("</td><td>").Append(E(change)).Append("</td></tr>\n");
        }

        html.Append("</tbody></table>\n");

        html.Append("<h2>").Append(E(words.Trends)).Append("</h2>\n");
        Chart(html, "chart-weekly", ReportCharts.Weekly(report.Weeks, words), words.ChartShareTitle, words);
        Weeks(html, report, f);

        html.Append("<h2>").Append(E(words.Channels)).Append("</h2>\n");
        Chart(html, "chart-channels", ReportCharts.Channels(report.Channels, words), words.ChartChannelsTitle, words);
        ChannelsTable(html, report, f);

        html.Append("<h2>").Append(E(words.Responses)).Append("</h2>\n");
        Responses(html, report, f);

        html.Append("<h2>").Append(E(words.Unanswered)).Append("</h2>\n");
        Unanswered(html, report, f, zone);

        html.Append("<h2>").Append(E(words.TopPosts)).Append("</h2>\n");
        Posts(html, "top-posts", report.TopPosts, f, zone);
        html.Append("<h2>").Append(E(words.BottomPosts)).Append("</h2>\n");
        Posts(html, "bottom-posts", report.BottomPosts, f, zone);

        html.Append("<h2>").Append(E(words.Definitions)).Append("</h2>\n<p class=\"muted\">").Append(E(words.DefinitionsText)).Append("</p>\n");
        html.Append("<footer>").Append(E(report.ClientId)).Append(" · ").Append(E(report.Settings.TimeZone)).Append(" · ")
            .Append(E(string.Create(CultureInfo.InvariantCulture, $"reply window {report.Settings.ReplyWindowHours} h, reply needed {report.Settings.ReplyNeededHours} h, business hours: {report.Settings.BusinessHours ?? "-"}")))
            .Append("</footer>\n");
        Close(html);
        return html.ToString();
    }

    /// <summary>The agency overview: one row per client, this period against the previous one.</summary>
    public static string Render(AgencyOverview overview, string language)
    {
        var words = ReportWords.For(language);
        var f = new Figures(words);
        var html = new StringBuilder(16 * 1024);
        Open(html, words, words.OverviewTitle);
        html.Append("<h1>").Append(E(words.OverviewTitle)).Append("</h1>\n<p class=\"sub\">").Append(E(words.AsOfLabel)).Append(' ')
            .Append(E(overview.AsOf.ToString("d MMM yyyy HH:mm 'UTC'", words.Culture))).Append("</p>\n");
        html.Append("<table id=\"overview\"><thead><tr><th>").Append(E(words.Client)).Append("</th><th>").Append(E(words.PeriodLabel)).Append("</th>");
        foreach (var key in new[] { "brand_relational_share", "reply_rate", "median_first_response", "open_at_end", "engagement_rate", "style" })
        {
            html.Append("<th>").Append(E(words.Metrics[key])).Append("</th>");
        }

        html.Append("</tr></thead><tbody>\n");
        foreach (var row in overview.Clients)
        {
            var (now, before) = (row.Total, row.Previous);
            html.Append("<tr><td>").Append(E(row.DisplayName)).Append("<br><span class=\"muted\">").Append(E(row.ClientId)).Append("</span></td><td>")
                .Append(E(f.Date(row.Period.From))).Append(" – ").Append(E(f.Date(row.Period.To))).Append("</td>");
            Cell(html, f.Percent(now.BrandRelationalShare), f.PointsChange(now.BrandRelationalShare, before.BrandRelationalShare));
            Cell(html, f.Percent(now.ReplyRate), f.PointsChange(now.ReplyRate, before.ReplyRate));
            Cell(html, f.Wait(now.FirstResponse.MedianMinutes), f.WaitChange(now.FirstResponse.MedianMinutes, before.FirstResponse.MedianMinutes));
            Cell(html, f.Count(now.OpenAtEnd), f.RelativeChange(now.OpenAtEnd, before.OpenAtEnd));
            Cell(html, f.Percent(now.EngagementRate), f.PointsChange(now.EngagementRate, before.EngagementRate));
            Cell(html, f.Style(now.Style), f.Style(before.Style));
            html.Append("</tr>\n");
        }

        html.Append("</tbody></table>\n");
        Close(html);
        return html.ToString();
    }

    private static void Cell(StringBuilder html, string value, string change) =>
        html.Append("<td>").Append(E(value)).Append("<br><span class=\"muted\">").Append(E(change)).Append("</span></td>");

    private static void Open(StringBuilder html, ReportWords words, string title)
    {
        html.Append("<!DOCTYPE html>\n<html lang=\"").Append(words.Lang).Append("\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(E(title)).Append("</title>\n<style>\n").Append(Styles).Append("\n</style>\n</head>\n<body>\n<main>\n");
    }

    private static void Close(StringBuilder html) => html.Append("</main>\n</body>\n</html>\n");

    private static void Cards(StringBuilder html, ClientReport report, Figures f)
    {
        var (now, before) = (report.Total, report.Previous);
        var m = f.Words.Metrics;
        html.Append("<div class=\"cards\" id=\"cards\">\n");
        Card(html, m["brand_relational_share"], f.Percent(now.BrandRelationalShare), f.PointsChange(now.BrandRelationalShare, before.BrandRelationalShare));
        Card(html, m["reply_rate"], f.Percent(now.ReplyRate), f.PointsChange(now.ReplyRate, before.ReplyRate));
        Card(html, m["median_first_response"], f.Wait(now.FirstResponse.MedianMinutes), f.WaitChange(now.FirstResponse.MedianMinutes, before.FirstResponse.MedianMinutes));
        Card(html, m["open_at_end"], f.Count(now.OpenAtEnd), f.Words.PreviousPeriod + ": " + f.Count(before.OpenAtEnd));
        html.Append("</div>\n");
    }

    private static void Card(StringBuilder html, string name, string value, string was) =>
        html.Append("<div class=\"card\"><div class=\"name\">").Append(E(name)).Append("</div><div class=\"value\">").Append(E(value))
            .Append("</div><div class=\"was\">").Append(E(was)).Append("</div></div>\n");

    private static void Chart(StringBuilder html, string id, string? svg, string caption, ReportWords words)
    {
        if (svg is null)
        {
            html.Append("<p class=\"muted\" id=\"").Append(id).Append("\">").Append(E(words.NoData)).Append("</p>\n");
            return;
        }

        html.Append("<figure class=\"chart\" id=\"").Append(id).Append("\">\n").Append(svg).Append("\n<figcaption>").Append(E(caption)).Append("</figcaption>\n</figure>\n");
    }

    private static void Weeks(StringBuilder html, ClientReport report, Figures f)
    {
        var w = f.Words;
        html.Append("<table id=\"weeks\"><thead><tr><th>").Append(E(w.Week)).Append("</th><th>").Append(E(w.Metrics["brand_relational_share"])).Append("</th><th>")
            .Append(E(w.Metrics["reply_rate"])).Append("</th><th>").Append(E(w.Metrics["median_first_response"])).Append("</th><th>").Append(E(w.Metrics["customer_messages"])).Append("</th></tr></thead><tbody>\n");
        foreach (var week in report.Weeks)
        {
            html.Append("<tr><td>").Append(E(f.Date(week.WeekStart))).Append("</td><td>").Append(E(f.Percent(week.Figures.BrandRelationalShare))).Append("</td><td>")
                .Append(E(f.Percent(week.Figures.ReplyRate))).Append("</td><td>").Append(E(f.Wait(week.Figures.FirstResponse.MedianMinutes))).Append("</td><td>")
                .Append(E(f.Count(week.Figures.CustomerMessages))).Append("</td></tr>\n");
        }

        html.Append("</tbody></table>\n");
    }

    private static void ChannelsTable(StringBuilder html, ClientReport report, Figures f)
    {
        var w = f.Words;
        html.Append("<table id=\"channels\"><thead><tr><th>").Append(E(w.Channel)).Append("</th><th>").Append(E(w.Metrics["brand_relational_share"])).Append("</th><th>")
            .Append(E(w.Metrics["reply_rate"])).Append("</th><th>").Append(E(w.Metrics["median_first_response"])).Append("</th><th>")
            .Append(E(w.Metrics["engagement_rate"])).Append("</th><th>").Append(E(w.Metrics["interactions"])).Append("</th></tr></thead><tbody>\n");
        foreach (var channel in report.Channels)
        {
            var (now, before) = (channel.Current, channel.Previous);
            html.Append("<tr><td>").Append(E(channel.ChannelId)).Append("</td>");
            Cell(html, f.Percent(now.BrandRelationalShare), f.PointsChange(now.BrandRelationalShare, before.BrandRelationalShare));
            Cell(html, f.Percent(now.ReplyRate), f.PointsChange(now.ReplyRate, before.ReplyRate));
            Cell(html, f.Wait(now.FirstResponse.MedianMinutes), f.WaitChange(now.FirstResponse.MedianMinutes, before.FirstResponse.MedianMinutes));
            Cell(html, f.Percent(now.EngagementRate), f.PointsChange(now.EngagementRate, before.EngagementRate));
            Cell(html, f.Count(now.Interactions), f.RelativeChange(now.Interactions, before.Interactions));
            html.Append("</tr>\n");
        }

        html.Append("</tbody></table>\n");
    }

    private static void Responses(StringBuilder html, ClientReport report, Figures f)
    {
        var w = f.Words;
        var now = report.Total;
        html.Append("<table id=\"responses\"><thead><tr><th></th><th>").Append(E(w.Answered)).Append("</th><th>").Append(E(w.Median)).Append("</th><th>")
            .Append(E(w.Mean)).Append("</th><th>").Append(E(w.Quickest)).Append("</th><th>").Append(E(w.Slowest)).Append("</th></tr></thead><tbody>\n");
        Row(w.AllHours, f.Percent(now.ReplyRate), now.FirstResponse);
        Row(w.Public, f.Percent(now.ReplyRatePublic), now.FirstResponsePublic);
        Row(w.Dm, f.Percent(now.ReplyRateDm), now.FirstResponseDm);
        if (now.FirstResponseBusiness is { } business)
        {
            Row(w.BusinessHours, f.Percent(now.ReplyRate), business);
        }
        else
        {
            html.Append("<tr><td>").Append(E(w.BusinessHours)).Append("</td><td colspan=\"5\" class=\"muted\">").Append(E(w.NotConfigured)).Append("</td></tr>\n");
        }

        html.Append("</tbody></table>\n");

        void Row(string name, string rate, ResponseStats stats) =>
            html.Append("<tr><td>").Append(E(name)).Append("</td><td>").Append(E(rate)).Append("</td><td>").Append(E(f.Wait(stats.MedianMinutes))).Append("</td><td>")
                .Append(E(f.Wait(stats.MeanMinutes))).Append("</td><td>").Append(E(f.Wait(stats.QuickestMinutes))).Append("</td><td>").Append(E(f.Wait(stats.SlowestMinutes))).Append("</td></tr>\n");
    }

    private static void Unanswered(StringBuilder html, ClientReport report, Figures f, TimeZoneInfo zone)
    {
        var w = f.Words;
        if (report.Unanswered.Count == 0)
        {
            html.Append("<p id=\"unanswered\">").Append(E(w.NoneWaiting)).Append("</p>\n");
            return;
        }

        html.Append("<table id=\"unanswered\"><thead><tr><th>").Append(E(w.Received)).Append("</th><th>").Append(E(w.Channel)).Append("</th><th class=\"text\">")
            .Append(E(w.Message)).Append("</th><th>").Append(E(w.Waited)).Append("</th><th>").Append(E(w.Status)).Append("</th></tr></thead><tbody>\n");
        foreach (var item in report.Unanswered.Take(MaxListed))
        {
            html.Append("<tr><td>").Append(E(f.LocalTime(item.ReceivedAt, zone))).Append("</td><td>").Append(E(item.ChannelId)).Append(item.Dm ? " (DM)" : "").Append("</td><td class=\"text\">");
            if (item.Question)
            {
                html.Append("<span class=\"tag\">").Append(E(w.Question)).Append("</span> ");
            }

            if (item.Complaint)
            {
                html.Append("<span class=\"tag\">").Append(E(w.Complaint)).Append("</span> ");
            }

            html.Append(E(item.Excerpt ?? item.PlatformId));
            if (item.Url is { } url)
            {
                html.Append(" <a href=\"").Append(E(url)).Append("\">↗</a>");
            }

            html.Append("</td><td>").Append(E(f.Wait(item.AgeAtEndHours * 60))).Append("</td><td>").Append(E(w.Statuses.GetValueOrDefault(item.Status, item.Status)));
            if (item.WaitMinutes is { } waited)
            {
                html.Append(" (").Append(E(f.Wait(waited))).Append(')');
            }

            html.Append("</td></tr>\n");
        }

        html.Append("</tbody></table>\n");
        if (report.Unanswered.Count > MaxListed)
        {
            html.Append("<p class=\"muted\">").Append(E(string.Format(w.Culture, w.AndMore, report.Unanswered.Count - MaxListed))).Append("</p>\n");
        }
    }

    private static void Posts(StringBuilder html, string id, IReadOnlyList<PostResponse> posts, Figures f, TimeZoneInfo zone)
    {
        var w = f.Words;
        if (posts.Count == 0)
        {
            html.Append("<p id=\"").Append(id).Append("\">").Append(E(w.NoPosts)).Append("</p>\n");
            return;
        }

        html.Append("<table id=\"").Append(id).Append("\"><thead><tr><th>").Append(E(w.Date)).Append("</th><th class=\"text\">").Append(E(w.Post)).Append("</th><th>")
            .Append(E(w.AnsweredColumn)).Append("</th><th>").Append(E(w.RelationalAudienceColumn)).Append("</th><th>").Append(E(w.LikesColumn)).Append("</th><th>")
            .Append(E(w.SharesColumn)).Append("</th><th>").Append(E(w.EngagementColumn)).Append("</th></tr></thead><tbody>\n");
        foreach (var post in posts)
        {
            html.Append("<tr><td>").Append(E(f.LocalTime(post.CreatedAt, zone))).Append("<br><span class=\"muted\">").Append(E(post.ChannelId)).Append("</span></td><td class=\"text\">")
                .Append(E(post.Excerpt ?? post.PlatformId));
            if (post.Url is { } url)
            {
                html.Append(" <a href=\"").Append(E(url)).Append("\">↗</a>");
            }

            html.Append("<br><span class=\"tag\">").Append(E(w.Labels.GetValueOrDefault(post.Label, post.Label))).Append("</span> <span class=\"muted\">")
                .Append(E(post.Signals ?? "")).Append("</span></td><td>").Append(E(f.Count(post.AnsweredMessages))).Append("</td><td>")
                .Append(E(f.Count(post.RelationalAudience))).Append("</td><td>").Append(E(post.Likes is { } likes ? f.Count((int)likes) : w.NoData)).Append("</td><td>")
                .Append(E(post.Shares is { } shares ? f.Count((int)shares) : w.NoData)).Append("</td><td>").Append(E(f.Percent(post.EngagementRate))).Append("</td></tr>\n");
        }

        html.Append("</tbody></table>\n");
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
