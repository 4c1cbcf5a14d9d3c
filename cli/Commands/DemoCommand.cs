using System.CommandLine;
using System.Globalization;
using Engagement.Cli.Hosting;
using Engagement.Core.Ports;
using Engagement.Core.Reporting;
using Engagement.LocalHost;
using Spectre.Console;

namespace Engagement.Cli.Commands;

/// <summary><c>engage demo</c>: the whole pipeline on the shipped demo clients, then a summary.</summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var data = new Option<DirectoryInfo>("--data")
        {
            Description = "Folder with clients.json and the import files (default: the shipped demo data).",
            DefaultValueFactory = _ => new DirectoryInfo(Path.Combine(AppContext.BaseDirectory, "demo")),
        };
        var command = new Command("demo", "Register the demo clients, run the schedule tick, drain the queue and summarise.") { data };
        command.SetAction((parse, ct) => RunAsync(parse.GetValue(data)!, ct));
        return command;
    }

    private static async Task<int> RunAsync(DirectoryInfo data, CancellationToken cancellationToken)
    {
        var catalogPath = Path.Combine(data.FullName, "clients.json");
        if (!File.Exists(catalogPath))
        {
            return Shared.Fail($"{catalogPath} does not exist");
        }

        var log = new Progress<string>(Console.WriteLine);
        await using var host = await EngageHost.StartAsync(
            new Dictionary<string, string?> { ["Engagement:ImportRoot"] = data.FullName },
            progress: log,
            cancellationToken: cancellationToken);
        var catalog = await ClientCatalog.ReadAsync(catalogPath, cancellationToken);
        var runner = host.Get<PipelineRunner>();
        await runner.RegisterAsync(catalog, cancellationToken);
        Console.WriteLine($"Registered {catalog.Count} clients from {catalogPath}");

        var result = await ConsoleProgress.RunAsync("Ingesting", report =>
            runner.RunAsync(
                catalog.Select(c => c.Id).ToList(),
                tick: true,
                new SyncProgress<RunProgress>(p => report(p.JobsDone, p.JobsKnown, $"{p.Stored} stored")),
                cancellationToken));

        Console.WriteLine(
            $"Jobs: {result.ScheduledJobs} from the schedule tick, {result.RequestedJobs} on request, {result.JobsDone} done ({result.Failed} failed); " +
            $"{result.Fetched} read, {result.Stored} stored, {result.Errors} bad records in {result.Elapsed.TotalSeconds:0.0} s " +
            $"({(result.Elapsed.TotalSeconds > 0 ? result.Fetched / result.Elapsed.TotalSeconds : 0):0} interactions/s)");

        var interactions = host.Get<IInteractionStore>();
        var reports = host.Get<ReportService>();
        var to = DateOnly.FromDateTime(host.Get<TimeProvider>().GetUtcNow().UtcDateTime);
        var table = Shared.SummaryTable();
        var stored = 0;
        foreach (var client in catalog)
        {
            var report = await reports.GetAsync(client.Id, to.AddDays(-(ReportPeriod.MaxDays - 1)), to, cancellationToken);
            if (report is not null)
            {
                Shared.AddSummaryRow(table, report.ClientId, report.Total);
                stored += await interactions.CountAsync(client.Id, cancellationToken);
            }
        }

        AnsiConsole.Write(table);
        Console.WriteLine(Shared.Legend);
        Console.WriteLine($"The Interactions table holds {stored.ToString(CultureInfo.InvariantCulture)} rows for these clients.");
        Console.WriteLine("Explore: engage report <client-id> [--format html --output report.html], engage inbox <client-id>, engage report --all;");
        Console.WriteLine("tables in Azurite at 127.0.0.1:10002 (Interactions, DailyEngagement, Runs, Inbox; docs/bi.md).");
        return result.Failed == 0 ? 0 : 1;
    }
}
