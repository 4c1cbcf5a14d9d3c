using Azure.Data.Tables;
using Engagement.Core.Domain;
using Engagement.Core.Ports;

namespace Engagement.Storage;

/// <summary>The Runs table: one row per job, newest first within a client.</summary>
internal sealed class RunStore(EngagementTables tables) : IRunStore
{
    /// <summary>Error text kept on a run row; the full text goes to the logs.</summary>
    public const int MaxErrorLength = 4_000;

    public async Task AddAsync(RunRecord run, CancellationToken cancellationToken = default)
    {
        await tables.EnsureCreatedAsync().ConfigureAwait(false);
        var entity = new RunEntity
        {
            PartitionKey = run.ClientId,
            RowKey = TableKeys.RunRow(run.StartedAt, $"{run.RunId}_{run.ChannelId}_{run.Page}"),
            RunId = run.RunId,
            ChannelId = run.ChannelId,
            Page = run.Page,
            Status = run.Status,
            Fetched = run.Fetched,
            Stored = run.Stored,
            Errors = run.Errors,
            Error = Cap(run.Error),
            Warnings = Cap(run.Warnings),
            StartedAt = run.StartedAt,
            DurationMs = run.DurationMs,
            ModelVersion = run.ModelVersion,
        };
        await tables.Runs.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<RunRecord>> ListRecentAsync(string clientId, int take, CancellationToken cancellationToken = default)
    {
        await tables.EnsureCreatedAsync().ConfigureAwait(false);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {clientId}");
        var runs = new List<RunRecord>();
        await foreach (var e in tables.Runs.QueryAsync<RunEntity>(filter, maxPerPage: Math.Min(take, 1000), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            runs.Add(new RunRecord
            {
                ClientId = e.PartitionKey,
                RunId = e.RunId,
                ChannelId = e.ChannelId,
                Page = e.Page,
                Status = e.Status,
                Fetched = e.Fetched,
                Stored = e.Stored,
                Errors = e.Errors,
                Error = e.Error,
                Warnings = e.Warnings,
                StartedAt = e.StartedAt,
                DurationMs = e.DurationMs,
                ModelVersion = e.ModelVersion,
            });
            if (runs.Count == take)
            {
                break;
            }
        }

        return runs;
    }

    private static string? Cap(string? text) => text is { Length: > MaxErrorLength } ? text[..MaxErrorLength] : text;
}
