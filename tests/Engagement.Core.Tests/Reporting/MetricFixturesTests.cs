using System.Globalization;
using Engagement.Core.Domain;
using Engagement.Core.Ports;
using Engagement.Core.Registration;
using Engagement.Core.Reporting;
using Engagement.Core.Tests.Fakes;
using Engagement.Ml.Vocabulary;

namespace Engagement.Core.Tests.Reporting;

/// <summary>
/// The three hand-computed fixtures of docs/metrics.md (a day across the DST change, a week with business hours,
/// an empty period), stored as rows, recomputed and reported through the core's own path.
/// </summary>
public sealed class MetricFixturesTests
{
    private const double Tolerance = 1e-9;

    [Fact]
    public async Task TheDaySummerTimeEnds()
    {
        var core = new CoreHarness(now: At("2026-11-05T00:00Z"));
        await StoreAsync(core, null, "instagram",
            R("p0", InteractionKind.Post, "brand", "2026-10-24T08:00Z", label: EngagementLabels.Broadcast, likes: 50, replies: 6, shares: 5, reach: 1000),
            R("c00", InteractionKind.Comment, "p-k", "2026-10-24T20:00Z", parent: "p0", thread: "p0"),
            R("r00", InteractionKind.Reply, "brand", "2026-10-24T20:50Z", parent: "c00", thread: "p0"),
            R("c1", InteractionKind.Comment, "p-b", "2026-10-24T22:10Z", parent: "p0", thread: "p0", question: true),
            R("r1", InteractionKind.Reply, "brand", "2026-10-24T22:50Z", parent: "c1", thread: "p0"),
            R("c2", InteractionKind.Comment, "p-c", "2026-10-25T00:40Z", parent: "p0", thread: "p0"),
            R("r2", InteractionKind.Reply, "brand", "2026-10-25T01:10Z", parent: "c2", thread: "p0", label: EngagementLabels.Broadcast),
            R("p1", InteractionKind.Post, "brand", "2026-10-25T09:00Z", likes: 80, replies: 9, shares: 10, reach: 2000),
            R("c3", InteractionKind.Comment, "p-d", "2026-10-25T09:30Z", parent: "p1", thread: "p1", question: true),
            R("c4", InteractionKind.Reply, "p-e", "2026-10-25T09:45Z", parent: "c3", thread: "p1", question: true),
            R("r3", InteractionKind.Reply, "brand", "2026-10-25T11:30Z", parent: "c3", thread: "p1"),
            R("c5", InteractionKind.Comment, "p-f", "2026-10-25T12:00Z", parent: "p1", thread: "p1"),
            R("c6", InteractionKind.Comment, "p-g", "2026-10-25T20:00Z", parent: "p1", thread: "p1", question: true),
            R("d1", InteractionKind.Dm, "p-h", "2026-10-25T21:00Z", thread: "t1", question: true),
            R("d2", InteractionKind.Dm, "p-h", "2026-10-25T21:05Z", parent: "d1", thread: "t1"),
            R("d3", InteractionKind.Dm, "brand", "2026-10-25T22:45Z", parent: "d2", thread: "t1"),
            R("c7", InteractionKind.Comment, "p-i", "2026-10-25T22:50Z", parent: "p1", thread: "p1"),
            R("c8", InteractionKind.Comment, "p-j", "2026-10-25T23:10Z", parent: "p1", thread: "p1", label: EngagementLabels.Broadcast),
            R("r7", InteractionKind.Reply, "brand", "2026-10-25T23:20Z", parent: "c7", thread: "p1"),
            R("r5", InteractionKind.Reply, "brand", "2026-10-27T12:00Z", parent: "c5", thread: "p1"));

        var report = (await core.Reports.GetAsync("acme", new DateOnly(2026, 10, 25), new DateOnly(2026, 10, 25)))!;
        var (now, before) = (report.Total, report.Previous);

        Assert.Equal(TimeSpan.FromHours(25), report.Period.End - report.Period.Start);
        Assert.Equal(new DateOnly(2026, 10, 24), report.Period.PreviousFrom);
        Assert.Equal(14, now.Interactions);
        // Metric 1: the brand's voice.
        Assert.Equal(5, now.BrandMessages);
        Assert.Equal(0.8, now.BrandRelationalShare!.Value, Tolerance);
        Assert.Equal(0.75, now.BrandRelationalSharePublic!.Value, Tolerance);
        Assert.Equal(1.0, now.BrandRelationalShareDm!.Value, Tolerance);
        Assert.Equal(1.0, now.PostsRelationalShare!.Value, Tolerance);
        Assert.Equal(0.5, before.BrandRelationalShare!.Value, Tolerance);
        // Metric 2: seven units (c4 answers another customer; d1 and d2 are one burst), six answered in the window.
        Assert.Equal(7, now.CustomerMessages);
        Assert.Equal((6, 1), (now.CustomerMessagesPublic, now.CustomerMessagesDm));
        Assert.Equal(6.0 / 7, now.ReplyRate!.Value, Tolerance);
        Assert.Equal(5.0 / 6, now.ReplyRatePublic!.Value, Tolerance);
        Assert.Equal(1.0, now.ReplyRateDm!.Value, Tolerance);
        Assert.Equal(5.0 / 7, now.ReplyRateInTime!.Value, Tolerance);
        Assert.Equal((4, 3), (now.Questions, now.QuestionsAnswered));
        Assert.Equal(0.75, now.QuestionResponseRate!.Value, Tolerance);
        Assert.Equal(1, now.UnansweredQuestions);
        Assert.False(report.Period.Provisional);
        Assert.Equal(1.0, before.ReplyRate!.Value, Tolerance);
        // Metric 3: 30, 30, 40, 105, 120 and 2,880 minutes; c2 waited 30 minutes, not -30, across the clock change.
        Assert.Equal(6, now.FirstResponse.Count);
        Assert.Equal(72.5, now.FirstResponse.MedianMinutes!.Value, Tolerance);
        Assert.Equal(3_205 / 6.0, now.FirstResponse.MeanMinutes!.Value, Tolerance);
        Assert.Equal(30, now.FirstResponse.QuickestMinutes!.Value, Tolerance);
        Assert.Equal(2_880, now.FirstResponse.SlowestMinutes!.Value, Tolerance);
        Assert.Equal(2_880, now.FirstResponse.P90Minutes!.Value, Tolerance);
        Assert.Equal(40, now.FirstResponsePublic.MedianMinutes!.Value, Tolerance);
        Assert.Equal(620, now.FirstResponsePublic.MeanMinutes!.Value, Tolerance);
        Assert.Equal(105, now.FirstResponseDm.MedianMinutes!.Value, Tolerance);
        Assert.Equal(105, now.QuestionResponse.MedianMinutes!.Value, Tolerance);
        Assert.Null(now.FirstResponseBusiness);
        Assert.Equal(50, before.FirstResponse.MedianMinutes!.Value, Tolerance);
        // Metric 4: c5, c6 and c7 had no answer at the end of the 25th; the question first, then oldest first.
        Assert.Equal((3, 1), (now.OpenAtEnd, now.OpenQuestionsAtEnd));
        Assert.Equal(["c6", "c5", "c7"], report.Unanswered.Select(u => u.PlatformId));
        Assert.Equal([OpenStatuses.Expired, OpenStatuses.AnsweredLater, OpenStatuses.AnsweredLater], report.Unanswered.Select(u => u.Status));
        Assert.Equal(3.0, report.Unanswered[0].AgeAtEndHours, Tolerance);
        Assert.Equal(2_880, report.Unanswered[1].WaitMinutes!.Value, Tolerance);
        // Metrics 5 to 7: p1's thread (9 messages, 6 from the audience), the DM thread, the post's counters.
        Assert.Equal(9.0, now.ThreadSize!.Value, Tolerance);
        Assert.Equal(3.0, now.DmThreadSize!.Value, Tolerance);
        Assert.Equal(6.0, now.ConversationRate!.Value, Tolerance);
        Assert.Equal(10.0, now.AmplificationRate!.Value, Tolerance);
        Assert.Equal(80.0, now.ApplauseRate!.Value, Tolerance);
        Assert.Equal(0.0495, now.EngagementRate!.Value, Tolerance);
        Assert.Equal(0.0495, now.EngagementRateWeighted!.Value, Tolerance);
        Assert.Equal(0.061, before.EngagementRate!.Value, Tolerance);
        Assert.Equal(3.0, before.ConversationRate!.Value, Tolerance);
        // Metric 9: p1 started three answered conversations and five relational comments (c8 is broadcast).
        var top = Assert.Single(report.TopPosts);
        Assert.Equal(("p1", 3, 5), (top.PlatformId, top.AnsweredMessages, top.RelationalAudience));
        // Metric 10.
        Assert.Equal((4, 9), (now.ResponseVolume, now.InboundMessages));
    }

