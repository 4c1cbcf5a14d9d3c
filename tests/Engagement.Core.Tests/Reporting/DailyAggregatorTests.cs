using Engagement.Core.Domain;
using Engagement.Core.Reporting;
using Engagement.Ml.Vocabulary;

namespace Engagement.Core.Tests.Reporting;

public sealed class DailyAggregatorTests
{
    private static readonly TimeZoneInfo Rome = TimeZoneInfo.FindSystemTimeZoneById("Europe/Rome");
    private static readonly ResponseRules Rules = new(Rome, TimeSpan.FromDays(7), TimeSpan.FromHours(24), null);
    private static readonly DateOnly Day = new(2026, 9, 10);

    [Fact]
    public void ReplyRateCountsCustomerMessagesTheBrandAnsweredWithinAWeek()
    {
        var rows = new[]
        {
            Row("post", InteractionKind.Post, brand: true, "10:00", EngagementLabels.Broadcast),
            Row("q1", InteractionKind.Comment, brand: false, "10:30", EngagementLabels.Relational, parent: "post", question: true),
            Row("q2", InteractionKind.Comment, brand: false, "11:00", EngagementLabels.Relational, parent: "post", question: true),
            Row("c3", InteractionKind.Comment, brand: false, "12:00", EngagementLabels.Relational, parent: "post"),
            Row("a1", InteractionKind.Reply, brand: true, "10:50", EngagementLabels.Relational, parent: "q1"),
            Row("a1-late", InteractionKind.Reply, brand: true, "16:30", EngagementLabels.Relational, parent: "q1"),
            Row("a3", InteractionKind.Reply, brand: true, "12:00", EngagementLabels.Relational, parent: "c3", dayOffset: 2),
        };

        var day = DailyAggregator.Compute("acme", "instagram", Day, Rules, rows);

        Assert.Equal(6, day.Interactions);
        Assert.Equal(3, day.CustomerMessages);
        Assert.Equal(2, day.CustomerMessagesAnswered);
        Assert.Equal(1, day.UnansweredQuestions);
        Assert.Equal(2.0 / 3, day.ReplyRate!.Value, 6);
        // First answers came after 20 minutes and after two days: the median of the two.
        Assert.Equal((20 + (2 * 24 * 60)) / 2.0, day.MedianFirstResponseMinutes);
        Assert.Equal(1, day.AnsweredInTime);
        Assert.Equal(3, day.BrandInteractions);
        Assert.Equal(2.0 / 3, day.BrandRelationalShare!.Value, 6);
    }

    [Fact]
    public void ACustomerAnsweringAnotherCustomerWaitsForNoBrandAnswer()
    {
        var rows = new[]
        {
            Row("post", InteractionKind.Post, brand: true, "10:00", EngagementLabels.Relational),
            Row("q", InteractionKind.Comment, brand: false, "10:30", EngagementLabels.Relational, parent: "post", question: true),
            Row("friend", InteractionKind.Reply, brand: false, "10:40", EngagementLabels.Relational, parent: "q", question: true),
            Row("answer", InteractionKind.Reply, brand: true, "11:00", EngagementLabels.Relational, parent: "q"),
            Row("thanks", InteractionKind.Reply, brand: false, "11:10", EngagementLabels.Relational, parent: "answer"),
        };

        var day = DailyAggregator.Compute("acme", "instagram", Day, Rules, rows);

        // The comment and the thanks to the brand are customer messages; the friend's reply is not.
        Assert.Equal(2, day.CustomerMessages);
        Assert.Equal(1, day.CustomerMessagesAnswered);
        Assert.Equal(0, day.UnansweredQuestions);
    }

    [Fact]
    public void AReplyToACustomerOlderThanTheHorizonCountsAsACustomerMessage()
    {
        // The relation is bounded, so a day never depends on rows further than the horizon away.
        var rows = new[]
        {
            Row("old", InteractionKind.Comment, brand: false, "10:00", EngagementLabels.Relational, dayOffset: -8),
            Row("late-reply", InteractionKind.Reply, brand: false, "10:00", EngagementLabels.Relational, parent: "old"),
        };

        Assert.Equal(1, DailyAggregator.Compute("acme", "instagram", Day, Rules, rows).CustomerMessages);
    }

