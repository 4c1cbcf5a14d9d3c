using System.Text.Json;
using Engagement.Ml;
using Engagement.Pipeline.Api;
using Engagement.Pipeline.Connectors;
using Engagement.Pipeline.Ingestion;

namespace Engagement.Pipeline.Scoring;

/// <summary>What scoring a file did.</summary>
public sealed record FileScoreResult(int Scored, IReadOnlyList<string> Errors);

/// <summary>Scores an interchange file (JSON Lines or CSV) into JSON Lines of id, label, probability and signals.</summary>
public sealed class FileScorer(EngagementClassifier classifier)
{
    /// <summary>Items scored per model call: large enough to amortise the call, small enough to show progress.</summary>
    public const int BatchSize = 256;

    public async Task<FileScoreResult> ScoreAsync(
        Stream input,
        bool csv,
        string inputName,
        Stream output,
        IProgress<int>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var errors = new List<string>();
        var scored = 0;
        var batch = new List<Domain.Interaction>(BatchSize);
        await using var writer = new StreamWriter(output, leaveOpen: true);

        async Task FlushAsync()
        {
            if (batch.Count == 0)
            {
                return;
            }

            var verdicts = classifier.ClassifyBatch(batch.Select(IngestionService.ToClassifierInput).ToList());
            for (var i = 0; i < batch.Count; i++)
            {
                var line = new ScoreResult(batch[i].PlatformId, verdicts[i].Label, Math.Round(verdicts[i].RelationalProbability, 4), verdicts[i].Signals, null);
                await writer.WriteLineAsync(JsonSerializer.Serialize(line, ApiResult.Json)).ConfigureAwait(false);
            }

            scored += batch.Count;
            batch.Clear();
            progress?.Report(scored);
        }

        await foreach (var record in InterchangeReader.ReadAsync(input, csv, cancellationToken: cancellationToken).ConfigureAwait(false))
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

            batch.Add(record.Interaction);
            if (batch.Count == BatchSize)
            {
                await FlushAsync().ConfigureAwait(false);
            }
        }

        await FlushAsync().ConfigureAwait(false);
        return new FileScoreResult(scored, errors);
    }
}
