using Engagement.Core.Domain;

namespace Engagement.Core.Ports;

/// <summary>Classified interactions: one row per platform id, so a replayed page rewrites the same rows.</summary>
public interface IInteractionStore
{
    /// <summary>Stores the items; returns how many were written.</summary>
    Task<int> UpsertAsync(string clientId, string channelId, IReadOnlyList<StoredItem> items, DateTimeOffset ingestedAt, CancellationToken cancellationToken = default);

    /// <summary>The channel's interactions created in [<paramref name="from"/>, <paramref name="to"/>).</summary>
    Task<IReadOnlyList<StoredInteraction>> QueryAsync(string clientId, string channelId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default);

    /// <summary>The words, signals and permalink of the given rows (id and creation time), by platform id; rows not found are left out.</summary>
    Task<IReadOnlyDictionary<string, InteractionDetail>> GetDetailsAsync(
        string clientId,
        string channelId,
        IReadOnlyCollection<(string PlatformId, DateTimeOffset CreatedAt)> rows,
        CancellationToken cancellationToken = default);

    /// <summary>How many interactions of the client are stored, all channels.</summary>
    Task<int> CountAsync(string clientId, CancellationToken cancellationToken = default);
}

/// <summary>
/// An interaction as the core hands it to storage: verdict decided, author already pseudonymised, whether it asks or
/// complains, and its day in the client's zone (the day its figures belong to).
/// </summary>
public sealed record StoredItem(ClassifiedInteraction Classified, string? Author, bool IsQuestion, bool IsComplaint, DateOnly LocalDate);

/// <summary>Daily aggregates, rewritten whole on every recompute.</summary>
public interface IDailyEngagementStore
{
    Task UpsertAsync(IEnumerable<DailyEngagement> days, DateTimeOffset computedAt, CancellationToken cancellationToken = default);

    /// <summary>The client's days in [<paramref name="from"/>, <paramref name="to"/>], all channels.</summary>
    Task<IReadOnlyList<DailyEngagement>> QueryAsync(string clientId, DateOnly from, DateOnly to, CancellationToken cancellationToken = default);
}

/// <summary>One row per job, newest first within a client.</summary>
public interface IRunStore
{
    Task AddAsync(RunRecord run, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<RunRecord>> ListRecentAsync(string clientId, int take, CancellationToken cancellationToken = default);
}

/// <summary>The queue of ingestion jobs, one per channel page.</summary>
public interface IIngestQueue
{
    Task EnqueueAsync(IngestJob job, CancellationToken cancellationToken = default);
}
