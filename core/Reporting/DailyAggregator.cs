using Engagement.Core.Domain;
using Engagement.Ml.Vocabulary;

namespace Engagement.Core.Reporting;

/// <summary>
/// Computes a day's aggregates from stored rows: never incremented, so a replayed job cannot double-count. Labels are
/// the stored label in force (an agency's correction, else the model's). Unknown metadata counts as what it says and
/// no more: an unknown author is neither the brand nor a customer, and an unknown kind with a parent id is a reply,
/// without one it is no kind at all (in the day's total only).
/// </summary>
internal static class DailyAggregator
{
    public static DateOnly LocalDate(DateTimeOffset at, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime);

    /// <summary>The UTC instants at which the client's local day starts and ends (23 or 25 hours on DST days).</summary>
    public static (DateTimeOffset Start, DateTimeOffset End) DayBounds(DateOnly date, TimeZoneInfo zone) =>
        (StartOf(date, zone), StartOf(date.AddDays(1), zone));

    /// <summary>
    /// The rows a day's figures can depend on: its own, and those within <see cref="ResponseRules.Horizon"/> either side
    /// (parents, answers, the DMs around a burst).
    /// </summary>
    public static (DateTimeOffset From, DateTimeOffset To) RowsNeeded(DateOnly first, DateOnly last, TimeZoneInfo zone) =>
        (DayBounds(first, zone).Start - ResponseRules.Horizon, DayBounds(last, zone).End + ResponseRules.Horizon);

    /// <summary>
    /// The figures of several days of one channel. <paramref name="conversations"/> must hold the rows of
    /// <see cref="RowsNeeded"/> for those days.
    /// </summary>
    public static IReadOnlyList<DailyEngagement> Compute(string clientId, string channelId, IEnumerable<DateOnly> dates, Conversations conversations)
    {
        var zone = conversations.Rules.Zone;
        var byDay = conversations.Rows.Where(r => r.ChannelId == channelId).ToLookup(r => LocalDate(r.CreatedAt, zone));
        // Rows in a fixed order, so sums of doubles come out the same whatever order the rows were stored in.
        return dates.Distinct().Order()
            .Select(d => Compute(clientId, channelId, d, byDay[d].OrderBy(r => r.CreatedAt).ThenBy(r => r.PlatformId, StringComparer.Ordinal).ToList(), conversations))
            .ToList();
    }

    /// <summary>One day's figures from the rows around it (see <see cref="RowsNeeded"/>).</summary>
    public static DailyEngagement Compute(string clientId, string channelId, DateOnly date, ResponseRules rules, IReadOnlyList<StoredInteraction> rows) =>
        Compute(clientId, channelId, [date], new Conversations(rows, rules))[0];

    private static DailyEngagement Compute(string clientId, string channelId, DateOnly date, List<StoredInteraction> day, Conversations conversations)
    {
        var rules = conversations.Rules;
        var units = day.Select(conversations.UnitOf).OfType<CustomerUnit>().ToList();
        var answered = units.Where(u => u.Answer is not null).ToList();
        var brand = day.Where(r => r.IsBrand).ToList();
        var brandPosts = brand.Where(r => r.Kind == InteractionKind.Post).ToList();
        var rated = brandPosts.Select(p => (Post: p, Base: RateBase(p))).Where(p => p.Base is not null).ToList();
        return new DailyEngagement
        {
            ClientId = clientId,
            ChannelId = channelId,
            Date = date,
            Interactions = day.Count,
            Broadcast = day.Count(r => r.Label == EngagementLabels.Broadcast),
            Relational = day.Count(r => r.Label == EngagementLabels.Relational),
            Posts = day.Count(r => r.Kind == InteractionKind.Post),
            Comments = day.Count(r => r.Kind == InteractionKind.Comment),
            ReplyMessages = day.Count(r => r.CountedKind == InteractionKind.Reply),
            Dms = day.Count(r => r.Kind == InteractionKind.Dm),
            BrandInteractions = brand.Count,
            BrandRelational = brand.Count(IsRelational),
            BrandInteractionsDm = brand.Count(r => r.IsDm),
            BrandRelationalDm = brand.Count(r => r.IsDm && IsRelational(r)),
            BrandPosts = brandPosts.Count,
            BrandRelationalPosts = brandPosts.Count(IsRelational),
            InboundMessages = day.Count(r => r.IsCustomer),
            ResponseVolume = brand.Count(r => r.CountedKind is InteractionKind.Comment or InteractionKind.Reply or InteractionKind.Dm),
            CustomerMessages = units.Count,
            CustomerMessagesDm = units.Count(u => u.IsDm),
            CustomerMessagesAnswered = answered.Count,
            CustomerMessagesAnsweredDm = answered.Count(u => u.IsDm),
            AnsweredInTime = answered.Count(u => u.Wait <= rules.ReplyNeeded),
            CustomerQuestions = units.Count(u => u.IsQuestion),
            CustomerQuestionsAnswered = answered.Count(u => u.IsQuestion),
            UnansweredQuestions = units.Count(u => u.IsQuestion && u.Answer is null),
            ResponseTimes = answered
                .Select(u => new ResponseTime(
                    Seconds(u.Wait!.Value),
                    rules.BusinessHours is { } hours ? Seconds(hours.Measure(u.Message.CreatedAt, u.Answer!.CreatedAt, rules.Zone)) : null,
                    u.IsDm,
                    u.IsQuestion))
                .OrderBy(r => r.Seconds)
                .ToList(),
            PostLikes = brandPosts.Sum(p => p.Likes ?? 0),
            PostsWithLikes = brandPosts.Count(p => p.Likes is not null),
            PostShares = brandPosts.Sum(p => p.Shares ?? 0),
            PostsWithShares = brandPosts.Count(p => p.Shares is not null),
            PostReplies = brandPosts.Sum(p => p.Replies ?? 0),
            PostsWithReplies = brandPosts.Count(p => p.Replies is not null),
            PostReach = brandPosts.Sum(p => p.Reach ?? 0),
            PostImpressions = brandPosts.Sum(p => p.Impressions ?? 0),
            RatedPosts = rated.Count,
            EngagementRateSum = rated.Sum(p => (double)Engagements(p.Post) / p.Base!.Value),
            RatedEngagements = rated.Sum(p => Engagements(p.Post)),
            RatedAudience = rated.Sum(p => p.Base!.Value),
            Settings = rules.Describe(),
        };
    }

    /// <summary>Likes, replies and shares: the interactions every platform counts on a post.</summary>
    public static long Engagements(StoredInteraction post) => (post.Likes ?? 0) + (post.Replies ?? 0) + (post.Shares ?? 0);

    /// <summary>The engagement rate's base: reach, or impressions where reach is absent or zero (Metricool's rule).</summary>
    public static long? RateBase(StoredInteraction post) =>
        post.Reach is > 0 ? post.Reach : post.Impressions is > 0 ? post.Impressions : null;

    private static bool IsRelational(StoredInteraction row) => row.Label == EngagementLabels.Relational;

    private static int Seconds(TimeSpan span) => (int)Math.Min(int.MaxValue, span.Ticks / TimeSpan.TicksPerSecond);

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
