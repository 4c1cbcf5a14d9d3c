using System.CommandLine;
using Engagement.Cli.Hosting;
using Engagement.Core.Access;
using Engagement.Http;
using Microsoft.Extensions.Configuration;

namespace Engagement.Cli.Commands;

/// <summary><c>engage serve</c>: the local stand-in for the Functions host.</summary>
internal static class ServeCommand
{
    public const string KeySetting = "ENGAGE_API_KEY";

    public static Command Create()
    {
        var url = new Option<string>("--url") { Description = "Where to listen.", DefaultValueFactory = _ => ServeApp.DefaultUrl };
        var command = new Command("serve", $"Serve the HTTP API, the schedule timer and the queue worker locally. Requests need the admin key ({KeySetting}) or a client key (engage keys create) as x-functions-key or ?code=.") { url };
        command.SetAction(async (parse, ct) =>
        {
            // Checked before anything starts: Kestrel would refuse it only after Azurite and the host are up.
            if (!Uri.TryCreate(parse.GetValue(url), UriKind.Absolute, out var address) || address.Scheme is not ("http" or "https"))
            {
                return Shared.Fail($"--url '{parse.GetValue(url)}' is not an http:// address: give one such as {ServeApp.DefaultUrl}");
            }

            var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
            await using var azurite = await EngageHost.EnsureLocalStorageAsync(configuration, new Progress<string>(Console.WriteLine), ct);
            // ENGAGE_API_KEY is the admin key; without it, a configured Engagement__AdminKeyHash stands, and without
            // either a random key is made for this session.
            var key = configuration[KeySetting];
            if (string.IsNullOrEmpty(key) && string.IsNullOrEmpty(configuration[ServeApp.AdminKeyHashSetting]))
            {
                key = ApiKeys.CreateAdmin().Key;
                // Shown once on the terminal, never logged.
                Console.WriteLine($"No {KeySetting} set; this session's admin key: {key}");
            }

            var app = ServeApp.Build(configuration, parse.GetValue(url)!, string.IsNullOrEmpty(key) ? null : key, triggers: true);
            Console.WriteLine($"Listening on {parse.GetValue(url)}/api ({string.Join(", ", ApiRoutes.All.Select(r => $"{r.Method} {r.Template}"))}); Ctrl+C stops.");
            await app.RunAsync(ct);
            return 0;
        });
        return command;
    }
}
