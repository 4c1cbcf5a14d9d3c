using Engagement.Core.Domain;
using Engagement.Core.Ingestion;
using Engagement.Core.Ports;

namespace Engagement.Core.Reporting;

/// <summary>
/// Recomputes and stores the daily figures that changed interactions touch (<see cref="TouchedDays"/>), from the stored
/// rows: the one path by which ingestion and label corrections change figures.
/// </summary>
internal sealed class DailyRecompute(IInteractionStore interactions, IDailyEngagementStore daily, TimeProvider time)
{
    /// <summary>Recomputes the days <paramref name="items"/> touch on one channel; returns those days.</summary>
    public async Task<IReadOnlyList<DateOnly>> RunAsync(ClientDefinition client, string channelId, IReadOnlyList<Interaction> items, CancellationToken cancellationToken)
    {
        if (items.Count == 0)
        {
            return [];
        }

        var zone = TimeZoneInfo.FindSystemTimeZoneById(client.TimeZone);
        var storedParents = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var (parentId, around) in TouchedDays.ParentsToLookUp(items))
        {
            if (await interactions.FindCreatedAtAsync(client.Id, channelId, parentId, around, cancellationToken).ConfigureAwait(false) is { } at)
            {
                storedParents[parentId] = at;
            }
        }

        var dates = TouchedDays.Of(items, zone, storedParents);
        var from = DailyAggregator.DayBounds(dates.Min(), zone).Start;
        var to = DailyAggregator.DayBounds(dates.Max(), zone).End + DailyAggregator.ResponseWindow;
        var rows = await interactions.QueryAsync(client.Id, channelId, from, to, cancellationToken).ConfigureAwait(false);
        var days = DailyAggregator.Compute(client.Id, channelId, dates, zone, rows);
        await daily.UpsertAsync(days, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        return days.Select(d => d.Date).ToList();
    }
}