    [Fact]
    public async Task AWeekWithBusinessHours()
    {
        var core = new CoreHarness(now: At("2026-11-16T12:00Z"));
        await StoreAsync(core, "Mon-Fri 09:00-18:00", "facebook",
            R("P0", InteractionKind.Post, "brand", "2026-11-02T08:00Z", label: EngagementLabels.Broadcast, likes: 10, replies: 2, shares: 1, reach: 400),
            R("m6", InteractionKind.Comment, "p-f", "2026-11-02T10:00Z", parent: "P0", thread: "P0"),
            R("P1", InteractionKind.Post, "brand", "2026-11-09T08:30Z", label: EngagementLabels.Broadcast, likes: 20, replies: 9, shares: 2, reach: 500),
            R("m1", InteractionKind.Comment, "p-a", "2026-11-09T09:00Z", parent: "P1", thread: "P1", question: true),
            R("a1", InteractionKind.Reply, "brand", "2026-11-09T09:45Z", parent: "m1", thread: "P1"),
            R("m7", InteractionKind.Reply, "p-g", "2026-11-09T10:00Z", parent: "a1", thread: "P1"),
            R("m2", InteractionKind.Comment, "p-b", "2026-11-09T22:30Z", parent: "P1", thread: "P1"),
            R("a2", InteractionKind.Reply, "brand", "2026-11-10T08:15Z", parent: "m2", thread: "P1"),
            R("a6", InteractionKind.Reply, "brand", "2026-11-10T09:00Z", parent: "m6", thread: "P0"),
            R("m10", InteractionKind.Comment, "p-k", "2026-11-11T07:30Z", parent: "P1", thread: "P1"),
            R("a10", InteractionKind.Reply, "brand", "2026-11-11T08:20Z", parent: "m10", thread: "P1", label: EngagementLabels.Broadcast),
            R("P2", InteractionKind.Post, "brand", "2026-11-12T09:00Z", likes: 40, replies: 2, shares: 0, impressions: 800),
            R("m11", InteractionKind.Dm, "p-j", "2026-11-12T13:00Z", thread: "t11", question: true),
            R("m12", InteractionKind.Dm, "p-j", "2026-11-12T13:10Z", parent: "m11", thread: "t11"),
            R("a11", InteractionKind.Dm, "brand", "2026-11-12T15:10Z", parent: "m12", thread: "t11"),
            R("m3", InteractionKind.Comment, "p-c", "2026-11-13T16:30Z", parent: "P1", thread: "P1", question: true),
            R("m4", InteractionKind.Comment, "p-d", "2026-11-14T10:00Z", parent: "P2", thread: "P2"),
            R("a4", InteractionKind.Reply, "brand", "2026-11-14T11:00Z", parent: "m4", thread: "P2"),
            R("m5", InteractionKind.Dm, "p-e", "2026-11-15T20:00Z", thread: "t5", question: true),
            R("a3", InteractionKind.Reply, "brand", "2026-11-16T08:30Z", parent: "m3", thread: "P1"));

        var report = (await core.Reports.GetAsync("acme", new DateOnly(2026, 11, 9), new DateOnly(2026, 11, 15)))!;
        var (now, before) = (report.Total, report.Previous);

        Assert.Equal(0.75, now.BrandRelationalShare!.Value, Tolerance);
        Assert.Equal(0.0, before.BrandRelationalShare!.Value, Tolerance);
        Assert.Equal(0.5, now.PostsRelationalShare!.Value, Tolerance);
        // A thank-you to a brand reply (m7) is a customer message; m5's window is still open, so the report is provisional.
        Assert.Equal((8, 6, 2), (now.CustomerMessages, now.CustomerMessagesPublic, now.CustomerMessagesDm));
        Assert.Equal(0.75, now.ReplyRate!.Value, Tolerance);
        Assert.Equal(0.625, now.ReplyRateInTime!.Value, Tolerance);
        Assert.Equal(5.0 / 6, now.ReplyRatePublic!.Value, Tolerance);
        Assert.Equal(0.5, now.ReplyRateDm!.Value, Tolerance);
        Assert.Equal(0.75, now.QuestionResponseRate!.Value, Tolerance);
        Assert.True(report.Period.Provisional);
        Assert.Equal(1, report.Period.OpenUnits);
        Assert.Equal(0.0, before.ReplyRate!.Value, Tolerance);
        // All hours: 45, 50, 60, 130, 585, 3,840. Business hours: 0 (Saturday), 15, 20, 45, 60, 130.
        Assert.Equal(95, now.FirstResponse.MedianMinutes!.Value, Tolerance);
        Assert.Equal(785, now.FirstResponse.MeanMinutes!.Value, Tolerance);
        Assert.Equal((45, 3_840), (now.FirstResponse.QuickestMinutes!.Value, now.FirstResponse.SlowestMinutes!.Value));
        var business = now.FirstResponseBusiness!;
        Assert.Equal(32.5, business.MedianMinutes!.Value, Tolerance);
        Assert.Equal(45, business.MeanMinutes!.Value, Tolerance);
        Assert.Equal((0, 130), (business.QuickestMinutes!.Value, business.SlowestMinutes!.Value));
        Assert.Equal(60, now.FirstResponsePublic.MedianMinutes!.Value, Tolerance);
        Assert.Equal(916, now.FirstResponsePublic.MeanMinutes!.Value, Tolerance);
        Assert.Equal(0, before.FirstResponse.Count);
        Assert.Null(before.FirstResponse.MedianMinutes);
        // Metric 4: m7 (expired), m3 (answered on the 16th) and m5 (still open); questions first.
        Assert.Equal((3, 2), (now.OpenAtEnd, now.OpenQuestionsAtEnd));
        Assert.Equal(["m3", "m5", "m7"], report.Unanswered.Select(u => u.PlatformId));
        Assert.Equal([OpenStatuses.AnsweredLater, OpenStatuses.StillOpen, OpenStatuses.Expired], report.Unanswered.Select(u => u.Status));
        // Metrics 5 to 7.
        Assert.Equal(5.5, now.ThreadSize!.Value, Tolerance);
        Assert.Equal(2.0, now.DmThreadSize!.Value, Tolerance);
        Assert.Equal(3.0, now.ConversationRate!.Value, Tolerance);
        Assert.Equal(1.0, now.AmplificationRate!.Value, Tolerance);
        Assert.Equal(30.0, now.ApplauseRate!.Value, Tolerance);
        Assert.Equal(0.05725, now.EngagementRate!.Value, Tolerance);
        Assert.Equal(73.0 / 1_300, now.EngagementRateWeighted!.Value, Tolerance);
        Assert.Equal(0.0325, before.EngagementRate!.Value, Tolerance);
        // Metric 9: P1 (4 answered customers) before P2 (1).
        Assert.Equal([("P1", 4), ("P2", 1)], report.TopPosts.Select(p => (p.PlatformId, p.AnsweredMessages)));
        Assert.Equal(6, now.ResponseVolume);
        Assert.Equal(9, now.InboundMessages);
    }

