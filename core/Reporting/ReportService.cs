using System.Globalization;
using Engagement.Core.Domain;
using Engagement.Core.Ports;
using Engagement.Ml.Vocabulary;

namespace Engagement.Core.Reporting;

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

/// <summary>
/// Builds client reports: the figures from the daily rows (summed exactly), and what needs single rows (the
/// unanswered list, the posts' conversations, thread sizes) from the period's interactions; and lists the interactions
/// behind them.
/// </summary>
public sealed class ReportService(IClientStore clients, IDailyEngagementStore daily, IInteractionStore interactions, TimeProvider time)
{
    /// <summary>Posts listed at each end of the ranking.</summary>
    public const int RankedPosts = 5;

    /// <summary>Longest excerpt of a message or post in a report.</summary>
    public const int ExcerptLength = 200;

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

        var (start, end) = Resolve(client, from, to);
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

        var (start, end) = Resolve(client, from, to);
        if (ReportPeriod.Problem(start, end) is { } problem)
        {
            return new InteractionListResult(null, true, problem);
        }

        var zone = TimeZoneInfo.FindSystemTimeZoneById(client.TimeZone);

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

    /// <summary>
    /// Every enabled client over the same dates, or each over its own last 28 days when none are given; null with the
    /// problem when the period is not valid. A disabled client counts nothing (<see cref="ReportScope"/>), so it has no
    /// line: an overview shows the clients the agency serves.
    /// </summary>
    public async Task<(AgencyOverview? Overview, string? PeriodProblem)> GetOverviewAsync(DateOnly? from, DateOnly? to, CancellationToken cancellationToken = default)
    {
        var rows = new List<OverviewRow>();
        foreach (var client in (await clients.ListAsync(cancellationToken).ConfigureAwait(false)).Where(c => c.Enabled).OrderBy(c => c.Id, StringComparer.Ordinal))
        {
            var (start, end) = Resolve(client, from, to);
            if (ReportPeriod.Problem(start, end) is { } problem)
            {
                return (null, problem);
            }

            var report = await BuildAsync(client, start, end, cancellationToken).ConfigureAwait(false);
            rows.Add(new OverviewRow(report.ClientId, report.DisplayName, report.Settings.Language, report.Period, report.Total, report.Previous));
        }

        return (new AgencyOverview(time.GetUtcNow(), rows), null);
    }

