using System.CommandLine;
using System.Globalization;
using Engagement.Cli.Hosting;
using Engagement.Core.Domain;
using Engagement.Core.Ports;
using Spectre.Console;

namespace Engagement.Cli.Commands;

/// <summary><c>engage runs</c>: what the last jobs of a client did, bad records included.</summary>
internal static class RunsCommand
{
    public static Command Create()
    {
        var client = new Argument<string>("client-id");
        var take = new Option<int>("--take") { Description = "How many runs, newest first.", DefaultValueFactory = _ => 20 };
        var command = new Command("runs", "Show a client's recent ingestion jobs: status, counts, the bad records they skipped and warnings about records they kept.") { client, take };
        command.SetAction(async (parse, ct) =>
        {
            var clientId = parse.GetValue(client)!;
            if (!Ids.IsValid(clientId))
            {
                return Shared.Fail($"'{clientId}' is not a client id");
            }

            await using var host = await EngageHost.StartAsync(cancellationToken: ct);
            var runs = await host.Get<IRunStore>().ListRecentAsync(clientId, Math.Clamp(parse.GetValue(take), 1, 1000), ct);
            if (runs.Count == 0 && await host.Get<IClientStore>().GetAsync(clientId, ct) is null)
            {
                // Runs of a client that is not registered (a job that named it) are still shown; nothing at all is an error.
                return Shared.Fail($"no client '{clientId}' and no runs for it: 'engage clients list' shows the registered ones");
            }

            var table = new Table().AddColumns(
                new TableColumn("started (UTC)").NoWrap(),
                new TableColumn("channel").NoWrap(),
                new TableColumn("page").RightAligned(),
                new TableColumn("status").NoWrap(),
                new TableColumn("read").RightAligned(),
                new TableColumn("stored").RightAligned(),
                new TableColumn("bad").RightAligned(),
                new TableColumn("ms").RightAligned(),
                new TableColumn("problems"));
            foreach (var run in runs)
            {
                table.AddRow(
                    run.StartedAt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                    Markup.Escape(run.ChannelId),
                    run.Page.ToString(CultureInfo.InvariantCulture),
                    run.Status,
                    run.Fetched.ToString(CultureInfo.InvariantCulture),
                    run.Stored.ToString(CultureInfo.InvariantCulture),
                    run.Errors.ToString(CultureInfo.InvariantCulture),
                    run.DurationMs.ToString("0", CultureInfo.InvariantCulture),
                    Markup.Escape(Problems(run)));
            }

            AnsiConsole.Write(table);
            return 0;
        });
        return command;
    }

    // Bad records first, then the warnings about records that were kept.
    private static string Problems(RunRecord run) => string.Join(
        '\n',
        new[] { run.Error }.Concat(run.Warnings?.Split('\n').Select(w => "warning: " + w) ?? []).Where(l => !string.IsNullOrEmpty(l)));
}
