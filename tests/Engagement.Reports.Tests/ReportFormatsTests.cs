namespace Engagement.Reports.Tests;

public sealed class ReportFormatsTests
{
    [Theory]
    [InlineData(null, ReportFormat.Json)]
    [InlineData("*/*", ReportFormat.Json)]
    [InlineData("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", ReportFormat.Html)]
    [InlineData("text/csv", ReportFormat.Csv)]
    [InlineData("text/html;q=0.2, text/csv;q=0.9", ReportFormat.Csv)]
    [InlineData("text/csv;q=0, application/json", ReportFormat.Json)]
    public void TheAcceptHeaderChoosesTheFormat(string? accept, ReportFormat expected) =>
        Assert.Equal(expected, ReportFormats.FromAccept(accept));

    [Fact]
    public void ChartIdsAreRenamedPerChartSoTwoChartsNeverShareOne()
    {
        const string Svg = """<?xml version="1.0"?><svg width="10" height="10"><clipPath id="cl_1a"/><g clip-path="url(#cl_1a)"/><text font-family="DejaVu Sans">x</text></svg>""";

        var inline = ReportCharts.ForInlineHtml(Svg, "weekly");

        Assert.StartsWith("<svg viewBox=", inline, StringComparison.Ordinal);
        Assert.Contains("id=\"weekly-c0\"", inline, StringComparison.Ordinal);
        Assert.Contains("url(#weekly-c0)", inline, StringComparison.Ordinal);
        Assert.DoesNotContain("cl_1a", inline, StringComparison.Ordinal);
        Assert.Contains("font-family=\"DejaVu Sans, Verdana, Arial, sans-serif\"", inline, StringComparison.Ordinal);
    }
}
