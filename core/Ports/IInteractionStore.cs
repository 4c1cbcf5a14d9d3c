using Engagement.Core.Domain;

namespace Engagement.Core.Ports;

/// <summary>Classified interactions: one row per platform id, so a replayed page rewrites the same rows.</summary>
public interface IInteractionStore
{
    /// <summary>Stores the items; returns how many were written.</summary>
    Task<int> UpsertAsync(string clientId, string channelId, IReadOnlyList<StoredItem> items, DateTimeOffset ingestedAt, CancellationToken cancellationToken = default);

    /// <summary>The channel's interactions created in [<paramref name="from"/>, <paramref name="to"/>).</summary>
    Task<IReadOnlyList<StoredInteraction>> QueryAsync(string clientId, string channelId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default);

    /// <summary>
    /// The channel's interactions created in [<paramref name="from"/>, <paramref name="to"/>) that were not last written
    /// by <paramref name="writer"/> (<see cref="StoredItem.Writer"/>): what a run holding its own rows must still read.
    /// Rows stored without a writer are returned when ingested before <paramref name="since"/>, the writer's first write.
    /// </summary>
    Task<IReadOnlyList<StoredInteraction>> QueryOthersAsync(string clientId, string channelId, DateTimeOffset from, DateTimeOffset to, string writer, DateTimeOffset since, CancellationToken cancellationToken = default);

    /// <summary>The words, signals and permalink of the given rows (id and creation time), by platform id; rows not found are left out.</summary>
    Task<IReadOnlyDictionary<string, InteractionDetail>> GetDetailsAsync(
        string clientId,
        string channelId,
        IReadOnlyCollection<(string PlatformId, DateTimeOffset CreatedAt)> rows,
        CancellationToken cancellationToken = default);

    /// <summary>How many interactions of the client are stored, all channels.</summary>
    Task<int> CountAsync(string clientId, CancellationToken cancellationToken = default);

    /// <summary>
    /// The stored interaction with this id (<see cref="InteractionIds"/>), or null. <paramref name="createdAt"/>, when
    /// known, says where to look; without it every month of the client is searched.
    /// </summary>
    Task<InteractionRow?> FindAsync(string clientId, string interactionId, DateTimeOffset? createdAt = null, CancellationToken cancellationToken = default);

    /// <summary>The client's interactions created in [<paramref name="from"/>, <paramref name="to"/>), newest first, at most <paramref name="take"/>.</summary>
    Task<IReadOnlyList<InteractionRow>> ListAsync(string clientId, DateTimeOffset from, DateTimeOffset to, int take, CancellationToken cancellationToken = default);

    /// <summary>Every row of the client whose author is one of <paramref name="authors"/> (pseudonyms), all channels and months.</summary>
    Task<IReadOnlyList<InteractionRow>> ListByAuthorAsync(string clientId, IReadOnlyCollection<string> authors, CancellationToken cancellationToken = default);

    /// <summary>
    /// Drops the text and the author of the client's rows by people (not the brand) created before
    /// <paramref name="before"/>, marking them <c>TextDropped</c>; the rest of the row, and so the figures, stay.
    /// Returns how many rows it dropped now.
    /// </summary>
    Task<int> DropTextsAsync(string clientId, DateTimeOffset before, CancellationToken cancellationToken = default);

    /// <summary>Deletes the rows; rows already gone are no error.</summary>
    Task DeleteAsync(string clientId, IReadOnlyList<InteractionRow> rows, CancellationToken cancellationToken = default);

    /// <summary>Makes <paramref name="label"/> the row's label in force, marked corrected; the model's label stays beside it.</summary>
    Task SetCorrectedLabelAsync(string clientId, InteractionRow row, string label, CancellationToken cancellationToken = default);
}

/// <summary>
/// An interaction as the core hands it to storage: verdict decided, author already pseudonymised, whether it asks or
/// complains, its day in the client's zone (the day its figures belong to), and the agency's label when it corrected
/// this interaction (which is then the label in force; the model's is kept beside it).
/// </summary>
public sealed record StoredItem(ClassifiedInteraction Classified, string? Author, bool IsQuestion, bool IsComplaint, DateOnly LocalDate, string? CorrectedLabel = null)
{
    /// <summary>Longest id (platform, parent, thread) and permalink a row keeps.</summary>
    public const int MaxIdLength = 2_000;

    /// <summary>Longest author a row keeps.</summary>
    public const int MaxAuthorLength = 200;

    /// <summary>The label reports count: the agency's when there is one, else the model's.</summary>
    public string Label => CorrectedLabel ?? Classified.Label;

    /// <summary>
    /// Who wrote the row: a tag of one run's pages in one process, stored with the row, so that run can tell the rows
    /// it holds in memory from those someone else wrote since (<see cref="IInteractionStore.QueryOthersAsync"/>).
    /// </summary>
    public string? Writer { get; init; }

    /// <summary>The row as <see cref="IInteractionStore.QueryAsync"/> reads it back, without a read.</summary>
    public StoredInteraction AsRead(string channelId)
    {
        var i = Classified.Interaction;
        return new StoredInteraction(channelId, Cap(i.PlatformId, MaxIdLength)!, i.Kind, i.AuthorIsBrand, i.CreatedAt.ToUniversalTime(), Cap(i.ParentId, MaxIdLength), Cap(i.ThreadId, MaxIdLength), Label, IsQuestion)
        {
            IsComplaint = IsComplaint,
            Author = Cap(Author, MaxAuthorLength),
            Likes = i.Likes,
            Shares = i.Shares,
            Replies = i.Replies,
            Reach = i.Reach,
            Impressions = i.Impressions,
            Url = Cap(i.Url, MaxIdLength),
        };
    }

    /// <summary>The value cut to <paramref name="max"/> characters, as storage keeps it.</summary>
    public static string? Cap(string? value, int max) => value is null || value.Length <= max ? value : value[..max];
}

/// <summary>The agencies' label corrections, one per interaction.</summary>
public interface ILabelCorrectionStore
{
    /// <summary>Stores a correction; a later one for the same interaction replaces it.</summary>
    Task UpsertAsync(LabelCorrection correction, CancellationToken cancellationToken = default);

    /// <summary>The client's corrections, of one channel when <paramref name="channelId"/> is given.</summary>
    Task<IReadOnlyList<LabelCorrection>> ListAsync(string clientId, string? channelId = null, CancellationToken cancellationToken = default);
}

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

    /// <summary>Queues a job that stays invisible for <paramref name="delay"/>: a new message, so it starts with no tries used.</summary>
    Task EnqueueAsync(IngestJob job, TimeSpan delay, CancellationToken cancellationToken = default);
}
