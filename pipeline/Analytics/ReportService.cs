using System.Globalization;
using Engagement.Pipeline.Domain;
using Engagement.Pipeline.Storage;

namespace Engagement.Pipeline.Analytics;

/// <summary>Figures over any set of days: sums and shares recomputed from the daily counts.</summary>
public sealed record EngagementSummary(
    int Interactions,
    int Broadcast,
    int Relational,
    double RelationalShare,
    int Posts,
    int Comments,
    int Replies,
    int Dms,
    int BrandInteractions,
    double BrandRelationalShare,
    int CustomerMessages,
    double ReplyRate,
    int UnansweredQuestions,
    double? AverageFirstResponseMinutes,
    double InteractionRate)
{
    public static EngagementSummary Of(IEnumerable<DailyEngagement> days)
    {
        var list = days as IReadOnlyCollection<DailyEngagement> ?? days.ToList();
        int Sum(Func<DailyEngagement, int> f) => list.Sum(f);
        long SumLong(Func<DailyEngagement, long> f) => list.Sum(f);
        var interactions = Sum(d => d.Interactions);
        var relational = Sum(d => d.Relational);
        var brand = Sum(d => d.BrandInteractions);
        var customer = Sum(d => d.CustomerMessages);
        var answered = Sum(d => d.CustomerMessagesAnswered);
        var reach = SumLong(d => d.Reach);
        return new EngagementSummary(
            interactions,
            Sum(d => d.Broadcast),
            relational,
            Round(DailyEngagement.Ratio(relational, interactions)),
            Sum(d => d.Posts),
            Sum(d => d.Comments),
            Sum(d => d.Replies),
            Sum(d => d.Dms),
            brand,
            Round(DailyEngagement.Ratio(Sum(d => d.BrandRelational), brand)),
            customer,
            Round(DailyEngagement.Ratio(answered, customer)),
            Sum(d => d.UnansweredQuestions),
            answered == 0 ? null : Math.Round(list.Sum(d => d.FirstResponseMinutesTotal) / answered, 1),
            reach == 0 ? 0 : Round((double)SumLong(d => d.Likes + d.Shares + d.ReplyCount) / reach));
    }

    /// <summary>
    /// A one-word reading for people: <c>conversational</c> when the brand mostly talks with people and answers
    /// them, <c>billboard</c> when it mostly talks at them, <c>mixed</c> in between; <c>no data</c> for an empty period.
    /// </summary>
    public string Style => (BrandRelationalShare, ReplyRate) switch
    {
        _ when Interactions == 0 => "no data",
        ( >= 0.5, >= 0.6) => "conversational",
        ( < 0.3, < 0.4) => "billboard",
        _ => "mixed",
    };

    private static double Round(double value) => Math.Round(value, 3);
}

/// <summary>A client's report over a period: the whole, each channel, and each week.</summary>
public sealed record ClientReport(
    string ClientId,
    string DisplayName,
    DateOnly From,
    DateOnly To,
    EngagementSummary Total,
    IReadOnlyDictionary<string, EngagementSummary> Channels,
    IReadOnlyList<WeekSummary> Weeks);

/// <summary>One ISO week (starting Monday) of a report.</summary>
public sealed record WeekSummary(DateOnly WeekStart, EngagementSummary Summary);

/// <summary>Builds client reports from the DailyEngagement table.</summary>
public sealed class ReportService(ClientStore clients, DailyEngagementStore daily)
{
    /// <summary>The report, or null when the client does not exist.</summary>
    public async Task<ClientReport?> GetAsync(string clientId, DateOnly from, DateOnly to, CancellationToken cancellationToken = default)
    {
        var client = await clients.GetAsync(clientId, cancellationToken).ConfigureAwait(false);
        if (client is null)
        {
            return null;
        }

        var days = await daily.QueryAsync(clientId, from, to, cancellationToken).ConfigureAwait(false);
        var channels = days
            .GroupBy(d => d.ChannelId, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => EngagementSummary.Of(g), StringComparer.Ordinal);
        var weeks = days
            .GroupBy(d => WeekStart(d.Date))
            .OrderBy(g => g.Key)
            .Select(g => new WeekSummary(g.Key, EngagementSummary.Of(g)))
            .ToList();
        return new ClientReport(client.Id, client.DisplayName, from, to, EngagementSummary.Of(days), channels, weeks);
    }

    internal static DateOnly WeekStart(DateOnly date) =>
        DateOnly.FromDateTime(ISOWeek.ToDateTime(ISOWeek.GetYear(date.ToDateTime(TimeOnly.MinValue)), ISOWeek.GetWeekOfYear(date.ToDateTime(TimeOnly.MinValue)), DayOfWeek.Monday));
}
