using System.CommandLine;
using System.Globalization;
using Engagement.Cli.Hosting;
using Engagement.Core.Domain;
using Engagement.Core.Ingestion;
using Engagement.Core.Ports;
using Engagement.Ml.Vocabulary;
using Spectre.Console;

namespace Engagement.Cli.Commands;

/// <summary><c>engage channels test</c>: see that a channel works, without writing anything.</summary>
internal static class ChannelsCommand
{
    /// <summary>How many items the test shows.</summary>
    private const int Shown = 10;

    public static Command Create()
    {
        var command = new Command("channels", "Work with a client's channels.");
        command.Add(CreateTest());
        command.Add(CreateReset());
        return command;
    }

    private static Command CreateReset()
    {
        var client = new Argument<string>("client-id");
        var channel = new Argument<string>("channel-id");
        var from = new Option<string>("--from") { Description = "For a platform channel: read back to this day (yyyy-MM-dd) on the next run." };
        var command = new Command("reset", "Read a channel again from its start on the next run (a corrected file, a fixed token); rows are rewritten, never counted twice.") { client, channel, from };
        command.SetAction(async (parse, ct) =>
        {
            var clientId = parse.GetValue(client)!;
            var channelId = parse.GetValue(channel)!;
            if (!Ids.IsValid(clientId) || !Ids.IsValid(channelId))
            {
                return Shared.Fail($"'{clientId}' or '{channelId}' is not an id ({Ids.Rule})");
            }

            DateOnly? date = null;
            if (parse.GetValue(from) is { } text)
            {
                if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
                {
                    return Shared.Fail($"--from '{text}' is not a date as yyyy-MM-dd");
                }

                date = parsed;
            }

            await using var host = await EngageHost.StartAsync(cancellationToken: ct);
            var result = await host.Get<ChannelReset>().ResetAsync(clientId, channelId, date, ct);
            if (result.Problem is { } problem)
            {
                return Shared.Fail(problem);
            }

            Console.WriteLine($"{clientId}/{channelId} will be read from its start{(date is null ? "" : $" (back to {date:yyyy-MM-dd})")}: 'engage ingest {clientId}' does it now");
            return 0;
        });
        return command;
    }

    private static Command CreateTest()
    {
        var client = new Argument<string>("client-id");
        var channel = new Argument<string>("channel-id");
        var command = new Command("test", "Read one page of a channel as the next job would and print what it would store; stores nothing, moves no cursor.") { client, channel };
        command.SetAction(async (parse, ct) =>
        {
            var clientId = parse.GetValue(client)!;
            var channelId = parse.GetValue(channel)!;
            if (!Ids.IsValid(clientId) || !Ids.IsValid(channelId))
            {
                return Shared.Fail($"'{clientId}' or '{channelId}' is not an id ({Ids.Rule})");
            }

            await using var host = await EngageHost.StartAsync(cancellationToken: ct);
            var preview = await host.Get<ChannelPreview>().PreviewAsync(clientId, channelId, ct);
            if (preview is null)
            {
                return Shared.Fail($"client '{clientId}' has no channel '{channelId}'");
            }

            var definition = preview.Channel;
            Console.WriteLine($"{clientId}/{channelId}: {definition.Platform}:{definition.Account}, token: {(definition.SecretName is null ? "none" : $"secret '{definition.SecretName}'")}");
            if (preview.Fault is { } fault)
            {
                var what = fault.Kind switch
                {
                    ConnectorFaultKind.Throttled => $"throttled until {fault.ThrottledUntil:yyyy-MM-dd HH:mm:ss}Z",
                    ConnectorFaultKind.Permanent => "cannot be read",
                    _ => "failed for now (a job would retry)",
                };
                return Shared.Fail($"{what}: {fault.Message}");
            }

            Print(preview);
            return 0;
        });
        return command;
    }

    private static void Print(ChannelPreviewResult preview)
    {
        var page = preview.Page!;
        var counts = new Table().Border(TableBorder.Simple).AddColumns("kind", "brand", "others");
        foreach (var kind in new[] { InteractionKind.Post, InteractionKind.Comment, InteractionKind.Reply, InteractionKind.Dm, InteractionKind.Unknown })
        {
            var brand = page.Items.Count(i => i.Kind == kind && i.AuthorIsBrand == true);
            var others = page.Items.Count(i => i.Kind == kind && i.AuthorIsBrand != true);
            if (brand + others > 0)
            {
                counts.AddRow(kind.Name(), Count(brand), Count(others));
            }
        }

        AnsiConsole.Write(counts);
        Console.WriteLine($"{page.Items.Count} items would be stored ({page.Items.Count(i => !i.HasText)} without text), {page.Errors.Count} bad records, {page.Skipped} skipped (boosts, reposts); more to read: {(page.HasMore ? "yes" : "no")}");
        Console.WriteLine($"rate limit: {page.RateLimit?.ToString() ?? "not reported"}{(page.ResumeAt is { } at ? $"; the next page would wait until {at:yyyy-MM-dd HH:mm:ss}Z" : "")}");

        var first = new Table().Border(TableBorder.Simple).AddColumns("created (UTC)", "kind", "author", "label", "text");
        foreach (var item in preview.Classified.Take(Shown))
        {
            var text = item.Interaction.HasText ? item.Interaction.Text.ReplaceLineEndings(" ") : "(no text)";
            first.AddRow(
                item.Interaction.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                item.Interaction.Kind.Name(),
                item.Interaction.AuthorIsBrand switch { true => "brand", false => "customer", null => "unknown" },
                item.Label,
                Markup.Escape(text.Length <= 70 ? text : text[..70] + "…"));
        }

        AnsiConsole.Write(first);
        foreach (var error in page.Errors.Take(Shown))
        {
            Console.WriteLine($"bad record: {error}");
        }
    }

    private static string Count(int n) => n.ToString(CultureInfo.InvariantCulture);
}
