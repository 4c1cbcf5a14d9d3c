using System.CommandLine;
using Engagement.Cli.Hosting;
using Engagement.Core.Registration;
using Engagement.LocalHost;

namespace Engagement.Cli.Commands;

/// <summary><c>engage ingest</c>: run clients now and drain the queue.</summary>
internal static class IngestCommand
{
    public static Command Create()
    {
        var clients = new Argument<string[]>("client-id") { Description = "Clients to run (default: all).", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("ingest", "Queue a run of the given clients now and process the queue until it is empty.") { clients };
        command.SetAction(async (parse, ct) =>
        {
            await using var host = await EngageHost.StartAsync(cancellationToken: ct);
            var registered = (await host.Get<ClientRegistration>().ListAsync(ct)).Select(c => c.Client.Id).ToArray();
            var ids = parse.GetValue(clients) is { Length: > 0 } given ? given : registered;
            var unknown = ids.Except(registered, StringComparer.Ordinal).ToArray();
            if (unknown.Length > 0)
            {
                return Shared.Fail($"no client {string.Join(", ", unknown.Select(u => $"'{u}'"))}: 'engage clients list' shows the registered ones, 'engage clients add' registers one");
            }

            var result = await ConsoleProgress.RunAsync("Ingesting", report =>
                host.Get<PipelineRunner>().RunAsync(ids, tick: false, new SyncProgress<RunProgress>(p => report(p.JobsDone, p.JobsKnown, $"{p.Stored} stored")), ct));
            Console.WriteLine($"{result.JobsDone} jobs, {result.Fetched} read, {result.Stored} stored, {result.Errors} bad records, {result.Failed} failed jobs");
            if (result.Throttled > 0)
            {
                Console.WriteLine($"{result.Throttled} throttled jobs wait on the queue until {result.ResumeAt:yyyy-MM-dd HH:mm:ss}Z; 'engage serve' or the next 'engage ingest' after then reads on");
            }
            return result.Failed == 0 ? 0 : 1;
        });
        return command;
    }
}
