using System.Globalization;
using System.Text.RegularExpressions;
using Engagement.Core.Reporting;
using ScottPlot;

namespace Engagement.Reports;

/// <summary>
/// The report's charts, drawn by ScottPlot as SVG to inline in the page: one <see cref="Plot"/> per chart and per call
/// (a plot is not safe to share between threads), the font pinned, tick labels written by us in the report's culture.
/// </summary>
internal static partial class ReportCharts
{
    public const int Width = 900;
    public const int Height = 360;

    /// <summary>Pinned, since the default face depends on the machine; the package fonts-dejavu-core installs it.</summary>
    public const string FontName = "DejaVu Sans";

    /// <summary>The series colours; the page's own styles use none of them, so a screenshot can tell a chart apart.</summary>
    public static readonly string CurrentColour = "#0F766E";
    public static readonly string SecondColour = "#D97706";

    /// <summary>Brand relational share and reply rate per week, in percent; null when no week has either.</summary>
    public static string? Weekly(IReadOnlyList<WeekFigures> weeks, ReportWords words)
    {
        var share = Points(weeks, w => w.Figures.BrandRelationalShare);
        var reply = Points(weeks, w => w.Figures.ReplyRate);
        if (share.Count == 0 && reply.Count == 0)
        {
            return null;
        }

        var plot = new Plot();
        AddLine(plot, share, CurrentColour, words.Metrics["brand_relational_share"]);
        AddLine(plot, reply, SecondColour, words.Metrics["reply_rate"]);
        var positions = Enumerable.Range(0, weeks.Count).Select(i => (double)i).ToArray();
        plot.Axes.Bottom.SetTicks(positions, weeks.Select(w => w.WeekStart.ToString("d MMM", words.Culture)).ToArray());
        plot.Axes.Left.SetTicks([0, 25, 50, 75, 100], ["0", "25", "50", "75", "100"]);
        plot.Axes.SetLimits(-0.5, Math.Max(0.5, weeks.Count - 0.5), 0, 105);
        plot.XLabel(words.ChartWeek);
        plot.YLabel(words.ChartPercent);
        plot.ShowLegend(Alignment.LowerLeft);
        return Render(plot, "weekly");
    }

    /// <summary>Brand relational share per channel, this period beside the previous one; null when no channel has data.</summary>
    public static string? Channels(IReadOnlyList<ChannelReport> channels, ReportWords words)
    {
        var shown = channels.Where(c => c.Current.BrandRelationalShare is not null || c.Previous.BrandRelationalShare is not null).ToList();
        if (shown.Count == 0)
        {
            return null;
        }

        var plot = new Plot();
        var bars = new List<Bar>();
        for (var i = 0; i < shown.Count; i++)
        {
            AddBar(bars, i * 3, shown[i].Current.BrandRelationalShare, CurrentColour, words);
            AddBar(bars, (i * 3) + 1, shown[i].Previous.BrandRelationalShare, SecondColour, words);
        }

        plot.Add.Bars(bars);
        plot.Axes.Bottom.SetTicks(shown.Select((_, i) => (i * 3) + 0.5).ToArray(), shown.Select(c => c.ChannelId).ToArray());
        plot.Axes.Left.SetTicks([0, 25, 50, 75, 100], ["0", "25", "50", "75", "100"]);
        plot.Axes.SetLimits(-1, (shown.Count * 3) - 1, 0, 110);
        plot.YLabel(words.ChartPercent);
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = words.ThisPeriod, FillColor = Color.FromHex(CurrentColour) });
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = words.PreviousPeriod, FillColor = Color.FromHex(SecondColour) });
        plot.ShowLegend(Alignment.UpperRight);
        return Render(plot, "channels");
    }

    private static List<(double X, double Y)> Points(IReadOnlyList<WeekFigures> weeks, Func<WeekFigures, double?> value) =>
        weeks.Select((w, i) => (X: (double)i, Y: value(w))).Where(p => p.Y is not null).Select(p => (p.X, p.Y!.Value * 100)).ToList();

    private static void AddLine(Plot plot, List<(double X, double Y)> points, string colour, string label)
    {
        if (points.Count == 0)
        {
            return;
        }

        var line = plot.Add.Scatter(points.Select(p => p.X).ToArray(), points.Select(p => p.Y).ToArray(), Color.FromHex(colour));
        line.LineWidth = 3;
        line.MarkerSize = 8;
        line.LegendText = label;
    }

    private static void AddBar(List<Bar> bars, double position, double? share, string colour, ReportWords words)
    {
        if (share is not { } value)
        {
            return;
        }

        bars.Add(new Bar
        {
            Position = position,
            Value = value * 100,
            FillColor = Color.FromHex(colour),
            Label = (value * 100).ToString("0", words.Culture) + "%",
        });
    }

    private static string Render(Plot plot, string id)
    {
        plot.Font.Set(FontName); // after every label exists: it restyles them all
        plot.Axes.Title.Label.FontSize = 16;
        var svg = plot.GetSvgXml(Width, Height).Trim();
        return ForInlineHtml(svg, id);
    }

    /// <summary>
    /// Makes ScottPlot's SVG fit to inline: no XML prolog, a viewBox so CSS can scale it, and Skia's clip-path ids
    /// (numbered by a process-wide counter) renamed per chart, so two charts in a page never share an id and the
    /// output is the same on every run.
    /// </summary>
    internal static string ForInlineHtml(string svg, string id)
    {
        if (svg.StartsWith("<?xml", StringComparison.Ordinal))
        {
            svg = svg[(svg.IndexOf("?>", StringComparison.Ordinal) + 2)..].TrimStart();
        }

        var tagEnd = svg.IndexOf('>', StringComparison.Ordinal);
        if (!svg[..tagEnd].Contains("viewBox", StringComparison.Ordinal))
        {
            svg = svg.Insert(4, string.Create(CultureInfo.InvariantCulture, $" viewBox=\"0 0 {Width} {Height}\" preserveAspectRatio=\"xMidYMid meet\" role=\"img\""));
        }

        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        svg = ClipPathId().Replace(svg, m =>
        {
            if (!ids.TryGetValue(m.Groups[2].Value, out var renamed))
            {
                ids[m.Groups[2].Value] = renamed = string.Create(CultureInfo.InvariantCulture, $"{id}-c{ids.Count}");
            }

            return m.Groups[1].Value + renamed;
        });
        return svg.Replace($"font-family=\"{FontName}\"", $"font-family=\"{FontName}, Verdana, Arial, sans-serif\"", StringComparison.Ordinal);
    }

    [GeneratedRegex("(id=\"|url\\(#)(cl_[0-9a-f]+)", RegexOptions.CultureInvariant)]
    private static partial Regex ClipPathId();
}
