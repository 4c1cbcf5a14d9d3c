using System.CommandLine;
using Engagement.Cli.Hosting;
using Engagement.Core.Privacy;

namespace Engagement.Cli.Commands;

/// <summary><c>engage erase</c>: removes every row one person wrote in one client (docs/privacy.md).</summary>
internal static class EraseCommand
{
    public static Command Create()
    {
        var client = new Argument<string>("client-id");
        var author = new Option<string>("--author") { Description = "The person's handle as the platform shows it (@name).", Required = true };
        var command = new Command("erase", "Erase one person from a client: delete every interaction they wrote, recompute the days, and skip them in later ingestion. Running it again removes nothing more.") { client, author };
        command.SetAction(async (parse, ct) =>
        {
            var clientId = parse.GetValue(client)!;
            await using var host = await EngageHost.StartAsync(cancellationToken: ct);
            var result = await host.Get<ErasureService>().EraseAsync(clientId, parse.GetValue(author), ct);
            if (result.Problem is { } problem)
            {
                return Shared.Fail(problem);
            }

            if (!result.ClientFound)
            {
                return Shared.Fail($"there is no client '{clientId}' (engage clients list shows them)");
            }

            Console.WriteLine($"{result.Removed} interaction(s) removed from {clientId}; {result.DaysRecomputed.Count} day(s) recomputed. Later ingestion skips this person.");
            return 0;
        });
        return command;
    }
}