    [Fact]
    public async Task AnEmptyPeriodSaysNoDataAndCountsZero()
    {
        var core = new CoreHarness(now: At("2026-12-10T00:00Z"));
        await StoreAsync(core, "Mon-Fri 09:00-18:00", "instagram",
            R("q6", InteractionKind.Post, "brand", "2026-11-24T09:00Z", label: EngagementLabels.Broadcast, likes: 3, replies: 1, shares: 1, reach: 50),
            R("q7", InteractionKind.Comment, "p-d", "2026-11-24T12:00Z", parent: "q6", thread: "q6"),
            R("q8", InteractionKind.Reply, "brand", "2026-11-24T13:00Z", parent: "q7", thread: "q6"),
            R("q0", InteractionKind.Post, "brand", "2026-11-26T10:00Z", likes: 5, replies: 2, shares: 0, reach: 100),
            R("q4", InteractionKind.Dm, "p-c", "2026-11-28T09:00Z", thread: "t4", question: true),
            R("q5", InteractionKind.Dm, "brand", "2026-11-28T09:30Z", parent: "q4", thread: "t4"),
            R("q1", InteractionKind.Comment, "p-a", "2026-11-30T22:59:59Z", parent: "q0", thread: "q0", question: true),
            R("q2", InteractionKind.Comment, "p-b", "2026-12-07T23:00:00Z", parent: "q0", thread: "q0"),
            R("q3", InteractionKind.Reply, "brand", "2026-12-08T08:00Z", parent: "q2", thread: "q0"),
            R("q9", InteractionKind.Post, "brand", "2026-12-08T10:00Z", label: EngagementLabels.Broadcast, likes: 0, replies: 0, shares: 0, reach: 10));

        var report = (await core.Reports.GetAsync("acme", new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 7)))!;
        var (now, before) = (report.Total, report.Previous);

