using System.Globalization;
using Engagement.Core.Reporting;
using Spectre.Console;

namespace Engagement.Cli.Commands;

/// <summary>Output helpers the commands share.</summary>
internal static class Shared
{
    /// <summary>A share as a whole percentage; "-" when there is no data (never 0%).</summary>
    public static string Percent(double? share) => share is { } s ? (s * 100).ToString("0", CultureInfo.InvariantCulture) + "%" : "-";

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
        // Short headers, explained under the table, so it fits an 80-column terminal.
        return new Table()
            .Border(TableBorder.Simple)
            .Collapse()
            .AddColumn(new TableColumn("").NoWrap())
            .AddColumn(new TableColumn("items").RightAligned().NoWrap().PadRight(0))
            .AddColumn(new TableColumn("brand rel.").RightAligned().NoWrap().PadRight(0))
            .AddColumn(new TableColumn("replied").RightAligned().NoWrap().PadRight(0))
            .AddColumn(new TableColumn("1st reply").RightAligned().NoWrap().PadRight(0))
            .AddColumn(new TableColumn("open ?").RightAligned().NoWrap().PadRight(0))
            .AddColumn(new TableColumn("eng.").RightAligned().NoWrap().PadRight(0))
            .AddColumn(new TableColumn("style").NoWrap());
    }

    /// <summary>What the short headers of <see cref="SummaryTable"/> mean.</summary>
    public const string Legend =
        "brand rel.: relational share of the brand's own messages (posts, replies, DMs);" + "\n" +
        "replied: customer messages the brand answered within the reply window; 1st reply: median wait for that answer;" + "\n" +
        "open ?: customer questions left unanswered; eng.: mean engagement rate of the brand's posts; -: no data.";

    public static void AddSummaryRow(Table table, string name, PeriodFigures s) => table.AddRow(
        Markup.Escape(name),
        s.Interactions.ToString(CultureInfo.InvariantCulture),
        Percent(s.BrandRelationalShare),
        Percent(s.ReplyRate),
        Minutes(s.FirstResponse.MedianMinutes),
        s.UnansweredQuestions.ToString(CultureInfo.InvariantCulture),
        s.EngagementRate is { } rate ? (rate * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "-",
        s.Style ?? "no data");

    public static int Fail(string message)
    {
        Console.Error.WriteLine($"error: {message}");
        return 1;
    }
}
