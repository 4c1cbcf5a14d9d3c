using System.CommandLine;
using System.Globalization;
using Engagement.Cli.Hosting;
using Engagement.Core.Reporting;
using Engagement.Http;
using Spectre.Console;

namespace Engagement.Cli.Commands;

/// <summary><c>engage report</c>: a client's figures over a period, in total, per channel and per week.</summary>
internal static class ReportCommand
{
    public static Command Create()
    {
        var client = new Argument<string>("client-id");
        var from = new Option<string>("--from") { Description = "First day, yyyy-MM-dd (default: 27 days before --to)." };
        var to = new Option<string>("--to") { Description = "Last day, yyyy-MM-dd (default: today in the client's zone)." };
        var json = new Option<bool>("--json") { Description = "Print the report as the API returns it." };
        var command = new Command("report", "Show a client's report.") { client, from, to, json };
        command.SetAction(async (parse, ct) =>
        {
            await using var host = await EngageHost.StartAsync(cancellationToken: ct);
            var result = await host.Get<EngagementApi>().GetReportAsync(ApiCredentials.Local, parse.GetValue(client)!, parse.GetValue(from), parse.GetValue(to), ct);
            if (result.Status != 200 || parse.GetValue(json))
            {
                (result.Status == 200 ? Console.Out : Console.Error).WriteLine(result.ToJson());
                return result.Status == 200 ? 0 : 1;
            }

            var report = (ClientReport)result.Body!;
            Console.WriteLine($"{report.DisplayName}: {report.From:yyyy-MM-dd} to {report.To:yyyy-MM-dd}");
            var table = Shared.SummaryTable();
            Shared.AddSummaryRow(table, "all channels", report.Total);
            foreach (var (channel, summary) in report.Channels)
            {
                Shared.AddSummaryRow(table, channel, summary);
            }

            foreach (var week in report.Weeks)
            {
                Shared.AddSummaryRow(table, "week of " + week.WeekStart.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), week.Summary);
            }

            AnsiConsole.Write(table);
            Console.WriteLine(Shared.Legend);
            return 0;
        });
        return command;
    }
}