    [Fact]
    public void AnUnknownAuthorIsNeitherTheBrandNorACustomer()
    {
        var rows = new[]
        {
            Row("post", InteractionKind.Post, brand: null, "10:00", EngagementLabels.Broadcast),
            Row("c", InteractionKind.Comment, brand: null, "10:30", EngagementLabels.Relational, parent: "post", question: true),
            Row("brand-post", InteractionKind.Post, brand: true, "11:00", EngagementLabels.Relational),
        };

        var day = DailyAggregator.Compute("acme", "instagram", Day, Rules, rows);

        Assert.Equal(3, day.Interactions);
        Assert.Equal(2, day.Relational);
        Assert.Equal(1, day.BrandInteractions);
        Assert.Equal(1.0, day.BrandRelationalShare);
        Assert.Equal(0, day.CustomerMessages);
        Assert.Equal(0, day.UnansweredQuestions);
    }

    [Fact]
    public void AnUnknownKindWithAParentIsAReplyAndWithoutOneIsNoCustomerMessage()
    {
        var rows = new[]
        {
            Row("post", InteractionKind.Post, brand: true, "10:00", EngagementLabels.Broadcast),
            Row("answer-ish", InteractionKind.Unknown, brand: false, "10:30", EngagementLabels.Relational, parent: "post", question: true),
            Row("loose", InteractionKind.Unknown, brand: false, "10:40", EngagementLabels.Relational, question: true),
            Row("brand-answer", InteractionKind.Unknown, brand: true, "11:00", EngagementLabels.Relational, parent: "answer-ish"),
        };

        var day = DailyAggregator.Compute("acme", "instagram", Day, Rules, rows);

        Assert.Equal(4, day.Interactions);
        Assert.Equal(1, day.Posts);
        Assert.Equal(2, day.ReplyMessages); // both unknown kinds with a parent; the loose one is in no kind's count
        Assert.Equal(0, day.Comments + day.Dms);
        Assert.Equal(1, day.CustomerMessages);
        Assert.Equal(1, day.CustomerMessagesAnswered);
        Assert.Equal(30, day.MedianFirstResponseMinutes);
        Assert.Equal(0, day.UnansweredQuestions);
    }

    [Fact]
    public void ADmByAnUnknownAuthorNeitherContinuesABurstNorAnswersIt()
    {
        // Only the brand answers a burst and only the customer continues it; a DM nobody can place does neither.
        var rows = new[]
        {
            Row("dm1", InteractionKind.Dm, brand: false, "10:00", EngagementLabels.Relational, question: true) with { ThreadId = "t" },
            Row("dm2", InteractionKind.Dm, brand: null, "10:05", EngagementLabels.Relational) with { ThreadId = "t" },
            Row("dm3", InteractionKind.Dm, brand: false, "10:10", EngagementLabels.Relational) with { ThreadId = "t" },
            Row("dm4", InteractionKind.Dm, brand: true, "10:40", EngagementLabels.Relational) with { ThreadId = "t" },
        };

        var day = DailyAggregator.Compute("acme", "instagram", Day, Rules, rows);

        Assert.Equal(1, day.CustomerMessagesDm); // dm1 and dm3 are one burst: dm2 does not break it
        Assert.Equal(1, day.CustomerMessagesAnsweredDm);
        Assert.Equal(40, day.MedianFirstResponseMinutes); // answered by the brand's dm4, not by dm2
        Assert.Equal((4, 1, 2), (day.Dms, day.BrandInteractionsDm, day.InboundMessages)); // dm2 is neither side's
    }

    [Fact]
    public void AReplyToAnAuthorNobodyKnowsStillWaitsForTheBrand()
    {
        var rows = new[]
        {
            Row("c", InteractionKind.Comment, brand: null, "10:00", EngagementLabels.Relational),
            Row("r", InteractionKind.Reply, brand: false, "10:10", EngagementLabels.Relational, parent: "c", question: true),
        };

        var day = DailyAggregator.Compute("acme", "instagram", Day, Rules, rows);

        // Only a parent known to be another customer's makes a reply a conversation between people.
        Assert.Equal(1, day.CustomerMessages);
        Assert.Equal(1, day.UnansweredQuestions);
    }

