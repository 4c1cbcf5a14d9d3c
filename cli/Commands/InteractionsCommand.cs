using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Engagement.Cli.Hosting;
using Engagement.Core.Domain;
using Engagement.Core.Interchange;
using Engagement.Core.Reporting;
using Engagement.Ml.Vocabulary;
using Spectre.Console;

namespace Engagement.Cli.Commands;

/// <summary><c>engage interactions</c>: a client's interactions with their ids and labels, to check and correct them.</summary>
internal static class InteractionsCommand
{
    public static Command Create()
    {
        var client = new Argument<string>("client-id");
        var from = new Option<string>("--from") { Description = "First day, yyyy-MM-dd (default: 27 days before --to)." };
        var to = new Option<string>("--to") { Description = "Last day, yyyy-MM-dd (default: today in the client's zone)." };
        var take = new Option<int>("--take") { Description = $"How many, newest first (at most {ReportService.MaxListed}).", DefaultValueFactory = _ => 50 };
        var corrected = new Option<bool>("--corrected") { Description = "Only interactions whose label an agency corrected." };
        var json = new Option<bool>("--json") { Description = "One JSON object a line." };
        var command = new Command("interactions", "List a client's interactions: id (for engage label), label in force, the model's label and probability, text.")
        {
            client, from, to, take, corrected, json,
        };
        command.SetAction(async (parse, ct) =>
        {
            var clientId = parse.GetValue(client)!;
            if (!TryDate(parse.GetValue(from), out var fromDate) || !TryDate(parse.GetValue(to), out var toDate))
            {
                return Shared.Fail("--from and --to are dates as yyyy-MM-dd");
            }

            await using var host = await EngageHost.StartAsync(cancellationToken: ct);
            var result = await host.Get<ReportService>().ListInteractionsAsync(clientId, fromDate, toDate, parse.GetValue(take), parse.GetValue(corrected), ct);
            if (!result.ClientFound)
            {
                return Shared.Fail($"there is no client '{clientId}'");
            }

            if (result.PeriodProblem is { } problem)
            {
                return Shared.Fail(problem);
            }

            if (parse.GetValue(json))
            {
                foreach (var row in result.Interactions!)
                {
                    Console.WriteLine(JsonSerializer.Serialize(InteractionView.Of(row), InterchangeJson.Options));
                }

                return 0;
            }

            var table = new Table().AddColumns(
                new TableColumn("id").NoWrap(),
                new TableColumn("created (UTC)").NoWrap(),
                new TableColumn("kind").NoWrap(),
                new TableColumn("by").NoWrap(),
                new TableColumn("label").NoWrap(),
                new TableColumn("p(rel.)").RightAligned(),
                new TableColumn("text"));
            foreach (var row in result.Interactions!)
            {
                var i = row.Interaction;
                table.AddRow(
                    Markup.Escape(row.InteractionId),
                    i.CreatedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                    i.Kind.Name(),
                    i.AuthorIsBrand switch { true => "brand", false => "other", null => "unknown" },
                    Markup.Escape(row.LabelCorrected ? $"{row.Label} (model: {row.ModelLabel})" : row.Label),
                    row.RelationalProbability.ToString("0.00", CultureInfo.InvariantCulture),
                    Markup.Escape(Shorten(i.Text)));
            }

            AnsiConsole.Write(table);
            return 0;
        });
        return command;
    }

    private static bool TryDate(string? text, out DateOnly? date)
    {
        date = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            return false;
        }

        date = parsed;
        return true;
    }

    private static string Shorten(string text)
    {
        var line = text.ReplaceLineEndings(" ");
        return line.Length <= 70 ? line : line[..69] + "…";
    }

    /// <summary>One interaction as <c>--json</c> prints it.</summary>
    private sealed record InteractionView(
        string InteractionId,
        string ChannelId,
        string PlatformId,
        DateTimeOffset CreatedAt,
        string Kind,
        string? Platform,
        bool? AuthorIsBrand,
        string? Lang,
        string? ParentId,
        string Label,
        string ModelLabel,
        bool LabelCorrected,
        double RelationalProbability,
        string Text)
    {
        public static InteractionView Of(InteractionRow row)
        {
            var i = row.Interaction;
            return new(row.InteractionId, row.ChannelId, i.PlatformId, i.CreatedAt, i.Kind.Name(), i.Platform?.ToString(), i.AuthorIsBrand, i.Language, i.ParentId,
                row.Label, row.ModelLabel, row.LabelCorrected, row.RelationalProbability, i.Text);
        }
    }
}
