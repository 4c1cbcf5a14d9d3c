using Engagement.Core.Alerts;
using Engagement.Core.Domain;
using Engagement.Core.Ports;

namespace Engagement.Core.Reporting;

/// <summary>
/// Recomputes what written rows change: the daily figures of every day that depends on them, and the inbox of those
/// days. It is the one path by which figures change: ingestion marks the days of each page it stores and recomputes
/// them once when its run ends or pauses (<see cref="MarkAsync"/>, <see cref="RecomputeMarkedAsync"/>); a label
/// correction or an erasure recomputes at once after rewriting rows (<see cref="RecomputeAsync"/>).
/// </summary>
/// <remarks>
/// A day's figures depend on its own rows and on rows within <see cref="ResponseRules.Horizon"/> of them (parents,
/// answers, the DMs around a burst), never further. So one range read of the channel, from the horizon before the
/// earliest changed row's neighbours to the horizon after the latest one's, holds everything needed: the cost of a
/// page is that read (the page's span plus four horizons) and the days it touches, never the channel's history.
/// A run of many pages reads its span once, at its end, instead of once per page: the window around each page holds
/// every row within two horizons of it, so per-page recomputes read each row up to (4 horizons / page span) times,
/// which grows with how many rows a day holds.
/// </remarks>
public sealed class DailyRecompute(IInteractionStore interactions, IDailyEngagementStore daily, IInboxStore inbox, IPendingDaysStore pending, TimeProvider time)
{
    /// <summary>How long a waiting message stays in the inbox: as long as the default report period.</summary>
    public static readonly TimeSpan InboxDays = TimeSpan.FromDays(ReportPeriod.DefaultDays);

    /// <summary>
    /// Marks the local days of rows just written (<paramref name="createdAt"/>) as owed a recompute, durably, before
    /// the run's cursor moves past them.
    /// </summary>
    public Task MarkAsync(ClientDefinition client, string channelId, IEnumerable<DateTimeOffset> createdAt, CancellationToken cancellationToken = default)
    {
        var zone = ResponseRules.For(client).Zone;
        return pending.MarkAsync(client.Id, channelId, createdAt.Select(c => DailyAggregator.LocalDate(c, zone)).ToHashSet(), cancellationToken);
    }

    /// <summary>
    /// Recomputes every day marked for the channel, one read per stretch of nearby days, then clears the marks it
    /// saw; returns the days recomputed. A mark set again meanwhile stays for the next call.
    /// </summary>
    public Task<IReadOnlyList<DateOnly>> RecomputeMarkedAsync(ClientDefinition client, string channelId, CancellationToken cancellationToken = default) =>
        RecomputeMarkedAsync(client, channelId, null, cancellationToken);

