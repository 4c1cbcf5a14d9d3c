using Engagement.Core.Domain;

namespace Engagement.Connectors.Platforms;

/// <summary>
/// The platform half of a social connector: resolve the account, list the brand's posts newest first, list the
/// inbound stream (mentions, notifications) newest first, and read one thread. The crawl plan, the cursor, the
/// budget and the fault handling are shared (<see cref="CrawlPlan"/>); a platform implements only this, over its
/// typed client and its pure mapper.
/// </summary>
internal interface ISocialSource
{
    /// <summary>Checks the account's syntax (no I/O); returns the problem, or null.</summary>
    string? ValidateAccount(string account);

    /// <summary>The account's stable id (a Mastodon account id, a DID, a Page id), resolved once and kept in the cursor.</summary>
    Task<string> ResolveAccountAsync(SourceCall call, CancellationToken cancellationToken);

    /// <summary>One page of the brand's own posts, newest first; <paramref name="pageToken"/> null is the first page.</summary>
    Task<SourcePage> ListPostsAsync(SourceCall call, string? pageToken, CancellationToken cancellationToken);

    /// <summary>Whether the channel has an inbound stream to read (for Mastodon: only with a token).</summary>
    bool HasInbound(SourceCall call);

    /// <summary>One page of the inbound stream (mentions, notifications), newest first.</summary>
    Task<SourcePage> ListInboundAsync(SourceCall call, string? pageToken, CancellationToken cancellationToken);

    /// <summary>Every item of one thread, by a key the source itself gave in <see cref="SourceEntry.ThreadKey"/>.</summary>
    Task<ThreadRead> ReadThreadAsync(SourceCall call, string threadKey, CancellationToken cancellationToken);
}

/// <summary>
/// What a source needs for one call: the channel, its resolved account id, the token (null when none), its settings,
/// and the job's rate-limit tracker to hand to each request. Its text form never shows the token.
/// </summary>
internal sealed class SourceCall(ChannelDefinition channel, string? accountId, string? token, ChannelSettings settings, RateLimitTracker tracker)
{
    public ChannelDefinition Channel { get; } = channel;

    /// <summary>The stable account id; null only while <see cref="ISocialSource.ResolveAccountAsync"/> runs.</summary>
    public string? AccountId { get; } = accountId;

    public string? Token { get; } = token;

    public ChannelSettings Settings { get; } = settings;

    public RateLimitTracker Tracker { get; } = tracker;

    public SourceCall WithAccount(string accountId) => new(Channel, accountId, Token, Settings, Tracker);

    public override string ToString() => $"{Channel.ClientId}/{Channel.Id} ({Channel.Platform}:{Channel.Account})";
}

/// <summary>A page of a listing, newest first, and the token of the next (older) page, or null at the end.</summary>
internal sealed record SourcePage(IReadOnlyList<SourceEntry> Entries, string? NextPageToken);

/// <summary>
/// One entry of a listing: what to store now, or why it is bad or skipped, and which thread to read and when.
/// </summary>
/// <param name="Key">The platform id of the entry.</param>
/// <param name="SortAt">The time the listing is ordered by; null when the entry is too broken to tell (it neither stops the listing nor moves the watermark).</param>
internal sealed record SourceEntry(string Key, DateTimeOffset? SortAt)
{
    /// <summary>The interaction to store now; null when the entry is bad, skipped, or stored through its thread.</summary>
    public Interaction? Item { get; init; }

    /// <summary>Why the entry cannot be stored, as <c>where: reason</c>.</summary>
    public string? BadRecord { get; init; }

    /// <summary>Recognised and deliberately not stored (a boost or repost of someone else's post).</summary>
    public bool Skipped { get; init; }

    /// <summary>The thread this entry heads or belongs to, for <see cref="ISocialSource.ReadThreadAsync"/>.</summary>
    public string? ThreadKey { get; init; }

    /// <summary>The platform's reply counter; the thread is read again when it changes (within the thread window).</summary>
    public long? ReplyCount { get; init; }

    /// <summary>
    /// Read the thread the first time the entry is seen even without replies: for an item that is stored through its
    /// thread (a Mastodon reply found outside one, whose root only the thread tells).
    /// </summary>
    public bool ReadThreadOnce { get; init; }

    public static SourceEntry Bad(string key, DateTimeOffset? sortAt, string where, string reason) => new(key, sortAt) { BadRecord = $"{where}: {reason}" };
}

/// <summary>The items of one thread, its bad records, and how many it skipped.</summary>
internal sealed record ThreadRead(IReadOnlyList<Interaction> Items, IReadOnlyList<string> BadRecords, int Skipped = 0);
