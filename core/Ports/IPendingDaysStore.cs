namespace Engagement.Core.Ports;

/// <summary>A day whose figures a run still owes, with the version of its mark (so a newer mark is not cleared).</summary>
public sealed record PendingDay(DateOnly Date, string Version);

/// <summary>
/// The days a channel's run has written rows on and not yet recomputed. A run marks each page's days before its
/// cursor moves and recomputes them once, when it ends or pauses: a mark outlives a crash, a lost continuation or a
/// poisoned job, so the next page or run of the channel still recomputes them.
/// </summary>
public interface IPendingDaysStore
{
    /// <summary>Marks the days (idempotent: a replayed page marks the same days).</summary>
    Task MarkAsync(string clientId, string channelId, IReadOnlyCollection<DateOnly> days, CancellationToken cancellationToken = default);

    /// <summary>The channel's marked days, oldest first.</summary>
    Task<IReadOnlyList<PendingDay>> ListAsync(string clientId, string channelId, CancellationToken cancellationToken = default);

    /// <summary>Clears marks as listed; a day marked again since it was listed keeps its mark.</summary>
    Task ClearAsync(string clientId, string channelId, IReadOnlyList<PendingDay> days, CancellationToken cancellationToken = default);
}
