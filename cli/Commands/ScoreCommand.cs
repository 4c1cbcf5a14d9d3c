using System.CommandLine;
using System.Globalization;
using Engagement.Cli.Hosting;
using Engagement.Connectors;
using Engagement.Core.Scoring;
using Engagement.Ml.Vocabulary;

namespace Engagement.Cli.Commands;

/// <summary><c>engage score</c>: label text ad hoc, or a whole interchange file.</summary>
internal static class ScoreCommand
{
    public static Command Create()
    {
        var text = new Option<string>("--text") { Description = "Text to score." };
        var kind = new Option<string>("--kind") { Description = "post, comment, reply or dm (with --text)." };
        kind.AcceptOnlyFromAmong([.. InteractionKinds.Names]);
        var brand = new Option<bool?>("--brand") { Description = "Whether the brand wrote it (with --text)." };
        var input = new Option<FileInfo>("--input", "-i") { Description = "Interchange file to score (.jsonl or .csv)." };
        var output = new Option<FileInfo>("--output", "-o") { Description = "Where to write the JSON Lines results (default: standard output)." };
        var command = new Command("score", "Label interactions broadcast or relational, with probability and signals.") { text, kind, brand, input, output };
        command.Validators.Add(result =>
        {
            var hasText = result.GetValue(text) is not null;
            var hasInput = result.GetValue(input) is not null;
            if (hasText == hasInput)
            {
                result.AddError("Give either --text or --input.");
            }
        });
        command.SetAction((parse, ct) =>
            parse.GetValue(text) is { } t
                ? ScoreTextAsync(t, parse.GetValue(kind), parse.GetValue(brand), ct)
                : ScoreFileAsync(parse.GetValue(input)!, parse.GetValue(output), ct));
        return command;
    }

    private static async Task<int> ScoreTextAsync(string text, string? kind, bool? brand, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Shared.Fail("--text is empty");
        }

        await using var host = await EngageHost.StartAsync(needsStorage: false, cancellationToken: cancellationToken);
        var scoring = host.Get<ScoringService>();
        var verdict = scoring.Classify(new ScoreRequest(text, Kind: InteractionKinds.TryParse(kind, out var parsed) ? parsed : InteractionKind.Unknown, AuthorIsBrand: brand));
        Console.WriteLine($"label: {verdict.Label}");
        Console.WriteLine($"relational_probability: {verdict.RelationalProbability.ToString("0.000", CultureInfo.InvariantCulture)}");
        Console.WriteLine($"signals: {string.Join("; ", verdict.Signals)}");
        Console.WriteLine($"model: {scoring.ModelVersion}");
        return 0;
    }

    private static async Task<int> ScoreFileAsync(FileInfo input, FileInfo? output, CancellationToken cancellationToken)
    {
        if (!input.Exists)
        {
            return Shared.Fail($"{input.FullName} does not exist");
        }

        await using var host = await EngageHost.StartAsync(needsStorage: false, cancellationToken: cancellationToken);
        await using var source = input.OpenRead();
        await using var target = output is null ? Console.OpenStandardOutput() : output.Create();
        var records = InterchangeReader.ReadAsync(source, InterchangeReader.IsCsv(input.Name), cancellationToken: cancellationToken);
        var result = await host.Get<ScoringService>().ScoreFileAsync(records, input.Name, target,
            output is null ? null : new SyncProgress<int>(n => Console.Error.Write($"\rscored {n}")), cancellationToken);
        if (output is not null)
        {
            Console.Error.WriteLine($"\rscored {result.Scored} into {output.FullName}");
        }

        foreach (var error in result.Errors)
        {
            Console.Error.WriteLine($"skipped {error}");
        }

        return 0;
    }
}
