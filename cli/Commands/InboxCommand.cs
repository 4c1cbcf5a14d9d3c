using System.CommandLine;
using System.Globalization;
using Engagement.Cli.Hosting;
using Engagement.Core.Alerts;
using Engagement.Core.Domain;
using Engagement.Http;
using Spectre.Console;

namespace Engagement.Cli.Commands;

/// <summary><c>engage inbox</c>: the customers whose question or complaint still waits for the brand's answer.</summary>
internal static class InboxCommand
{
    public static Command Create()
    {
        var client = new Argument<string>("client-id");
        var json = new Option<bool>("--json") { Description = "Print the inbox as the API returns it." };
        var command = new Command("inbox", "Show who is still waiting for an answer: overdue first, then waiting, then expired.") { client, json };
        command.SetAction(async (parse, ct) =>
        {
            var clientId = parse.GetValue(client)!;
            if (!Ids.IsValid(clientId))
            {
                return Shared.Fail($"'{clientId}' is not a client id");
            }

            await using var host = await EngageHost.StartAsync(cancellationToken: ct);
            if (parse.GetValue(json))
            {
                var result = await host.Get<EngagementApi>().GetInboxAsync(ApiCredentials.Local, clientId, ct);
                if (result.Status != 200)
                {
                    return Shared.Fail(CliErrors.Describe(result));
                }

                Console.WriteLine(result.Render());
                return 0;
            }

            var inbox = await host.Get<ReplyAlerts>().GetInboxAsync(clientId, ct);
            if (inbox is null)
            {
                return Shared.Fail($"there is no client '{clientId}'");
            }

            Console.WriteLine($"{inbox.DisplayName}: {inbox.Entries.Count} waiting (reply needed within {inbox.ReplyNeededHours} h), as of {inbox.AsOf:yyyy-MM-dd HH:mm} UTC");
            var table = new Table().Border(TableBorder.Simple).AddColumns(
                new TableColumn("status").NoWrap(),
                new TableColumn("received (UTC)").NoWrap(),
                new TableColumn("channel").NoWrap(),
                new TableColumn("?").NoWrap(),
                new TableColumn("message"),
                new TableColumn("link"));
            foreach (var entry in inbox.Entries)
            {
                var message = entry.Message;
                table.AddRow(
                    entry.Status + (message.AlertedAt is null ? "" : " (alerted)"),
                    message.ReceivedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                    Markup.Escape(message.ChannelId + (message.IsDm ? " DM" : "")),
                    (message.IsQuestion ? "q" : "") + (message.IsComplaint ? "!" : ""),
                    Markup.Escape(entry.Excerpt ?? message.PlatformId),
                    Markup.Escape(entry.Url ?? ""));
            }

            AnsiConsole.Write(table);
            Console.WriteLine("?: q a question, ! a complaint. Answered messages leave the inbox at the next ingestion; expired ones after 28 days.");
            return 0;
        });
        return command;
    }
}
