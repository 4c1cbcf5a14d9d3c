using Engagement.Core.Domain;
using Engagement.Ml.Vocabulary;

namespace Engagement.Core.Reporting;

/// <summary>
/// Computes a day's aggregates from stored rows: never incremented, so a replayed job cannot double-count. Unknown
/// metadata counts as what it says and no more: an unknown author is neither the brand nor a customer, and an unknown
/// kind with a parent id is a reply, without one it is no kind at all (in the day's total only).
/// </summary>
internal static class DailyAggregator
{
    /// <summary>How long after a customer's message a brand answer still counts as a response.</summary>
    public static readonly TimeSpan ResponseWindow = TimeSpan.FromDays(7);

    public static DateOnly LocalDate(DateTimeOffset at, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime);

    /// <summary>The UTC instants at which the client's local day starts and ends (23 or 25 hours on DST days).</summary>
    public static (DateTimeOffset Start, DateTimeOffset End) DayBounds(DateOnly date, TimeZoneInfo zone) =>
        (StartOf(date, zone), StartOf(date.AddDays(1), zone));

    /// <summary>
    /// The figures of several days of one channel. <paramref name="rows"/> must hold those days' interactions and
    /// the brand's answers up to <see cref="ResponseWindow"/> after them; other rows count only as answers.
    /// </summary>
    public static IReadOnlyList<DailyEngagement> Compute(
        string clientId,
        string channelId,
        IEnumerable<DateOnly> dates,
        TimeZoneInfo zone,
        IReadOnlyList<StoredInteraction> rows)
    {
        // Index once for all days: answers by parent, authors by id, rows by local day.
        var firstAnswer = FirstBrandAnswers(rows);
        var brandAuthored = new Dictionary<string, bool?>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            brandAuthored[row.PlatformId] = row.AuthorIsBrand;
        }

        var byDay = rows.Where(r => r.ChannelId == channelId).ToLookup(r => LocalDate(r.CreatedAt, zone));
        return dates.Order().Select(d => Compute(clientId, channelId, d, byDay[d].ToList(), firstAnswer, brandAuthored)).ToList();
    }

    /// <summary>One day's figures; see <see cref="Compute(string, string, IEnumerable{DateOnly}, TimeZoneInfo, IReadOnlyList{StoredInteraction})"/>.</summary>
    public static DailyEngagement Compute(
        string clientId,
        string channelId,
        DateOnly date,
        TimeZoneInfo zone,
        IReadOnlyList<StoredInteraction> rows) =>
        Compute(clientId, channelId, [date], zone, rows)[0];

    private static DailyEngagement Compute(
        string clientId,
        string channelId,
        DateOnly date,
        List<StoredInteraction> day,
        Dictionary<string, DateTimeOffset> firstAnswer,
        Dictionary<string, bool?> brandAuthored)
    {
        var responseMinutes = new List<double>();
        var answered = 0;
        var unansweredQuestions = 0;
        var customerMessages = 0;
        foreach (var message in day.Where(r => IsCustomerMessage(r, brandAuthored)))
        {
            customerMessages++;
            if (firstAnswer.TryGetValue(message.PlatformId, out var answerAt) && answerAt >= message.CreatedAt && answerAt - message.CreatedAt <= ResponseWindow)
            {
                answered++;
                responseMinutes.Add((answerAt - message.CreatedAt).TotalMinutes);
            }
            else if (message.IsQuestion)
            {
                unansweredQuestions++;
            }
        }

        var posts = day.Where(r => r.Kind == InteractionKind.Post).ToList();
        var brand = day.Where(r => r.AuthorIsBrand == true).ToList();
        return new DailyEngagement
        {
            ClientId = clientId,
            ChannelId = channelId,
            Date = date,
            Interactions = day.Count,
            Broadcast = day.Count(r => r.Label == EngagementLabels.Broadcast),
            Relational = day.Count(r => r.Label == EngagementLabels.Relational),
            Posts = posts.Count,
            Comments = day.Count(r => r.Kind == InteractionKind.Comment),
            Replies = day.Count(r => CountedKind(r) == InteractionKind.Reply),
            Dms = day.Count(r => r.Kind == InteractionKind.Dm),
            BrandInteractions = brand.Count,
            BrandRelational = brand.Count(r => r.Label == EngagementLabels.Relational),
            CustomerMessages = customerMessages,
            CustomerMessagesAnswered = answered,
            UnansweredQuestions = unansweredQuestions,
            MedianFirstResponseMinutes = Median(responseMinutes),
            FirstResponseMinutesTotal = Math.Round(responseMinutes.Sum(), 2),
            Likes = posts.Sum(r => r.Likes),
            Shares = posts.Sum(r => r.Shares),
            ReplyCount = posts.Sum(r => r.Replies),
            Reach = posts.Sum(r => r.Reach),
        };
    }

    /// <summary>The kind a row counts as: its own, except that an unknown kind with a parent id answers something, so is a reply.</summary>
    internal static InteractionKind CountedKind(StoredInteraction r) =>
        r.Kind == InteractionKind.Unknown && r.ParentId is not null ? InteractionKind.Reply : r.Kind;

    /// <summary>
    /// Someone known not to be the brand speaking to it: a comment, a DM, or a reply in a thread (an unknown kind with a
    /// parent id included), except a reply known to answer another customer, which is a conversation between people and
    /// waits for no answer from the brand. An unknown author, or an unknown kind without a parent, is not one.
    /// </summary>
    private static bool IsCustomerMessage(StoredInteraction r, Dictionary<string, bool?> brandAuthored) =>
        r.AuthorIsBrand == false
        && CountedKind(r) is InteractionKind.Comment or InteractionKind.Dm or InteractionKind.Reply
        && !(CountedKind(r) == InteractionKind.Reply && r.ParentId is { } parent && brandAuthored.TryGetValue(parent, out var parentIsBrand) && parentIsBrand == false);

    // The earliest brand message whose parent is the given platform id.
    private static Dictionary<string, DateTimeOffset> FirstBrandAnswers(IReadOnlyList<StoredInteraction> rows)
    {
        var first = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            if (row.AuthorIsBrand == true && row.ParentId is { } parent && (!first.TryGetValue(parent, out var at) || row.CreatedAt < at))
            {
                first[parent] = row.CreatedAt;
            }
        }

        return first;
    }

    internal static double? Median(List<double> values)
    {
        if (values.Count == 0)
        {
            return null;
        }

        values.Sort();
        var middle = values.Count / 2;
        var median = values.Count % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
        return Math.Round(median, 2);
    }

    private static DateTimeOffset StartOf(DateOnly date, TimeZoneInfo zone)
    {
        var local = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        // Midnight can fall in a DST gap in a few zones; the day then starts at the first valid instant.
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(30);
        }

        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }
}
