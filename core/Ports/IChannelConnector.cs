using Engagement.Core.Domain;

namespace Engagement.Core.Ports;

/// <summary>Reads a channel's interactions, a bounded page at a time, from where the last page ended.</summary>
/// <remarks>
/// A connector reports what went wrong by throwing <see cref="ConnectorFaultException"/>: transient faults are
/// retried by the queue, a throttle puts the job back on the queue until the platform allows it again (no try is
/// used), and a permanent fault marks the channel with its reason and completes the job. Any other exception counts
/// as transient. A problem with one item is that item's bad record in <see cref="ConnectorPage.Errors"/>, never the
/// whole page's.
/// </remarks>
public interface IChannelConnector
{
    /// <summary>The <see cref="ChannelDefinition.Platform"/> value this connector serves.</summary>
    string Platform { get; }

    /// <summary>Checks a channel definition before it is saved (the account's syntax, no I/O); returns the problem, or null.</summary>
    string? Validate(ChannelDefinition channel);

    /// <summary>Reads the next page of the channel, within the request's budget.</summary>
    Task<ConnectorPage> FetchAsync(ConnectorRequest request, CancellationToken cancellationToken = default);
}

/// <summary>What one job asks of a connector: which channel, from where, how much, with which settings and token.</summary>
/// <param name="Channel">The channel as stored.</param>
/// <param name="Cursor">Where the last page ended: a value the connector wrote and alone reads; null for a new channel.</param>
/// <param name="Budget">How much one job may read before it leaves the rest to a continuation.</param>
/// <param name="Settings">The channel's crawl settings, defaults applied.</param>
/// <param name="Token">The channel's token, read from the secret store only when the connector asks for it.</param>
public sealed record ConnectorRequest(
    ChannelDefinition Channel,
    string? Cursor,
    PageBudget Budget,
    ChannelSettings Settings,
    ChannelToken Token);

/// <summary>
/// Bounds one job: at most <paramref name="MaxItems"/> records (good or bad) and <paramref name="MaxRequests"/> calls
/// to the platform. A connector may finish the step it is in (one listing page, one thread), so it can go over by one step.
/// </summary>
public sealed record PageBudget(int MaxItems, int MaxRequests);

/// <summary>One page of a channel: the items, bad input skipped with its reason, and where to go on from.</summary>
/// <param name="Items">Interactions to store.</param>
/// <param name="Errors">Bad records as <c>where: reason</c>; each is logged and counted, and the rest of the page is stored.</param>
/// <param name="NextCursor">The cursor to save once the items are stored.</param>
/// <param name="HasMore">True when a continuation job should read on.</param>
public sealed record ConnectorPage(
    IReadOnlyList<Interaction> Items,
    IReadOnlyList<string> Errors,
    string? NextCursor,
    bool HasMore)
{
    /// <summary>The platform's rate-limit state as last seen, when it tells one.</summary>
    public RateLimitState? RateLimit { get; init; }

    /// <summary>
    /// Set when the connector stopped early to stay under a rate limit: the continuation must not start before this
    /// time. The page is stored as usual.
    /// </summary>
    public DateTimeOffset? ResumeAt { get; init; }

    /// <summary>Records recognised and deliberately not stored (boosts and reposts of other people's posts).</summary>
    public int Skipped { get; init; }

    /// <summary>Items kept with a warning, each as <c>where: what (interaction id)</c>; neither errors nor a status.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}

/// <summary>
/// A platform's rate-limit window as its headers describe it: requests allowed, requests left, and when the window
/// resets; or, for platforms that report usage as a share (Meta), the share used.
/// </summary>
public sealed record RateLimitState(int? Limit, int? Remaining, DateTimeOffset? ResetAt, double? UsedShare = null)
{
    /// <summary>The share of the window already used, from whichever figure the platform gives.</summary>
    public double? Used => UsedShare ?? (Limit is > 0 && Remaining is { } left ? 1 - ((double)left / Limit.Value) : null);

    /// <summary>True when less than <paramref name="reserve"/> of the window is left, so the connector should stop until the reset.</summary>
    public bool IsNear(double reserve) => Used is { } used && used >= 1 - reserve;

    public override string ToString()
    {
        var parts = new List<string>();
        if (Remaining is { } remaining)
        {
            parts.Add(Limit is { } limit ? $"{remaining}/{limit} left" : $"{remaining} left");
        }
        else if (UsedShare is { } share)
        {
            parts.Add($"{share:P0} used");
        }

        if (ResetAt is { } reset)
        {
            parts.Add($"resets {reset.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z");
        }

        return parts.Count == 0 ? "not reported" : string.Join(", ", parts);
    }
}