    [Fact]
    public void DaysAreTheClientsLocalDays()
    {
        // 23:30 UTC on 9 September is already 10 September in Rome.
        var rows = new[] { Row("late", InteractionKind.Post, true, "00:30", EngagementLabels.Broadcast) with { CreatedAt = new DateTimeOffset(2026, 9, 9, 23, 30, 0, TimeSpan.Zero) } };

        Assert.Equal(1, DailyAggregator.Compute("acme", "instagram", Day, Rules, rows).Interactions);
        Assert.Equal(Day, DailyAggregator.LocalDate(rows[0].CreatedAt, Rome));
    }

    [Fact]
    public void TheDaySummerTimeEndsLastsTwentyFiveHours()
    {
        var (start, end) = DailyAggregator.DayBounds(new DateOnly(2026, 10, 25), Rome);

        Assert.Equal(TimeSpan.FromHours(25), end - start);
    }

    [Fact]
    public void RecomputingFromTheSameRowsGivesTheSameDay()
    {
        var rows = new[]
        {
            Row("p", InteractionKind.Post, true, "09:00", EngagementLabels.Relational),
            Row("c", InteractionKind.Comment, false, "09:10", EngagementLabels.Relational, parent: "p"),
            Row("a", InteractionKind.Reply, true, "09:20", EngagementLabels.Relational, parent: "c"),
        };

        var first = DailyAggregator.Compute("acme", "instagram", Day, Rules, rows);
        var second = DailyAggregator.Compute("acme", "instagram", Day, Rules, rows.Reverse().ToArray());

        Assert.Equal(first with { ResponseTimes = [] }, second with { ResponseTimes = [] });
        Assert.Equal(first.ResponseTimes, second.ResponseTimes);
    }

    [Fact]
    public void PeriodsAddCountsAndRecomputeSharesAndMediansFromTheRawTimes()
    {
        var a = new DailyEngagement { ClientId = "c", ChannelId = "x", Date = Day, Interactions = 10, Relational = 2, BrandInteractions = 10, BrandRelational = 1, CustomerMessages = 4, CustomerMessagesAnswered = 0 };
        var b = new DailyEngagement
        {
            ClientId = "c",
            ChannelId = "x",
            Date = Day.AddDays(1),
            Interactions = 10,
            Relational = 8,
            BrandInteractions = 5,
            BrandRelational = 5,
            CustomerMessages = 6,
            CustomerMessagesAnswered = 6,
            ResponseTimes = [.. new[] { 60, 120, 300, 600, 900, 1_200 }.Select(s => new ResponseTime(s, null, false, false))],
        };

        var period = PeriodFigures.Of([a, b], businessHours: false);

        Assert.Equal(0.5, period.RelationalShare);
        Assert.Equal(0.4, period.BrandRelationalShare);
        Assert.Equal(0.6, period.ReplyRate);
        Assert.Equal(7.5, period.FirstResponse.MedianMinutes);
        Assert.Equal(3_180 / 6 / 60.0, period.FirstResponse.MeanMinutes!.Value, 9);
        Assert.Null(period.FirstResponseBusiness);
        Assert.Equal("mixed", period.Style);
        Assert.Equal("billboard", PeriodFigures.Of([a], false).Style);
        Assert.Equal("conversational", PeriodFigures.Of([b], false).Style);
    }

    [Fact]
    public void NoDataIsNullNeverZero()
    {
        var empty = PeriodFigures.Of([], businessHours: true);

        Assert.Null(empty.BrandRelationalShare);
        Assert.Null(empty.ReplyRate);
        Assert.Null(empty.EngagementRate);
        Assert.Null(empty.FirstResponse.MedianMinutes);
        Assert.Equal(0, empty.FirstResponseBusiness!.Count);
        Assert.Null(empty.Style);
    }

    private static StoredInteraction Row(
        string id,
        InteractionKind kind,
        bool? brand,
        string localTime,
        string label,
        string? parent = null,
        bool question = false,
        int dayOffset = 0)
    {
        var local = Day.AddDays(dayOffset).ToDateTime(TimeOnly.Parse(localTime, System.Globalization.CultureInfo.InvariantCulture));
        var at = new DateTimeOffset(local, Rome.GetUtcOffset(local));
        return new StoredInteraction("instagram", id, kind, brand, at, parent, null, label, question);
    }
}
