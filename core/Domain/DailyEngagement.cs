using Engagement.Core.Reporting;

namespace Engagement.Core.Domain;

/// <summary>
/// One client's day on one channel, recomputed from stored interactions. It holds numerators, denominators and the
/// raw response times rather than ratios, so any set of days (a week, a period, several channels) adds up exactly;
/// the ratios here are conveniences for one day, null when their denominator is zero (docs/metrics.md).
/// </summary>
public sealed record DailyEngagement
{
    public required string ClientId { get; init; }

    public required string ChannelId { get; init; }

    /// <summary>The client's local calendar day.</summary>
    public required DateOnly Date { get; init; }

    /// <summary>Every stored row created that day, whoever wrote it.</summary>
    public int Interactions { get; init; }

    public int Broadcast { get; init; }

    public int Relational { get; init; }

    public int Posts { get; init; }

    public int Comments { get; init; }

    /// <summary>Rows of kind reply (the platforms' reply counters are <see cref="PostReplies"/>).</summary>
    public int ReplyMessages { get; init; }

    public int Dms { get; init; }

    /// <summary>Everything the brand itself wrote that day: posts, comments, replies and DMs.</summary>
    public int BrandInteractions { get; init; }

    public int BrandRelational { get; init; }

    /// <summary>The part of <see cref="BrandInteractions"/> that was direct messages.</summary>
    public int BrandInteractionsDm { get; init; }

    public int BrandRelationalDm { get; init; }

    public int BrandPosts { get; init; }

    public int BrandRelationalPosts { get; init; }

    /// <summary>Rows by anyone but the brand, conversations between customers included.</summary>
    public int InboundMessages { get; init; }

    /// <summary>The brand's comments, replies and DMs: its response volume.</summary>
    public int ResponseVolume { get; init; }

    /// <summary>Customer messages that call for a brand answer (public messages and DM bursts; see docs/metrics.md).</summary>
    public int CustomerMessages { get; init; }

    public int CustomerMessagesDm { get; init; }

    /// <summary>Of <see cref="CustomerMessages"/>, those the brand answered within the client's reply window.</summary>
    public int CustomerMessagesAnswered { get; init; }

    public int CustomerMessagesAnsweredDm { get; init; }

    /// <summary>Of <see cref="CustomerMessages"/>, those answered within the client's reply-needed threshold.</summary>
    public int AnsweredInTime { get; init; }

    public int CustomerQuestions { get; init; }

    public int CustomerQuestionsAnswered { get; init; }

    /// <summary>Customer questions with no brand answer within the reply window, among the rows stored so far.</summary>
    public int UnansweredQuestions { get; init; }

    /// <summary>One entry per answered customer message: how long it waited, in all and in business hours.</summary>
    public IReadOnlyList<ResponseTime> ResponseTimes { get; init; } = [];

    /// <summary>Likes of the day's brand posts, summed over the posts whose platform gives them.</summary>
    public long PostLikes { get; init; }

    public int PostsWithLikes { get; init; }

    public long PostShares { get; init; }

    public int PostsWithShares { get; init; }

    /// <summary>The platforms' reply counters of the day's brand posts, summed.</summary>
    public long PostReplies { get; init; }

    public int PostsWithReplies { get; init; }

    public long PostReach { get; init; }

    public long PostImpressions { get; init; }

    /// <summary>Brand posts with a base for the engagement rate: reach, or impressions where reach is absent.</summary>
    public int RatedPosts { get; init; }

    /// <summary>Sum of the per-post engagement rates of <see cref="RatedPosts"/>, so a period's mean is exact.</summary>
    public double EngagementRateSum { get; init; }

    /// <summary>Likes, replies and shares of <see cref="RatedPosts"/>.</summary>
    public long RatedEngagements { get; init; }

    /// <summary>Reach (or impressions) of <see cref="RatedPosts"/>.</summary>
    public long RatedAudience { get; init; }

    /// <summary>The settings the figures were computed under (<see cref="ResponseRules.Describe"/>).</summary>
    public string? Settings { get; init; }

    public double? RelationalShare => Ratio(Relational, Interactions);

    public double? BrandRelationalShare => Ratio(BrandRelational, BrandInteractions);

    public double? ReplyRate => Ratio(CustomerMessagesAnswered, CustomerMessages);

    public double? EngagementRate => RatedPosts == 0 ? null : EngagementRateSum / RatedPosts;

    public double? MedianFirstResponseMinutes => ResponseStats.Of(ResponseTimes.Select(r => r.Seconds)).MedianMinutes;

    /// <summary>A share, or null when there is nothing to share: no data is never zero.</summary>
    public static double? Ratio(long part, long whole) => whole == 0 ? null : (double)part / whole;
}

/// <summary>How long one answered customer message waited, in seconds: all hours, and business hours when configured.</summary>
public readonly record struct ResponseTime(int Seconds, int? BusinessSeconds, bool Dm, bool Question);
