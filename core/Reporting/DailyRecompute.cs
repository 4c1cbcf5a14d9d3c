using Engagement.Core.Alerts;
using Engagement.Core.Domain;
using Engagement.Core.Ports;

namespace Engagement.Core.Reporting;

/// <summary>
/// Recomputes what written rows change: the daily figures of every day that depends on them, and the inbox of those
/// days. It is the one path by which figures change: ingestion calls it after storing a page, and a label correction
/// after rewriting the label in force.
/// </summary>
/// <remarks>
/// A day's figures depend on its own rows and on rows within <see cref="ResponseRules.Horizon"/> of them (parents,
/// answers, the DMs around a burst), never further. So one range read of the channel, from the horizon before the
/// earliest changed row's neighbours to the horizon after the latest one's, holds everything needed: the cost of a
/// page is that read (the page's span plus four horizons) and the days it touches, never the channel's history.
/// </remarks>
public sealed class DailyRecompute(IInteractionStore interactions, IDailyEngagementStore daily, IInboxStore inbox, TimeProvider time)
{
    /// <summary>How long a waiting message stays in the inbox: as long as the default report period.</summary>
    public static readonly TimeSpan InboxDays = TimeSpan.FromDays(ReportPeriod.DefaultDays);

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