    private (DateOnly From, DateOnly To) Resolve(ClientDefinition client, DateOnly? from, DateOnly? to)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(client.TimeZone);
        var today = DailyAggregator.LocalDate(time.GetUtcNow(), zone);
        return ReportPeriod.Resolve(from, to, today);
    }

    private async Task<ClientReport> BuildAsync(ClientDefinition client, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var rules = ResponseRules.For(client);
        var zone = rules.Zone;
        var asOf = time.GetUtcNow();
        var previousTo = from.AddDays(-1);
        var previousFrom = previousTo.AddDays(-(to.DayNumber - from.DayNumber));
        var current = new Span(DailyAggregator.DayBounds(from, zone).Start, DailyAggregator.DayBounds(to, zone).End);
        var previous = new Span(DailyAggregator.DayBounds(previousFrom, zone).Start, current.Start);
        var businessHours = rules.BusinessHours is not null;

        // Only the enabled channels of an enabled client count (ReportScope): the others' rows are kept, not reported.
        var counted = await CountedChannelsAsync(client, cancellationToken).ConfigureAwait(false);
        var days = (await daily.QueryAsync(client.Id, previousFrom, to, cancellationToken).ConfigureAwait(false))
            .Where(d => counted.Contains(d.ChannelId))
            .ToList();
        var inPeriod = days.Where(d => d.Date >= from).ToList();
        var inPrevious = days.Where(d => d.Date < from).ToList();

        var channelIds = counted.Order(StringComparer.Ordinal).ToList();

        var channels = new List<ChannelReport>();
        var currentRows = new RowFigures();
        var previousRows = new RowFigures();
        var open = new List<(string Channel, CustomerUnit Unit, string Status)>();
        var posts = new List<(string Channel, PostConversation Post)>();
        var openUnits = 0;
        foreach (var channelId in channelIds)
        {
            var rows = await interactions.QueryAsync(client.Id, channelId, previous.Start - ResponseRules.Horizon, current.End + ResponseRules.Horizon, cancellationToken).ConfigureAwait(false);
            var conversations = new Conversations(rows, rules);
            var threads = conversations.Rows.Where(r => r.Kind != InteractionKind.Dm).ToLookup(conversations.ThreadRootOf, StringComparer.Ordinal);
            var channelCurrent = RowFigures.Of(conversations, threads, current);
            var channelPrevious = RowFigures.Of(conversations, threads, previous);
            currentRows += channelCurrent;
            previousRows += channelPrevious;

            foreach (var unit in UnitsIn(conversations, current))
            {
                if (unit.Answer is null && asOf < unit.Message.CreatedAt + rules.ReplyWindow)
                {
                    openUnits++;
                }

                if (unit.Answer is null || unit.Answer.CreatedAt > current.End)
                {
                    open.Add((channelId, unit, StatusOf(unit, rules, asOf)));
                }
            }

            posts.AddRange(PostsIn(conversations, threads, current).Select(p => (channelId, p)));
            channels.Add(new ChannelReport(
                channelId,
                channelCurrent.ApplyTo(PeriodFigures.Of(inPeriod.Where(d => d.ChannelId == channelId), businessHours)),
                channelPrevious.ApplyTo(PeriodFigures.Of(inPrevious.Where(d => d.ChannelId == channelId), businessHours))));
        }

        var ranked = posts
            .OrderByDescending(p => p.Post.AnsweredMessages)
            .ThenByDescending(p => p.Post.RelationalAudience)
            .ThenBy(p => p.Post.Post.CreatedAt)
            .ToList();
        var top = ranked.Take(RankedPosts).ToList();
        var bottom = ranked.Skip(RankedPosts).Reverse().Take(RankedPosts).ToList();
        var details = await DetailsAsync(
            client.Id,
            open.Select(o => (o.Channel, o.Unit.Message)).Concat(top.Concat(bottom).Select(p => (p.Channel, p.Post.Post))),
            cancellationToken).ConfigureAwait(false);

        var weeks = inPeriod
            .GroupBy(d => WeekStart(d.Date))
            .OrderBy(g => g.Key)
            .Select(g => new WeekFigures(g.Key, PeriodFigures.Of(g, businessHours)))
            .ToList();

        return new ClientReport(
            client.Id,
            client.DisplayName,
            new ReportSettings(client.ReportLanguage, client.TimeZone, (int)rules.ReplyWindow.TotalHours, (int)rules.ReplyNeeded.TotalHours, rules.BusinessHours?.ToString()),
            new ReportWindow(from, to, previousFrom, previousTo, current.Start, current.End, asOf, openUnits > 0, openUnits),
            currentRows.ApplyTo(PeriodFigures.Of(inPeriod, businessHours)),
            previousRows.ApplyTo(PeriodFigures.Of(inPrevious, businessHours)),
            channels,
            weeks,
            open
                .OrderByDescending(o => o.Unit.IsQuestion)
                .ThenBy(o => o.Unit.Message.CreatedAt)
                .Select(o => ToOpenMessage(o.Channel, o.Unit, o.Status, current.End, details))
                .ToList(),
            top.Select(p => ToPostResponse(p.Channel, p.Post, details)).ToList(),
            bottom.Select(p => ToPostResponse(p.Channel, p.Post, details)).ToList());
    }

    internal static DateOnly WeekStart(DateOnly date) =>
        DateOnly.FromDateTime(ISOWeek.ToDateTime(ISOWeek.GetYear(date.ToDateTime(TimeOnly.MinValue)), ISOWeek.GetWeekOfYear(date.ToDateTime(TimeOnly.MinValue)), DayOfWeek.Monday));

    private static IEnumerable<CustomerUnit> UnitsIn(Conversations conversations, Span span) =>
        conversations.Rows.Where(r => span.Contains(r.CreatedAt)).Select(conversations.UnitOf).OfType<CustomerUnit>();

    private static string StatusOf(CustomerUnit unit, ResponseRules rules, DateTimeOffset asOf) => unit switch
    {
        { Answer: not null } => OpenStatuses.AnsweredLater,
        { LateAnswer: not null } => OpenStatuses.AnsweredLate,
        _ when asOf < unit.Message.CreatedAt + rules.ReplyWindow => OpenStatuses.StillOpen,
        _ => OpenStatuses.Expired,
    };

    private static IEnumerable<PostConversation> PostsIn(Conversations conversations, ILookup<string, StoredInteraction> threads, Span span)
    {
        var until = span.End + conversations.Rules.ReplyWindow;
        foreach (var post in conversations.Rows.Where(r => r.IsBrand && r.Kind == InteractionKind.Post && span.Contains(r.CreatedAt)))
        {
            var thread = threads[post.PlatformId].Where(r => r.PlatformId != post.PlatformId && r.CreatedAt <= until).ToList();
            var audience = thread.Where(r => r.IsCustomer).ToList();
            yield return new PostConversation(
                post,
                audience.Select(conversations.UnitOf).Count(u => u?.Answer is not null),
                audience.Count(r => r.Label == EngagementLabels.Relational),
                audience.Count,
                thread.Count(r => r.IsBrand));
        }
    }

    private async Task<Dictionary<(string Channel, string Id), InteractionDetail>> DetailsAsync(
        string clientId,
        IEnumerable<(string Channel, StoredInteraction Row)> rows,
        CancellationToken cancellationToken)
    {
        var found = new Dictionary<(string, string), InteractionDetail>();
        foreach (var channel in rows.GroupBy(r => r.Channel, StringComparer.Ordinal))
        {
            var wanted = channel.Select(r => (r.Row.PlatformId, r.Row.CreatedAt)).Distinct().ToList();
            foreach (var (id, detail) in await interactions.GetDetailsAsync(clientId, channel.Key, wanted, cancellationToken).ConfigureAwait(false))
            {
                found[(channel.Key, id)] = detail;
            }
        }

        return found;
    }

    private static OpenMessage ToOpenMessage(string channelId, CustomerUnit unit, string status, DateTimeOffset periodEnd, Dictionary<(string, string), InteractionDetail> details)
    {
        var message = unit.Message;
        var detail = details.GetValueOrDefault((channelId, message.PlatformId));
        return new OpenMessage(
            channelId,
            message.PlatformId,
            detail?.Platform,
            message.Kind.Name(),
            unit.IsDm,
            message.CreatedAt,
            Math.Round((periodEnd - message.CreatedAt).TotalHours, 2),
            unit.IsQuestion,
            unit.IsComplaint,
            message.Author,
            Excerpt(detail?.Text),
            message.Url ?? detail?.Url,
            status,
            (unit.Answer ?? unit.LateAnswer)?.CreatedAt,
            unit.Answer is { } answer ? (answer.CreatedAt - message.CreatedAt).TotalMinutes : null);
    }

    private static PostResponse ToPostResponse(string channelId, PostConversation conversation, Dictionary<(string, string), InteractionDetail> details)
    {
        var post = conversation.Post;
        var detail = details.GetValueOrDefault((channelId, post.PlatformId));
        var rateBase = DailyAggregator.RateBase(post);
        return new PostResponse(
            channelId,
            post.PlatformId,
            post.CreatedAt,
            post.Label,
            detail?.Signals,
            Excerpt(detail?.Text),
            post.Url ?? detail?.Url,
            conversation.AnsweredMessages,
            conversation.RelationalAudience,
            conversation.AudienceComments,
            conversation.BrandReplies,
            post.Likes,
            post.Shares,
            post.Reach ?? post.Impressions,
            rateBase is { } audience ? (double)DailyAggregator.Engagements(post) / audience : null);
    }

    private static string? Excerpt(string? text) =>
        text is null ? null : text.Length <= ExcerptLength ? text : text[..ExcerptLength] + "…";

    /// <summary>[Start, End) in UTC.</summary>
    private readonly record struct Span(DateTimeOffset Start, DateTimeOffset End)
    {
        public bool Contains(DateTimeOffset at) => at >= Start && at < End;
    }

    private sealed record PostConversation(StoredInteraction Post, int AnsweredMessages, int RelationalAudience, int AudienceComments, int BrandReplies);

    /// <summary>The figures that need single rows rather than daily sums, for one span of one or more channels.</summary>
    private readonly record struct RowFigures(int BrandPosts, int ThreadMessages, int AudienceComments, int DmMessages, int DmThreads, int OpenAtEnd, int OpenQuestionsAtEnd)
    {
        public static RowFigures Of(Conversations conversations, ILookup<string, StoredInteraction> threads, Span span)
        {
            var until = span.End + conversations.Rules.ReplyWindow;
            int posts = 0, messages = 0, audience = 0;
            foreach (var post in conversations.Rows.Where(r => r.IsBrand && r.Kind == InteractionKind.Post && span.Contains(r.CreatedAt)))
            {
                posts++;
                var thread = threads[post.PlatformId].Where(r => r.PlatformId != post.PlatformId && r.CreatedAt <= until).ToList();
                messages += thread.Count;
                audience += thread.Count(r => r.IsCustomer);
            }

            var dms = conversations.Rows.Where(r => r.IsDm && span.Contains(r.CreatedAt)).ToList();
            var open = UnitsIn(conversations, span).Where(u => u.Answer is null || u.Answer.CreatedAt > span.End).ToList();
            return new RowFigures(
                posts,
                messages,
                audience,
                dms.Count,
                dms.Select(d => d.ThreadId ?? d.PlatformId).Distinct(StringComparer.Ordinal).Count(),
                open.Count,
                open.Count(u => u.IsQuestion));
        }

        public static RowFigures operator +(RowFigures a, RowFigures b) => new(
            a.BrandPosts + b.BrandPosts,
            a.ThreadMessages + b.ThreadMessages,
            a.AudienceComments + b.AudienceComments,
            a.DmMessages + b.DmMessages,
            a.DmThreads + b.DmThreads,
            a.OpenAtEnd + b.OpenAtEnd,
            a.OpenQuestionsAtEnd + b.OpenQuestionsAtEnd);

        public PeriodFigures ApplyTo(PeriodFigures figures) => figures with
        {
            ThreadSize = PeriodFigures.Per(ThreadMessages, BrandPosts),
            ConversationRate = PeriodFigures.Per(AudienceComments, BrandPosts),
            DmThreadSize = PeriodFigures.Per(DmMessages, DmThreads),
            OpenAtEnd = OpenAtEnd,
            OpenQuestionsAtEnd = OpenQuestionsAtEnd,
        };
    }
}
