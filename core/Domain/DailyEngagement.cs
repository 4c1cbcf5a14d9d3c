namespace Engagement.Core.Domain;

/// <summary>One client's day on one channel, recomputed from stored interactions.</summary>
public sealed record DailyEngagement
{
    public required string ClientId { get; init; }

    public required string ChannelId { get; init; }

    /// <summary>The client's local calendar day.</summary>
    public required DateOnly Date { get; init; }

    public int Interactions { get; init; }

    public int Broadcast { get; init; }

    public int Relational { get; init; }

    public int Posts { get; init; }

    public int Comments { get; init; }

    public int Replies { get; init; }

    public int Dms { get; init; }

    /// <summary>Everything the brand itself wrote that day.</summary>
    public int BrandInteractions { get; init; }

    public int BrandRelational { get; init; }

    /// <summary>Comments, replies and DMs by people other than the brand.</summary>
    public int CustomerMessages { get; init; }

    /// <summary>Customer messages the brand answered within the response window.</summary>
    public int CustomerMessagesAnswered { get; init; }

    public int UnansweredQuestions { get; init; }

    public double? MedianFirstResponseMinutes { get; init; }

    /// <summary>Sum of first-response minutes, so longer periods can average exactly.</summary>
    public double FirstResponseMinutesTotal { get; init; }

    public long Likes { get; init; }

    public long Shares { get; init; }

    public long ReplyCount { get; init; }

    public long Reach { get; init; }

    public double RelationalShare => Ratio(Relational, Interactions);

    public double BrandRelationalShare => Ratio(BrandRelational, BrandInteractions);

    public double ReplyRate => Ratio(CustomerMessagesAnswered, CustomerMessages);

    /// <summary>Likes, comments and shares per reached account on the day's posts.</summary>
    public double InteractionRate => Reach == 0 ? 0 : (double)(Likes + Shares + ReplyCount) / Reach;

    internal static double Ratio(long part, long whole) => whole == 0 ? 0 : (double)part / whole;
}
