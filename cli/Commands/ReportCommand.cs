using System.CommandLine;
using System.Globalization;
using System.Text;
using Engagement.Cli.Hosting;
using Engagement.Core.Reporting;
using Engagement.Http;
using Engagement.Reports;
using Spectre.Console;

namespace Engagement.Cli.Commands;

/// <summary>
/// <c>engage report</c>: a client's report, or every client's (<c>--all</c>), as a terminal table, JSON, CSV or a
/// self-contained HTML page.
/// </summary>
internal static class ReportCommand
{
    public static Command Create()
    {
        var client = new Argument<string>("client-id") { Arity = ArgumentArity.ZeroOrOne };
        var all = new Option<bool>("--all") { Description = "The agency overview: every client, this period against the previous one." };
        var from = new Option<string>("--from") { Description = "First day, yyyy-MM-dd (default: 27 days before --to)." };
        var to = new Option<string>("--to") { Description = "Last day, yyyy-MM-dd (default: today in the client's zone)." };
        var format = new Option<string>("--format") { Description = "text, json, csv or html (default: text).", DefaultValueFactory = _ => "text" };
        var json = new Option<bool>("--json") { Description = "Same as --format json." };
        var output = new Option<FileInfo>("--output") { Description = "Write to this file instead of the terminal." };
        var command = new Command("report", "Show a client's report, or the agency overview with --all.") { client, all, from, to, format, json, output };
        command.SetAction(async (parse, ct) =>
        {
            var formatText = parse.GetValue(json) ? "json" : parse.GetValue(format)!;
            var text = formatText.Equals("text", StringComparison.OrdinalIgnoreCase);
            if (!text && !ReportFormats.TryParse(formatText, out _))
            {
                return Shared.Fail($"--format '{formatText}' is not text, json, csv or html");
            }

            if (text && parse.GetValue(output) is not null)
            {
                return Shared.Fail("--output writes a file: give --format json, csv or html with it");
            }

            var clientId = parse.GetValue(client);
            if (clientId is null != parse.GetValue(all))
            {
                return Shared.Fail("give a client id, or --all for every client");
            }

            await using var host = await EngageHost.StartAsync(cancellationToken: ct);
            return clientId is null
                ? await OverviewAsync(host, parse.GetValue(from), parse.GetValue(to), text ? null : formatText, parse.GetValue(output), ct)
                : await ClientAsync(host, clientId, parse.GetValue(from), parse.GetValue(to), text ? null : formatText, parse.GetValue(output), ct);
        });
        return command;
    }

    private static async Task<int> ClientAsync(EngageHost host, string clientId, string? from, string? to, string? format, FileInfo? output, CancellationToken ct)
    {
        if (format is not null)
        {
            var result = await host.Get<EngagementApi>().GetReportAsync(ApiCredentials.Local, clientId, from, to, format: format, cancellationToken: ct);
            if (result.Status != 200)
            {
                return Shared.Fail(CliErrors.Describe(result));
            }

            return await WriteAsync(result.Render(), format, output, ct);
        }

        var errors = new List<string>();
        var fromDate = Date(from, "--from", errors);
        var toDate = Date(to, "--to", errors);
        if (errors.Count > 0)
        {
            return Shared.Fail(string.Join("; ", errors));
        }

        var found = await host.Get<ReportService>().GetForPeriodAsync(clientId, fromDate, toDate, ct);
        if (found.Report is not { } report)
        {
            return Shared.Fail(found.ClientFound ? found.PeriodProblem! : $"there is no client '{clientId}'");
        }

        var period = report.Period;
        Console.WriteLine($"{report.DisplayName}: {period.From:yyyy-MM-dd} to {period.To:yyyy-MM-dd}, against {period.PreviousFrom:yyyy-MM-dd} to {period.PreviousTo:yyyy-MM-dd}{(period.Provisional ? $" (provisional: {period.OpenUnits} still waiting)" : "")}");
        var table = Shared.SummaryTable();
        Shared.AddSummaryRow(table, "all channels", report.Total);
        Shared.AddSummaryRow(table, "  previous", report.Previous);
        foreach (var channel in report.Channels)
        {
            Shared.AddSummaryRow(table, channel.ChannelId, channel.Current);
        }

        foreach (var week in report.Weeks)
        {
            Shared.AddSummaryRow(table, "week of " + week.WeekStart.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), week.Figures);
        }

        AnsiConsole.Write(table);
        Console.WriteLine(Shared.Legend);
        Console.WriteLine($"Unanswered at the end of the period: {report.Unanswered.Count} (engage inbox {report.ClientId} lists who is still waiting; --format html for the full report).");
        return 0;
    }

    private static async Task<int> OverviewAsync(EngageHost host, string? from, string? to, string? format, FileInfo? output, CancellationToken ct)
    {
        var errors = new List<string>();
        var fromDate = Date(from, "--from", errors);
        var toDate = Date(to, "--to", errors);
        if (errors.Count > 0)
        {
            return Shared.Fail(string.Join("; ", errors));
        }

        var (overview, problem) = await host.Get<ReportService>().GetOverviewAsync(fromDate, toDate, ct);
        if (overview is null)
        {
            return Shared.Fail(problem!);
        }

        if (format is not null)
        {
            ReportFormats.TryParse(format, out var chosen);
            var language = overview.Clients.GroupBy(c => c.Language).OrderByDescending(g => g.Count()).FirstOrDefault()?.Key ?? "en";
            return await WriteAsync(ReportFormats.Render(overview, chosen, language), format, output, ct);
        }

        var table = Shared.SummaryTable();
        foreach (var row in overview.Clients)
        {
            Shared.AddSummaryRow(table, row.ClientId, row.Total);
        }

        AnsiConsole.Write(table);
        Console.WriteLine(Shared.Legend);
        return 0;
    }

    private static async Task<int> WriteAsync(string content, string format, FileInfo? output, CancellationToken ct)
    {
        if (output is null)
        {
            Console.Out.Write(content);
            return 0;
        }

        var bytes = format.Equals("csv", StringComparison.OrdinalIgnoreCase) ? ReportCsv.ToBytes(content) : new UTF8Encoding(false).GetBytes(content);
        await File.WriteAllBytesAsync(output.FullName, bytes, ct);
        Console.Error.WriteLine($"Wrote {output.FullName}");
        return 0;
    }

    private static DateOnly? Date(string? text, string name, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        errors.Add($"{name} must be a date as yyyy-MM-dd");
        return null;
    }
}
