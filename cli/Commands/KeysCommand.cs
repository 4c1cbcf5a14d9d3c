using System.CommandLine;
using System.Globalization;
using Engagement.Cli.Hosting;
using Engagement.Core.Access;
using Spectre.Console;

namespace Engagement.Cli.Commands;

/// <summary><c>engage keys</c>: read-only API keys scoped to one client, and the admin key's hash.</summary>
internal static class KeysCommand
{
    public static Command Create() => new("keys", "Create, list and revoke read-only API keys scoped to one client (for its dashboard or BI tool), or make an admin key.")
    {
        CreateKey(), ListKeys(), RevokeKey(), AdminKey(),
    };

    private static Command CreateKey()
    {
        var client = new Argument<string>("client-id");
        var name = new Option<string>("--name") { Description = "What the key is for (a dashboard, a BI tool), to tell keys apart." };
        var command = new Command("create", "Create a read-only key for one client's data; it is printed once and only its hash is kept.") { client, name };
        command.SetAction(async (parse, ct) =>
        {
            var clientId = parse.GetValue(client)!;
            await using var host = await EngageHost.StartAsync(cancellationToken: ct);
            var created = await host.Get<AccessService>().CreateAsync(clientId, parse.GetValue(name), ct);
            if (created.Problem is { } problem)
            {
                return Shared.Fail(problem);
            }

            if (!created.ClientFound)
            {
                return Shared.Fail($"there is no client '{clientId}' (engage clients list shows them)");
            }

            Console.WriteLine($"key id: {created.Stored!.KeyId}");
            Console.WriteLine($"key:    {created.Key}");
            Console.WriteLine($"It reads {clientId}'s data only (report, and the other read routes), and is shown this once: keep it now. engage keys revoke {created.Stored.KeyId} stops it.");
            return 0;
        });
        return command;
    }

    private static Command ListKeys()
    {
        var client = new Argument<string?>("client-id") { Arity = ArgumentArity.ZeroOrOne, Description = "Only this client's keys." };
        var command = new Command("list", "List client keys, newest first: id, client, name, when created and revoked. Never the keys themselves.") { client };
        command.SetAction(async (parse, ct) =>
        {
            await using var host = await EngageHost.StartAsync(cancellationToken: ct);
            var keys = await host.Get<AccessService>().ListAsync(parse.GetValue(client), ct);
            var table = new Table().AddColumns("key id", "client", "name", "created (UTC)", "revoked (UTC)");
            foreach (var key in keys)
            {
                table.AddRow(
                    key.KeyId,
                    Markup.Escape(key.ClientId),
                    Markup.Escape(key.Name ?? "-"),
                    Time(key.CreatedAt),
                    key.RevokedAt is { } revoked ? Time(revoked) : "-");
            }

            AnsiConsole.Write(table);
            return 0;
        });
        return command;
    }

    private static Command RevokeKey()
    {
        var keyId = new Argument<string>("key-id") { Description = "As engage keys list shows it." };
        var command = new Command("revoke", "Revoke a client key: the next request with it is refused. Revoking it again changes nothing.") { keyId };
        command.SetAction(async (parse, ct) =>
        {
            var id = parse.GetValue(keyId)!;
            await using var host = await EngageHost.StartAsync(cancellationToken: ct);
            var revocation = await host.Get<AccessService>().RevokeAsync(id, ct);
            switch (revocation.Outcome)
            {
                case RevokeOutcome.NotFound:
                    return Shared.Fail($"there is no key '{id}' (engage keys list shows them)");
                case RevokeOutcome.AlreadyRevoked:
                    Console.WriteLine($"{id} was already revoked on {Time(revocation.Key!.RevokedAt!.Value)}");
                    return 0;
                default:
                    Console.WriteLine($"{id} revoked: it opens nothing from now on");
                    return 0;
            }
        });
        return command;
    }

    private static Command AdminKey()
    {
        var command = new Command("admin", "Make a new admin key and print it with the hash to configure as Engagement__AdminKeyHash (azd: ADMIN_KEY_HASH). Stores nothing.");
        command.SetAction(_ =>
        {
            var (key, hash) = ApiKeys.CreateAdmin();
            Console.WriteLine($"admin key: {key}");
            Console.WriteLine($"its hash:  {hash}");
            Console.WriteLine("Keep the key where your team keeps secrets; configure only the hash:");
            Console.WriteLine($"  azd env set ADMIN_KEY_HASH {hash} && azd provision     # the Functions app");
            Console.WriteLine($"  export Engagement__AdminKeyHash={hash}                # engage serve (or set ENGAGE_API_KEY to the key)");
            return 0;
        });
        return command;
    }

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