        Assert.Equal(new DateTimeOffset(2026, 12, 7, 23, 0, 0, TimeSpan.Zero), report.Period.End);
        Assert.Equal((0, 0, 0, 0, 0), (now.Interactions, now.BrandMessages, now.CustomerMessages, now.OpenAtEnd, now.UnansweredQuestions));
        Assert.All(
            new double?[]
            {
                now.BrandRelationalShare, now.PostsRelationalShare, now.ReplyRate, now.ReplyRateInTime, now.QuestionResponseRate,
                now.FirstResponse.MedianMinutes, now.FirstResponse.MeanMinutes, now.FirstResponseBusiness!.MedianMinutes,
                now.ThreadSize, now.DmThreadSize, now.ConversationRate, now.AmplificationRate, now.ApplauseRate,
                now.EngagementRate, now.EngagementRateWeighted,
            },
            Assert.Null);
        Assert.Null(now.Style);
        Assert.Empty(report.Unanswered);
        Assert.Empty(report.TopPosts);
        Assert.False(report.Period.Provisional);
        // The previous period has data: q1 (its last second) is its own, not this period's.
        Assert.Equal(0.75, before.BrandRelationalShare!.Value, Tolerance);
        Assert.Equal(2.0 / 3, before.ReplyRate!.Value, Tolerance);
        Assert.Equal(45, before.FirstResponse.MedianMinutes!.Value, Tolerance);
        Assert.Equal(30, before.FirstResponseBusiness!.MedianMinutes!.Value, Tolerance);
        Assert.Equal(1.5, before.ConversationRate!.Value, Tolerance);
        Assert.Equal(0.085, before.EngagementRate!.Value, Tolerance);
        Assert.Equal(0.08, before.EngagementRateWeighted!.Value, Tolerance);
        // Threads count up to the end of the reply window after the period: q3 (8 December) falls outside P's.
        Assert.Equal(2.0, before.ThreadSize!.Value, Tolerance);
    }

    private static DateTimeOffset At(string utc) => DateTimeOffset.Parse(utc, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);

    /// <summary>A fixture row; "brand" is the brand, anyone else a customer pseudonym.</summary>
    private static (Interaction Item, string Label, bool Question) R(
        string id,
        InteractionKind kind,
        string author,
        string utc,
        string? parent = null,
        string? thread = null,
        bool question = false,
        string label = EngagementLabels.Relational,
        long? likes = null,
        long? replies = null,
        long? shares = null,
        long? reach = null,
        long? impressions = null) =>
        (new Interaction
        {
            PlatformId = id,
            Text = id,
            Kind = kind,
            Platform = Channel.Instagram,
            Author = author,
            AuthorIsBrand = author == "brand",
            CreatedAt = At(utc),
            ParentId = parent,
            ThreadId = thread ?? (kind == InteractionKind.Post ? id : null),
            Likes = likes,
            Replies = replies,
            Shares = shares,
            Reach = reach,
            Impressions = impressions,
        }, label, question);

    /// <summary>Registers the client (Europe/Rome, 7-day window, 24 h reply-needed), stores the rows as labelled and recomputes their days.</summary>
    private static async Task StoreAsync(CoreHarness core, string? businessHours, string channel, params (Interaction Item, string Label, bool Question)[] rows)
    {
        var registered = await core.Registration.RegisterAsync(
            "acme",
            new ClientRequest("Acme", "Europe/Rome", null, null, [new ChannelRequest(channel, ListConnector.DefaultPlatform, "acme", null, null)], BusinessHours: businessHours));
        Assert.True(registered.IsValid);
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Rome");
        var items = rows.Select(r => new StoredItem(
            new ClassifiedInteraction(r.Item, r.Label, r.Label == EngagementLabels.Relational ? 0.9f : 0.1f, ["fixture"], "fixture"),
            r.Item.Author,
            r.Question,
            false,
            DailyAggregator.LocalDate(r.Item.CreatedAt, zone))).ToList();
        await core.Interactions.UpsertAsync("acme", channel, items, core.Time.GetUtcNow());
        await core.Recompute.RecomputeAsync(registered.Client!.Client, channel, rows.Select(r => (r.Item.PlatformId, r.Item.CreatedAt)).ToList());
    }
}
