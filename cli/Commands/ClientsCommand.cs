using System.CommandLine;
using System.Globalization;
using Engagement.Cli.Hosting;
using Engagement.Core.Domain;
using Engagement.Core.Registration;
using Engagement.LocalHost;
using Spectre.Console;

namespace Engagement.Cli.Commands;

/// <summary><c>engage clients add|list</c>.</summary>
internal static class ClientsCommand
{
    public static Command Create()
    {
        var command = new Command("clients", "Register and list clients.");
        command.Add(CreateAdd());
        command.Add(CreateList());
        return command;
    }

    private static Command CreateAdd()
    {
        var id = new Argument<string>("client-id") { Description = "Lowercase letters, digits and dashes.", Arity = ArgumentArity.ZeroOrOne };
        var name = new Option<string>("--name") { Description = "Display name." };
        var zone = new Option<string>("--time-zone") { Description = "IANA time zone (default: Engagement__DefaultTimeZone, Europe/Rome)." };
        var schedule = new Option<string>("--schedule") { Description = $"Six-field cron in the client's zone (default: {ClientRegistration.DefaultSchedule})." };
        var channels = new Option<string[]>("--channel")
        {
            Description = "Channel as id=platform:account, e.g. instagram=import:acme/instagram.jsonl (repeatable).",
            AllowMultipleArgumentsPerToken = false,
        };
        var secrets = new Option<string[]>("--secret")
        {
            Description = "Secret holding a channel's token, as id=secretName: a Key Vault secret, or Engagement__Secrets__secretName (repeatable).",
            AllowMultipleArgumentsPerToken = false,
        };
        var backfill = new Option<string[]>("--backfill-days")
        {
            Description = "Days of history a new platform channel reads, as id=days (default 90; repeatable).",
            AllowMultipleArgumentsPerToken = false,
        };
        var window = new Option<string[]>("--thread-window-days")
        {
            Description = "Days a post's thread is re-read when its reply count changes, as id=days (default 14; repeatable).",
            AllowMultipleArgumentsPerToken = false,
        };
        var file = new Option<FileInfo>("--file") { Description = "A JSON array of clients, as demo/clients.json." };
        var language = new Option<string>("--language") { Description = "Report language: en or it (default: en)." };
        var replyWindow = new Option<int?>("--reply-window") { Description = "Hours after a customer's message in which a brand answer counts (1-168, default 168)." };
        var needed = new Option<int?>("--reply-needed") { Description = "Hours a question or complaint may wait before a reply.needed alert (default 24)." };
        var hours = new Option<string>("--business-hours") { Description = "Weekly hours in the client's zone, e.g. \"Mon-Fri 09:00-18:00; holidays 2026-12-25\" (default: none)." };
        var retention = new Option<int?>("--retention-days")
        {
            Description = $"Days after which people's texts are dropped, daily figures kept ({Core.Privacy.RetentionService.MinDays}-{Core.Privacy.RetentionService.MaxDays}; default: kept until erased).",
        };
        var command = new Command("add", "Register a client, or update it (its cursors are kept).")
        {
            id, name, zone, schedule, channels, secrets, backfill, window, file, language, replyWindow, needed, hours, retention,
        };
        command.SetAction(async (parse, ct) =>
        {
            IReadOnlyList<CatalogClient> catalog;
            if (parse.GetValue(file) is { } f)
            {
                catalog = await ClientCatalog.ReadAsync(f.FullName, ct);
            }
            else if (parse.GetValue(id) is { } clientId)
            {
                var parsed = new List<ChannelRequest>();
                foreach (var spec in parse.GetValue(channels) ?? [])
                {
                    var eq = spec.IndexOf('=', StringComparison.Ordinal);
                    var colon = spec.IndexOf(':', StringComparison.Ordinal);
                    if (eq < 1 || colon < eq + 2)
                    {
                        return Shared.Fail($"--channel '{spec}' is not id=platform:account");
                    }

                    parsed.Add(new ChannelRequest(spec[..eq], spec[(eq + 1)..colon], spec[(colon + 1)..], null, null));
                }

                // Per-channel extras name their channel: id=value, for an id given with --channel.
                foreach (var (option, apply) in new (Option<string[]>, Func<ChannelRequest, string, ChannelRequest?>)[]
                {
                    (secrets, (c, v) => c with { SecretName = v }),
                    (backfill, (c, v) => int.TryParse(v, out var days) ? c with { BackfillDays = days } : null),
                    (window, (c, v) => int.TryParse(v, out var days) ? c with { ThreadWindowDays = days } : null),
                })
                {
                    foreach (var spec in parse.GetValue(option) ?? [])
                    {
                        var eq = spec.IndexOf('=', StringComparison.Ordinal);
                        var index = eq < 1 ? -1 : parsed.FindIndex(c => c.Id == spec[..eq]);
                        var updated = index < 0 ? null : apply(parsed[index], spec[(eq + 1)..]);
                        if (updated is null)
                        {
                            return Shared.Fail($"{option.Name} '{spec}' is not id=value for a channel given with --channel");
                        }

                        parsed[index] = updated;
                    }
                }

                catalog = [new CatalogClient(
                    clientId,
                    parse.GetValue(name),
                    parse.GetValue(zone),
                    parse.GetValue(schedule),
                    null,
                    parsed,
                    parse.GetValue(language),
                    parse.GetValue(replyWindow),
                    parse.GetValue(needed),
                    parse.GetValue(hours),
                    parse.GetValue(retention))];
            }
            else
            {
                return Shared.Fail("give a client id with --name and --channel, or --file");
            }

            await using var host = await EngageHost.StartAsync(cancellationToken: ct);
            try
            {
                await host.Get<PipelineRunner>().RegisterAsync(catalog, ct);
            }
            catch (InvalidDataException e)
            {
                return Shared.Fail(e.Message);
            }

            Console.WriteLine($"Registered {string.Join(", ", catalog.Select(c => c.Id))}");
            return 0;
        });
        return command;
    }

    private static Command CreateList()
    {
        var command = new Command("list", "List clients and their channels.");
        command.SetAction(async (parse, ct) =>
        {
            await using var host = await EngageHost.StartAsync(cancellationToken: ct);
            var table = new Table().AddColumns("client", "name", "zone", "schedule", "next run", "reports", "channels");
            foreach (var (client, channels) in await host.Get<ClientRegistration>().ListAsync(ct))
            {
                table.AddRow(
                    Markup.Escape(client.Id),
                    Markup.Escape(client.DisplayName),
                    client.TimeZone,
                    client.Schedule,
                    client.NextRunAt?.ToString("u", CultureInfo.InvariantCulture) ?? "-",
                    Markup.Escape($"{client.ReportLanguage}, window {client.ReplyWindowHours} h, reply needed {client.ReplyNeededHours} h{(client.BusinessHours is null ? "" : ", " + client.BusinessHours)}, texts kept {(client.RetentionDays is { } days ? $"{days} days" : "until erased")}"),
                    Markup.Escape(string.Join(", ", channels.Select(c => $"{c.Id} ({c.Platform}, {StatusOf(c)})"))));
            }

            AnsiConsole.Write(table);
            return 0;
        });
        return command;
    }

    /// <summary>A failed channel that still owes a page of its run is stalled mid-way: the tick queues that page again.</summary>
    private static string StatusOf(ChannelDefinition channel) =>
        channel is { LastRunStatus: RunStatuses.Failed, Continuation: { } owed }
            ? $"{RunStatuses.Failed}, stalled at page {owed.Page}"
            : channel.LastRunStatus ?? "never run";
}
