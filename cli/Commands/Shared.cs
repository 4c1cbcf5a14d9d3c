using System.Globalization;
using Engagement.Pipeline.Analytics;
using Spectre.Console;

namespace Engagement.Cli.Commands;

/// <summary>Output helpers the commands share.</summary>
internal static class Shared
{
    public static string Percent(double share) => share.ToString("P0", CultureInfo.InvariantCulture);

    public static string Minutes(double? minutes) => minutes switch
    {
        null => "-",
        < 120 => $"{minutes:0} min",
        < 48 * 60 => $"{minutes / 60:0.0} h",
        _ => $"{minutes / 60 / 24:0.0} d",
    };

    /// <summary>One table row per client, the columns an agency reads first.</summary>
    public static Table SummaryTable()
    {
        // Redirected output has no width; give tables room rather than wrapping every cell.
        if (Console.IsOutputRedirected)
        {
            AnsiConsole.Profile.Width = Math.Max(AnsiConsole.Profile.Width, 132);
        }

        return new Table()
            .AddColumn(new TableColumn("").NoWrap())
            .AddColumn(new TableColumn("interactions").RightAligned())
            .AddColumn(new TableColumn("relational").RightAligned())
            .AddColumn(new TableColumn("brand relational").RightAligned())
            .AddColumn(new TableColumn("reply rate").RightAligned())
            .AddColumn(new TableColumn("avg first reply").RightAligned())
            .AddColumn(new TableColumn("unanswered ?").RightAligned())
            .AddColumn("style");
    }

    public static void AddSummaryRow(Table table, string name, EngagementSummary s) => table.AddRow(
        Markup.Escape(name),
        s.Interactions.ToString(CultureInfo.InvariantCulture),
        Percent(s.RelationalShare),
        Percent(s.BrandRelationalShare),
        Percent(s.ReplyRate),
        Minutes(s.AverageFirstResponseMinutes),
        s.UnansweredQuestions.ToString(CultureInfo.InvariantCulture),
        s.Style);

    public static int Fail(string message)
    {
        Console.Error.WriteLine($"error: {message}");
        return 1;
    }
}
