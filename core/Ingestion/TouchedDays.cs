using Engagement.Core.Domain;
using Engagement.Core.Reporting;

namespace Engagement.Core.Ingestion;

/// <summary>
/// Which days a page of interactions changes: the local days they were created on, and the day of each question a
/// brand answer in the page replies to within the response window, since the answer changes that day's reply rate.
/// </summary>
internal static class TouchedDays
{
    /// <summary>Parents of brand answers that are not in the page itself, with the answer's time to look around.</summary>
    public static IEnumerable<(string ParentId, DateTimeOffset Around)> ParentsToLookUp(IReadOnlyList<Interaction> items)
    {
        var inPage = items.Select(i => i.PlatformId).ToHashSet(StringComparer.Ordinal);
        foreach (var answer in items.Where(i => i.AuthorIsBrand == true && i.ParentId is not null && !inPage.Contains(i.ParentId)))
        {
            yield return (answer.ParentId!, answer.CreatedAt);
        }
    }

    /// <summary>The days to recompute; <paramref name="storedParents"/> holds the creation time of parents found in storage.</summary>
    public static HashSet<DateOnly> Of(IReadOnlyList<Interaction> items, TimeZoneInfo zone, IReadOnlyDictionary<string, DateTimeOffset> storedParents)
    {
        var dates = items.Select(i => DailyAggregator.LocalDate(i.CreatedAt, zone)).ToHashSet();
        var created = items.GroupBy(i => i.PlatformId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().CreatedAt, StringComparer.Ordinal);
        foreach (var answer in items.Where(i => i.AuthorIsBrand == true && i.ParentId is not null))
        {
            DateTimeOffset? parentAt = created.TryGetValue(answer.ParentId!, out var inPage)
                ? inPage
                : storedParents.TryGetValue(answer.ParentId!, out var stored) ? stored : null;
            if (parentAt is { } when && answer.CreatedAt - when <= DailyAggregator.ResponseWindow)
            {
                dates.Add(DailyAggregator.LocalDate(when, zone));
            }
        }

        return dates;
    }
}