    /// <summary>
    /// As <see cref="RecomputeMarkedAsync(ClientDefinition, string, CancellationToken)"/>, taking the rows a run holds
    /// (<paramref name="held"/>) from memory: storage is asked only for the rows their writer did not write last, so a
    /// run does not read back what it has just written.
    /// </summary>
    public async Task<IReadOnlyList<DateOnly>> RecomputeMarkedAsync(ClientDefinition client, string channelId, HeldRows? held, CancellationToken cancellationToken = default)
    {
        var marked = await pending.ListAsync(client.Id, channelId, cancellationToken).ConfigureAwait(false);
        if (marked.Count == 0)
        {
            return [];
        }

        var rules = ResponseRules.For(client);
        var zone = rules.Zone;
        var recomputed = new SortedSet<DateOnly>();
        foreach (var stretch in Stretches(marked.Select(m => m.Date)))
        {
            var earliest = DailyAggregator.LocalDate(DailyAggregator.DayBounds(stretch[0], zone).Start - ResponseRules.Horizon, zone);
            var latest = DailyAggregator.LocalDate(DailyAggregator.DayBounds(stretch[^1], zone).End + ResponseRules.Horizon, zone);
            var (from, to) = DailyAggregator.RowsNeeded(earliest, latest, zone);
            IReadOnlyList<StoredInteraction> rows;
            if (held is null)
            {
                rows = await interactions.QueryAsync(client.Id, channelId, from, to, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                // Stored rows after held ones: a row someone else rewrote since is taken as stored (the last one wins).
                var others = await interactions.QueryOthersAsync(client.Id, channelId, from, to, held.Writer, held.Since, cancellationToken).ConfigureAwait(false);
                rows = [.. held.Rows.Where(r => r.CreatedAt >= from && r.CreatedAt < to), .. others];
            }

            var conversations = new Conversations(rows, rules);
            var own = stretch.ToHashSet();
            var changed = rows.Where(r => own.Contains(DailyAggregator.LocalDate(r.CreatedAt, zone))).Select(r => (r.PlatformId, r.CreatedAt)).ToList();
            var days = AffectedDays(changed, conversations);
            days.UnionWith(own);
            recomputed.UnionWith(await WriteAsync(client, channelId, days, own, conversations, cancellationToken).ConfigureAwait(false));
        }

        await pending.ClearAsync(client.Id, channelId, marked, cancellationToken).ConfigureAwait(false);
        return [.. recomputed];
    }

    /// <summary>Recomputes after <paramref name="changed"/> rows (id and creation time) were written; returns the days recomputed.</summary>
    public async Task<IReadOnlyList<DateOnly>> RecomputeAsync(
        ClientDefinition client,
        string channelId,
        IReadOnlyCollection<(string PlatformId, DateTimeOffset CreatedAt)> changed,
        CancellationToken cancellationToken = default)
    {
        if (changed.Count == 0)
        {
            return [];
        }

        var rules = ResponseRules.For(client);
        var zone = rules.Zone;
        var earliest = DailyAggregator.LocalDate(changed.Min(c => c.CreatedAt) - ResponseRules.Horizon, zone);
        var latest = DailyAggregator.LocalDate(changed.Max(c => c.CreatedAt) + ResponseRules.Horizon, zone);
        var (from, to) = DailyAggregator.RowsNeeded(earliest, latest, zone);
        var rows = await interactions.QueryAsync(client.Id, channelId, from, to, cancellationToken).ConfigureAwait(false);
        var conversations = new Conversations(rows, rules);

        var days = AffectedDays(changed, conversations);
        // A changed row's own day is written even when empty: an erasure may have deleted its last row.
        var own = changed.Select(c => DailyAggregator.LocalDate(c.CreatedAt, zone)).ToHashSet();
        return await WriteAsync(client, channelId, days, own, conversations, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Stretches of marked days whose row windows overlap (closer than four horizons), each read once: a channel
    /// with a few days marked months apart does not read the months between.
    /// </summary>
    internal static IEnumerable<List<DateOnly>> Stretches(IEnumerable<DateOnly> days)
    {
        var gap = (int)Math.Ceiling(4 * ResponseRules.Horizon.TotalDays) + 2;
        List<DateOnly>? stretch = null;
        foreach (var day in days.Distinct().Order())
        {
            if (stretch is not null && day.DayNumber - stretch[^1].DayNumber > gap)
            {
                yield return stretch;
                stretch = null;
            }

            (stretch ??= []).Add(day);
        }

        if (stretch is not null)
        {
            yield return stretch;
        }
    }

    /// <summary>Writes the figures of <paramref name="days"/> (an empty one only when it is in <paramref name="own"/>) and syncs their inbox.</summary>
    private async Task<IReadOnlyList<DateOnly>> WriteAsync(
        ClientDefinition client,
        string channelId,
        SortedSet<DateOnly> days,
        HashSet<DateOnly> own,
        Conversations conversations,
        CancellationToken cancellationToken)
    {
        var zone = conversations.Rules.Zone;
        var figures = DailyAggregator.Compute(client.Id, channelId, days, conversations).Where(d => d.Interactions > 0 || own.Contains(d.Date)).ToList();
        var now = time.GetUtcNow();
        await daily.UpsertAsync(figures, now, cancellationToken).ConfigureAwait(false);

        // The inbox of the whole span of touched days, so an answer on one day clears its question on another.
        var span = (DailyAggregator.DayBounds(days.Min, zone).Start, DailyAggregator.DayBounds(days.Max, zone).End);
        var keepFrom = now - InboxDays;
        var waiting = Inbox.Waiting(client.Id, channelId, conversations, span.Start, span.End)
            .Where(w => w.ReceivedAt >= keepFrom)
            .ToList();
        await inbox.SyncAsync(client.Id, channelId, span.Start, span.End, waiting, keepFrom, cancellationToken).ConfigureAwait(false);
        return [.. days];
    }

    /// <summary>The own days of the changed rows and of every row related to them (<see cref="Conversations.RelatedTo"/>).</summary>
    internal static SortedSet<DateOnly> AffectedDays(IEnumerable<(string PlatformId, DateTimeOffset CreatedAt)> changed, Conversations conversations)
    {
        var zone = conversations.Rules.Zone;
        var days = new SortedSet<DateOnly>();
        foreach (var (id, createdAt) in changed)
        {
            days.Add(DailyAggregator.LocalDate(createdAt, zone));
            if (conversations.Find(id) is { } row)
            {
                foreach (var related in conversations.RelatedTo(row))
                {
                    days.Add(DailyAggregator.LocalDate(related.CreatedAt, zone));
                }
            }
        }

        return days;
    }
}

/// <summary>
/// Rows a run wrote and still holds, as <see cref="IInteractionStore.QueryAsync"/> would read them (labels corrected
/// since, and erasures since, already applied): every row stored with <paramref name="Writer"/>, first written at
/// <paramref name="Since"/>.
/// </summary>
public sealed record HeldRows(string Writer, DateTimeOffset Since, IReadOnlyCollection<StoredInteraction> Rows);
