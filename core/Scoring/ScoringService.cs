using System.Text.Json;
using Engagement.Core.Domain;
using Engagement.Core.Interchange;
using Engagement.Ml;
using Engagement.Ml.Vocabulary;

namespace Engagement.Core.Scoring;

/// <summary>
/// Text to score and what is known about it: the one shape every path (HTTP, CLI, import files, ingestion) turns
/// into classifier input, so the same text with the same metadata gets the same probability everywhere. Unknown
/// metadata is a value: <see cref="InteractionKind.Unknown"/>, or null. <paramref name="Warnings"/> travel with the
/// request into its result (what was read as unknown, such as a channel name nobody knows).
/// </summary>
public sealed record ScoreRequest(
    string Text,
    string? Id = null,
    InteractionKind Kind = InteractionKind.Unknown,
    Channel? Channel = null,
    bool? AuthorIsBrand = null,
    string? Language = null,
    string? ParentId = null,
    IReadOnlyList<string>? Warnings = null)
{
    /// <summary>An interaction as a connector delivered it, with the metadata it carries.</summary>
    public static ScoreRequest Of(Interaction interaction, IReadOnlyList<string>? warnings = null) => new(
        interaction.Text,
        interaction.PlatformId,
        interaction.Kind,
        interaction.Platform,
        interaction.AuthorIsBrand,
        interaction.Language,
        interaction.ParentId,
        warnings);

    /// <summary>Whether the text is over the limit, so it is scored cut (<see cref="InputContract.Cut"/>) and flagged.</summary>
    public bool Truncated => InputContract.IsOverLimit(Text);

    /// <summary>
    /// The classifier's input: the text cut as every path cuts it (<see cref="InputContract.Cut"/>). A parent id says "this answers something"; its absence says nothing, since hosts differ
    /// on whether a comment's parent is the post or nothing, so a missing parent stays unknown. A blank language or
    /// parent id is no language or parent id, whichever path it came by.
    /// </summary>
    public ClassifierInput ToClassifierInput() => new(
        InputContract.Cut(Text),
        Kind,
        Channel,
        AuthorIsBrand,
        MetadataNames.ReadLanguage(Language),
        string.IsNullOrWhiteSpace(ParentId) ? null : true);
}

/// <summary>
/// The verdict on one scored item, as served and as written to a scored file; warnings only when there are some, and
/// <paramref name="Truncated"/> only when the text was over the limit and scored cut.
/// </summary>
public sealed record ScoreResult(
    string? Id,
    string Label,
    double RelationalProbability,
    IReadOnlyList<string> Signals,
    string? ModelVersion,
    IReadOnlyList<string>? Warnings = null,
    bool? Truncated = null);

/// <summary>What scoring a file did: records scored, records skipped as bad, and warnings about records kept.</summary>
public sealed record FileScoreResult(int Scored, IReadOnlyList<string> Errors, IReadOnlyList<string> Warnings);

/// <summary>Scores text ad hoc: single items, batches, and interchange files into JSON Lines.</summary>
public sealed class ScoringService(EngagementClassifier classifier)
{
    /// <summary>Items scored per model call in a file: large enough to amortise the call, small enough to show progress.</summary>
    public const int FileBatchSize = 256;

    /// <summary>Version of the loaded model, stored on every scored row.</summary>
    public string ModelVersion => classifier.ModelVersion;

    /// <summary>Scores the requests in order; probabilities are rounded to four decimals as they are stored.</summary>
    public IReadOnlyList<ScoreResult> Score(IReadOnlyList<ScoreRequest> requests, bool withModelVersion = false)
    {
        var verdicts = classifier.ClassifyBatch(requests.Select(r => r.ToClassifierInput()).ToList());
        return requests.Select((r, i) => new ScoreResult(
            r.Id,
            verdicts[i].Label,
            Math.Round(verdicts[i].RelationalProbability, 4),
            verdicts[i].Signals,
            withModelVersion ? classifier.ModelVersion : null,
            r.Warnings is { Count: > 0 } warnings ? warnings : null,
            r.Truncated ? true : null)).ToList();
    }

    /// <summary>The classifier's verdict on one request, unrounded, for a person reading it.</summary>
    public Classification Classify(ScoreRequest request) => classifier.Classify(request.ToClassifierInput());

    /// <summary>
    /// Scores the records of an interchange file into JSON Lines of id, label, probability and signals. Bad records are
    /// reported and skipped; a record with a warning is scored, and its warning reported beside the errors.
    /// </summary>
    public async Task<FileScoreResult> ScoreFileAsync(
        IAsyncEnumerable<InterchangeRecord> records,
        string inputName,
        Stream output,
        IProgress<int>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var errors = new List<string>();
        var warnings = new List<string>();
        var scored = 0;
        var batch = new List<ScoreRequest>(FileBatchSize);
        await using var writer = new StreamWriter(output, leaveOpen: true);

        async Task FlushAsync()
        {
            if (batch.Count == 0)
            {
                return;
            }

            foreach (var line in Score(batch))
            {
                await writer.WriteLineAsync(JsonSerializer.Serialize(line, InterchangeJson.Options)).ConfigureAwait(false);
            }

            scored += batch.Count;
            batch.Clear();
            progress?.Report(scored);
        }

        await foreach (var record in records.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (record.Error is not null)
            {
                errors.Add($"{inputName}:{record.Line}: {record.Error}");
                continue;
            }

            if (record.Interaction is null)
            {
                continue;
            }

            warnings.AddRange(record.Warnings?.Select(w => $"{inputName}:{record.Line}: {w}") ?? []);
            batch.Add(ScoreRequest.Of(record.Interaction, record.Warnings));
            if (batch.Count == FileBatchSize)
            {
                await FlushAsync().ConfigureAwait(false);
            }
        }

        await FlushAsync().ConfigureAwait(false);
        return new FileScoreResult(scored, errors, warnings);
    }
}
