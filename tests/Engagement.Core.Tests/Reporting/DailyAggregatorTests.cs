using Engagement.Core.Domain;
using Engagement.Core.Reporting;
using Engagement.Ml.Vocabulary;

namespace Engagement.Core.Tests.Reporting;

public sealed class DailyAggregatorTests
{
    private static readonly TimeZoneInfo Rome = TimeZoneInfo.FindSystemTimeZoneById("Europe/Rome");
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

        var day = DailyAggregator.Compute("acme", "instagram", Day, Rome, rows);

        Assert.Equal(6, day.Interactions);
        Assert.Equal(3, day.CustomerMessages);
        Assert.Equal(2, day.CustomerMessagesAnswered);
        Assert.Equal(1, day.UnansweredQuestions);
        Assert.Equal(2.0 / 3, day.ReplyRate, 6);
        // First answers came after 20 minutes and after two days: the median of the two.
        Assert.Equal((20 + (2 * 24 * 60)) / 2.0, day.MedianFirstResponseMinutes);
        Assert.Equal(3, day.BrandInteractions);
        Assert.Equal(2.0 / 3, day.BrandRelationalShare, 6);
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

        var day = DailyAggregator.Compute("acme", "instagram", Day, Rome, rows);

        // The comment and the thanks to the brand are customer messages; the friend's reply is not.
        Assert.Equal(2, day.CustomerMessages);
        Assert.Equal(1, day.CustomerMessagesAnswered);
        Assert.Equal(0, day.UnansweredQuestions);
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

        var day = DailyAggregator.Compute("acme", "instagram", Day, Rome, rows);

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

        var day = DailyAggregator.Compute("acme", "instagram", Day, Rome, rows);

        Assert.Equal(4, day.Interactions);
        Assert.Equal(1, day.Posts);
        Assert.Equal(2, day.Replies); // both unknown kinds with a parent; the loose one is in no kind's count
        Assert.Equal(0, day.Comments + day.Dms);
        Assert.Equal(1, day.CustomerMessages);
        Assert.Equal(1, day.CustomerMessagesAnswered);
        Assert.Equal(30, day.MedianFirstResponseMinutes);
        Assert.Equal(0, day.UnansweredQuestions);
    }

    [Fact]
    public void AReplyToAnAuthorNobodyKnowsStillWaitsForTheBrand()
    {
        var rows = new[]
        {
            Row("c", InteractionKind.Comment, brand: null, "10:00", EngagementLabels.Relational),
            Row("r", InteractionKind.Reply, brand: false, "10:10", EngagementLabels.Relational, parent: "c", question: true),
        };

        var day = DailyAggregator.Compute("acme", "instagram", Day, Rome, rows);

        // Only a parent known to be another customer's makes a reply a conversation between people.
        Assert.Equal(1, day.CustomerMessages);
        Assert.Equal(1, day.UnansweredQuestions);
    }

    [Fact]
    public void DaysAreTheClientsLocalDays()
    {
        // 23:30 UTC on 9 September is already 10 September in Rome.
        var rows = new[] { Row("late", InteractionKind.Post, true, "00:30", EngagementLabels.Broadcast) with { CreatedAt = new DateTimeOffset(2026, 9, 9, 23, 30, 0, TimeSpan.Zero) } };

        Assert.Equal(1, DailyAggregator.Compute("acme", "instagram", Day, Rome, rows).Interactions);
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
        };

        Assert.Equal(
            DailyAggregator.Compute("acme", "instagram", Day, Rome, rows),
            DailyAggregator.Compute("acme", "instagram", Day, Rome, rows));
    }

    [Fact]
    public void SummariesAddCountsAndRecomputeShares()
    {
        var a = new DailyEngagement { ClientId = "c", ChannelId = "x", Date = Day, Interactions = 10, Relational = 2, BrandInteractions = 10, BrandRelational = 1, CustomerMessages = 4, CustomerMessagesAnswered = 0 };
        var b = new DailyEngagement { ClientId = "c", ChannelId = "x", Date = Day.AddDays(1), Interactions = 10, Relational = 8, BrandInteractions = 5, BrandRelational = 5, CustomerMessages = 6, CustomerMessagesAnswered = 6, FirstResponseMinutesTotal = 60 };

        var summary = EngagementSummary.Of([a, b]);

        Assert.Equal(0.5, summary.RelationalShare);
        Assert.Equal(0.4, summary.BrandRelationalShare);
        Assert.Equal(0.6, summary.ReplyRate);
        Assert.Equal(10, summary.AverageFirstResponseMinutes);
        Assert.Equal("mixed", summary.Style);
        Assert.Equal("billboard", EngagementSummary.Of([a]).Style);
        Assert.Equal("conversational", EngagementSummary.Of([b]).Style);
        Assert.Equal("no data", EngagementSummary.Of([]).Style);
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
        return new StoredInteraction("instagram", id, kind, brand, at, parent, label, question, 0, 0, 0, 0);
    }
}
