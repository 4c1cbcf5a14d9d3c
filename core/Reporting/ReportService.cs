using System.Globalization;
using Engagement.Core.Domain;
using Engagement.Core.Ports;

namespace Engagement.Core.Reporting;

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

/// <summary>The period rule of reports: the last 28 days by default, at most 366 days.</summary>
public static class ReportPeriod
{
    /// <summary>Days in a period given without a start.</summary>
    public const int DefaultDays = 28;

    /// <summary>Longest report period, in days.</summary>
    public const int MaxDays = 366;

    /// <summary>The period for optional ends: <paramref name="to"/> defaults to today, <paramref name="from"/> to 27 days before it.</summary>
    public static (DateOnly From, DateOnly To) Resolve(DateOnly? from, DateOnly? to, DateOnly today)
    {
        var end = to ?? today;
        return (from ?? end.AddDays(-(DefaultDays - 1)), end);
    }

    /// <summary>Why a period cannot be reported on, or null when it can.</summary>
    public static string? Problem(DateOnly from, DateOnly to) =>
        from > to || to.DayNumber - from.DayNumber >= MaxDays
            ? $"'from' must be on or before 'to', and the period at most {MaxDays} days."
            : null;
}

/// <summary>A report, or why there is none: no such client, or a period that breaks <see cref="ReportPeriod"/>.</summary>
public sealed record ReportResult(ClientReport? Report, bool ClientFound, string? PeriodProblem)
{
    public static ReportResult NotFound { get; } = new(null, false, null);
}

/// <summary>A client's interactions over a period, newest first, or why there are none to list (as <see cref="ReportResult"/>).</summary>
public sealed record InteractionListResult(IReadOnlyList<InteractionRow>? Interactions, bool ClientFound, string? PeriodProblem);

/// <summary>Builds client reports from the daily aggregates, and lists the interactions behind them.</summary>
public sealed class ReportService(IClientStore clients, IDailyEngagementStore daily, IInteractionStore interactions, TimeProvider time)
{
    /// <summary>Most interactions one listing returns.</summary>
    public const int MaxListed = 1_000;

    /// <summary>
    /// The report over a period in the client's own days; missing ends follow <see cref="ReportPeriod.Resolve"/>,
    /// with today taken in the client's time zone.
    /// </summary>
    public async Task<ReportResult> GetForPeriodAsync(string clientId, DateOnly? from, DateOnly? to, CancellationToken cancellationToken = default)
    {
        var client = await clients.GetAsync(clientId, cancellationToken).ConfigureAwait(false);
        if (client is null)
        {
            return ReportResult.NotFound;
        }

        var zone = TimeZoneInfo.FindSystemTimeZoneById(client.TimeZone);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), zone).DateTime);
        var (start, end) = ReportPeriod.Resolve(from, to, today);
        if (ReportPeriod.Problem(start, end) is { } problem)
        {
            return new ReportResult(null, true, problem);
        }

        return new ReportResult(await BuildAsync(client, start, end, cancellationToken).ConfigureAwait(false), true, null);
    }

    /// <summary>
    /// The client's interactions created on the period's local days (the same period rule as reports), newest first, at
    /// most <paramref name="take"/> (up to <see cref="MaxListed"/>); only corrected ones when <paramref name="correctedOnly"/>.
    /// </summary>
    public async Task<InteractionListResult> ListInteractionsAsync(
        string clientId,
        DateOnly? from,
        DateOnly? to,
        int take,
        bool correctedOnly = false,
        CancellationToken cancellationToken = default)
    {
        var client = await clients.GetAsync(clientId, cancellationToken).ConfigureAwait(false);
        if (client is null)
        {
            return new InteractionListResult(null, false, null);
        }

        var zone = TimeZoneInfo.FindSystemTimeZoneById(client.TimeZone);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), zone).DateTime);
        var (start, end) = ReportPeriod.Resolve(from, to, today);
        if (ReportPeriod.Problem(start, end) is { } problem)
        {
            return new InteractionListResult(null, true, problem);
        }

        var limit = Math.Clamp(take, 1, MaxListed);
        var counted = await CountedChannelsAsync(client, cancellationToken).ConfigureAwait(false);
        var rows = await interactions.ListAsync(
            clientId,
            DailyAggregator.DayBounds(start, zone).Start,
            DailyAggregator.DayBounds(end, zone).End,
            correctedOnly ? int.MaxValue : limit,
            cancellationToken).ConfigureAwait(false);
        bool Listed(InteractionRow r) => counted.Contains(r.ChannelId) && (!correctedOnly || r.LabelCorrected);
        var listed = rows.Where(Listed).Take(limit).ToList();
        if (listed.Count < limit && rows.Count >= limit && rows.Any(r => !counted.Contains(r.ChannelId)))
        {
            // Rows of channels that no longer count took places in the page: read the period whole and fill it.
            var all = await interactions.ListAsync(clientId, DailyAggregator.DayBounds(start, zone).Start, DailyAggregator.DayBounds(end, zone).End, int.MaxValue, cancellationToken).ConfigureAwait(false);
            listed = all.Where(Listed).Take(limit).ToList();
        }

        return new InteractionListResult(listed, true, null);
    }

    /// <summary>The report over [<paramref name="from"/>, <paramref name="to"/>], or null when the client does not exist.</summary>
    public async Task<ClientReport?> GetAsync(string clientId, DateOnly from, DateOnly to, CancellationToken cancellationToken = default)
    {
        var client = await clients.GetAsync(clientId, cancellationToken).ConfigureAwait(false);
        return client is null ? null : await BuildAsync(client, from, to, cancellationToken).ConfigureAwait(false);
    }

    private async Task<IReadOnlySet<string>> CountedChannelsAsync(ClientDefinition client, CancellationToken cancellationToken) =>
        ReportScope.CountedChannels(client, await clients.ListChannelsAsync(client.Id, cancellationToken).ConfigureAwait(false));

    private async Task<ClientReport> BuildAsync(ClientDefinition client, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var counted = await CountedChannelsAsync(client, cancellationToken).ConfigureAwait(false);
        var days = (await daily.QueryAsync(client.Id, from, to, cancellationToken).ConfigureAwait(false))
            .Where(d => counted.Contains(d.ChannelId))
            .ToList();
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
