using System.CommandLine;
using System.Globalization;
using Engagement.Cli.Hosting;
using Engagement.Connectors;
using Engagement.Core.Domain;
using Engagement.Core.Scoring;
using Engagement.Ml.Vocabulary;

namespace Engagement.Cli.Commands;

/// <summary><c>engage score</c>: label text ad hoc, or a whole interchange file.</summary>
internal static class ScoreCommand
{
    public static Command Create()
    {
        var text = new Option<string>("--text") { Description = "Text to score." };
        var kind = new Option<string>("--kind") { Description = "post, comment, reply or dm (with --text; default: unknown)." };
        var brand = new Option<bool?>("--brand") { Description = "Whether the brand wrote it, true or false (with --text; default: unknown)." };
        var channel = new Option<string>("--channel")
        {
            Description = $"{string.Join(", ", Channel.KnownNames)}, or an alias such as twitter, fb, ig (with --text; default: unknown).",
        };
        var lang = new Option<string>("--lang") { Description = "Language tag such as it or en (with --text; default: unknown)." };
        var parent = new Option<string>("--parent") { Description = "Id of the message it answers (with --text; default: none known)." };
        var input = new Option<string>("--input", "-i") { Description = "Interchange file to score (.jsonl or .csv), or - for JSON Lines on standard input." };
        var output = new Option<FileInfo>("--output", "-o") { Description = "Where to write the JSON Lines results (default: standard output)." };
        var command = new Command("score", "Label interactions broadcast or relational, with probability and signals.") { text, kind, brand, channel, lang, parent, input, output };
        command.Validators.Add(result =>
        {
            var hasText = result.GetValue(text) is not null;
            var hasInput = result.GetValue(input) is not null;
            if (hasText == hasInput)
            {
                result.AddError("Give either --text or --input.");
            }

            if (!MetadataNames.TryReadKind(result.GetValue(kind), out _, out var problem))
            {
                result.AddError(problem!.Replace("'kind'", "--kind", StringComparison.Ordinal));
            }
        });
        command.SetAction((parse, ct) =>
            parse.GetValue(text) is { } t
                ? ScoreTextAsync(
                    new TextInput(t, parse.GetValue(kind), parse.GetValue(brand), parse.GetValue(channel), parse.GetValue(lang), parse.GetValue(parent)),
                    ct)
                : ScoreFileAsync(parse.GetValue(input)!, parse.GetValue(output), ct));
        return command;
    }

    private static async Task<int> ScoreTextAsync(TextInput input, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(input.Text))
        {
            return Shared.Fail("--text is empty");
        }

        // The core's field rules, as files and the API apply them; text over the limit is scored cut and flagged.
        if ((InputContract.TextProblem(input.Text) ?? InputContract.IdProblem(input.Parent, "parent_id")) is { } problem)
        {
            return Shared.Fail(problem.Replace("'text'", "--text", StringComparison.Ordinal).Replace("'parent_id'", "--parent", StringComparison.Ordinal));
        }

        // The flags are read as every other path reads metadata: absent is unknown, an unknown channel name a warning.
        MetadataNames.TryReadKind(input.Kind, out var kind, out _);
        var channel = MetadataNames.ReadChannel(input.Channel, out var warning);
        if (warning is not null)
        {
            Console.Error.WriteLine($"warning: {warning.Replace("'channel'", "--channel", StringComparison.Ordinal)}");
        }

        await using var host = await EngageHost.StartAsync(needsStorage: false, cancellationToken: cancellationToken);
        var scoring = host.Get<ScoringService>();
        var request = new ScoreRequest(input.Text, null, kind, channel, input.Brand, input.Lang, input.Parent);
        var verdict = scoring.Classify(request);
        Console.WriteLine($"label: {verdict.Label}");
        Console.WriteLine($"relational_probability: {verdict.RelationalProbability.ToString("0.000", CultureInfo.InvariantCulture)}");
        Console.WriteLine($"signals: {string.Join("; ", verdict.Signals)}");
        Console.WriteLine($"model: {scoring.ModelVersion}");
        if (request.Truncated)
        {
            Console.WriteLine($"truncated: true (scored the first {InputContract.Cut(input.Text).Length} of {input.Text.Length} characters)");
        }

        return 0;
    }

    private static async Task<int> ScoreFileAsync(string path, FileInfo? output, CancellationToken cancellationToken)
    {
        // "-" reads JSON Lines from standard input as bytes, so bytes that are not UTF-8 are reported, not replaced.
        var standardInput = path == "-";
        var input = standardInput ? null : new FileInfo(path);
        if (input is { Exists: false })
        {
            return Shared.Fail($"{input.FullName} does not exist");
        }

        await using var host = await EngageHost.StartAsync(needsStorage: false, cancellationToken: cancellationToken);
        await using var source = input is null ? Console.OpenStandardInput() : input.OpenRead();
        await using var target = output is null ? Console.OpenStandardOutput() : output.Create();
        var name = input?.Name ?? "stdin";
        var records = InterchangeReader.ReadAsync(source, input is not null && InterchangeReader.IsCsv(input.Name), cancellationToken: cancellationToken);
        var result = await host.Get<ScoringService>().ScoreFileAsync(records, name, target,
            output is null ? null : new SyncProgress<int>(n => Console.Error.Write($"\rscored {n}")), cancellationToken);
        if (output is not null)
        {
            Console.Error.WriteLine($"\rscored {result.Scored} into {output.FullName}");
        }

        foreach (var error in result.Errors)
        {
            Console.Error.WriteLine($"skipped {error}");
        }

        foreach (var warning in result.Warnings)
        {
            Console.Error.WriteLine($"warning: {warning}");
        }

        // Records left unscored are a failure to say in the exit code too, as engage ingest does for failed jobs.
        if (result.Errors.Count > 0)
        {
            Console.Error.WriteLine($"{result.Errors.Count} bad record(s) skipped, {result.Scored} scored: correct the lines above and score them again");
            return 1;
        }

        return 0;
    }

    private sealed record TextInput(string Text, string? Kind, bool? Brand, string? Channel, string? Lang, string? Parent);
}
