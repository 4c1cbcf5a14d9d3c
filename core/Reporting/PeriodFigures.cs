using Engagement.Core.Domain;

namespace Engagement.Core.Reporting;

/// <summary>
/// Every figure of docs/metrics.md over a set of days (a period, a week, one channel). Counts are summed and ratios
/// recomputed from the summed numerators and denominators, never averaged; medians come from the raw response times.
/// A ratio, mean or median over nothing is null ("no data"), never zero.
/// </summary>
public sealed record PeriodFigures
{
    // Volume: every stored row, whoever wrote it.
    public int Interactions { get; init; }

    public int Broadcast { get; init; }

    public int Relational { get; init; }

    public double? RelationalShare { get; init; }

    public int Posts { get; init; }

    public int Comments { get; init; }

    public int ReplyMessages { get; init; }

    public int Dms { get; init; }

    // The brand's own voice (metric 1).
    public int BrandMessages { get; init; }

    public int BrandRelational { get; init; }

    /// <summary>The headline: the share of the brand's own messages that talk with people.</summary>
    public double? BrandRelationalShare { get; init; }

    public double? BrandRelationalSharePublic { get; init; }

    public double? BrandRelationalShareDm { get; init; }

    public int BrandPosts { get; init; }

    /// <summary>The content mix: the share of the brand's posts that are relational.</summary>
    public double? PostsRelationalShare { get; init; }

    public int InboundMessages { get; init; }

    public int ResponseVolume { get; init; }

    // Responses (metrics 2, 3 and 8).
    public int CustomerMessages { get; init; }

    public int CustomerMessagesPublic { get; init; }

    public int CustomerMessagesDm { get; init; }

    public int Answered { get; init; }

    public int AnsweredPublic { get; init; }

    public int AnsweredDm { get; init; }

    /// <summary>Customer messages answered within the reply window, over customer messages.</summary>
    public double? ReplyRate { get; init; }

    public double? ReplyRatePublic { get; init; }

    public double? ReplyRateDm { get; init; }

    public int AnsweredInTime { get; init; }

    /// <summary>Customer messages answered within the reply-needed threshold, over customer messages.</summary>
    public double? ReplyRateInTime { get; init; }

    public int Questions { get; init; }

    public int QuestionsAnswered { get; init; }

    /// <summary>Emplifi's question response rate.</summary>
    public double? QuestionResponseRate { get; init; }

    public int UnansweredQuestions { get; init; }

    /// <summary>First response times over all hours.</summary>
    public ResponseStats FirstResponse { get; init; } = ResponseStats.Empty;

    public ResponseStats FirstResponsePublic { get; init; } = ResponseStats.Empty;

    public ResponseStats FirstResponseDm { get; init; } = ResponseStats.Empty;

    /// <summary>First response times counted inside business hours; null when the client has none configured.</summary>
    public ResponseStats? FirstResponseBusiness { get; init; }

    /// <summary>Question response time (Emplifi): first response times of questions.</summary>
    public ResponseStats QuestionResponse { get; init; } = ResponseStats.Empty;

    // Customer messages of the period with no answer when it ended (metric 4), from stored rows at report time.
    public int OpenAtEnd { get; init; }

    public int OpenQuestionsAtEnd { get; init; }

    // The brand's posts (metrics 5 to 7), lifetime counters of the posts published in the period.
    public double? ThreadSize { get; init; }

    public double? DmThreadSize { get; init; }

    /// <summary>Kaushik: audience comments and replies per brand post.</summary>
    public double? ConversationRate { get; init; }

    /// <summary>Kaushik: shares per brand post (posts whose platform gives shares).</summary>
    public double? AmplificationRate { get; init; }

    /// <summary>Kaushik: likes per brand post (posts whose platform gives likes).</summary>
    public double? ApplauseRate { get; init; }

    /// <summary>Mean of the per-post engagement rates: (likes + replies + shares) ÷ reach, impressions where reach is absent.</summary>
    public double? EngagementRate { get; init; }

    /// <summary>The same over all posts together: Σ engagements ÷ Σ reach.</summary>
    public double? EngagementRateWeighted { get; init; }

    /// <summary>
    /// A one-word reading for people: <c>conversational</c> when the brand mostly talks with people and answers them,
    /// <c>billboard</c> when it mostly talks at them, <c>mixed</c> in between; null (no data) when the brand wrote
    /// nothing, since a silent brand has no style. With no customer message to answer, the reading rests on its voice.
    /// </summary>
    public string? Style => (BrandRelationalShare, ReplyRate) switch
    {
        (null, _) => null,
        ( >= 0.5, null or >= 0.6) => "conversational",
        ( < 0.3, null or < 0.4) => "billboard",
        _ => "mixed",
    };

    /// <summary>The figures the daily rows hold, summed over <paramref name="days"/>.</summary>
    public static PeriodFigures Of(IEnumerable<DailyEngagement> days, bool businessHours)
    {
        // A fixed order, so sums of doubles do not depend on the order the store returned the days in.
        var list = days.OrderBy(d => d.Date).ThenBy(d => d.ChannelId, StringComparer.Ordinal).ToList();
        int Sum(Func<DailyEngagement, int> f) => list.Sum(f);
        long SumLong(Func<DailyEngagement, long> f) => list.Sum(f);
        var times = list.SelectMany(d => d.ResponseTimes).ToList();

        var brand = Sum(d => d.BrandInteractions);
        var brandRelational = Sum(d => d.BrandRelational);
        var brandDm = Sum(d => d.BrandInteractionsDm);
        var brandRelationalDm = Sum(d => d.BrandRelationalDm);
        var customer = Sum(d => d.CustomerMessages);
        var customerDm = Sum(d => d.CustomerMessagesDm);
        var answered = Sum(d => d.CustomerMessagesAnswered);
        var answeredDm = Sum(d => d.CustomerMessagesAnsweredDm);
        var inTime = Sum(d => d.AnsweredInTime);
        var questions = Sum(d => d.CustomerQuestions);
        var questionsAnswered = Sum(d => d.CustomerQuestionsAnswered);
        var interactions = Sum(d => d.Interactions);
        var relational = Sum(d => d.Relational);
        var brandPosts = Sum(d => d.BrandPosts);
        var ratedPosts = Sum(d => d.RatedPosts);
        return new PeriodFigures
        {
            Interactions = interactions,
            Broadcast = Sum(d => d.Broadcast),
            Relational = relational,
            RelationalShare = DailyEngagement.Ratio(relational, interactions),
            Posts = Sum(d => d.Posts),
            Comments = Sum(d => d.Comments),
            ReplyMessages = Sum(d => d.ReplyMessages),
            Dms = Sum(d => d.Dms),
            BrandMessages = brand,
            BrandRelational = brandRelational,
            BrandRelationalShare = DailyEngagement.Ratio(brandRelational, brand),
            BrandRelationalSharePublic = DailyEngagement.Ratio(brandRelational - brandRelationalDm, brand - brandDm),
            BrandRelationalShareDm = DailyEngagement.Ratio(brandRelationalDm, brandDm),
            BrandPosts = brandPosts,
            PostsRelationalShare = DailyEngagement.Ratio(Sum(d => d.BrandRelationalPosts), brandPosts),
            InboundMessages = Sum(d => d.InboundMessages),
            ResponseVolume = Sum(d => d.ResponseVolume),
            CustomerMessages = customer,
            CustomerMessagesPublic = customer - customerDm,
            CustomerMessagesDm = customerDm,
            Answered = answered,
            AnsweredPublic = answered - answeredDm,
            AnsweredDm = answeredDm,
            ReplyRate = DailyEngagement.Ratio(answered, customer),
            ReplyRatePublic = DailyEngagement.Ratio(answered - answeredDm, customer - customerDm),
            ReplyRateDm = DailyEngagement.Ratio(answeredDm, customerDm),
            AnsweredInTime = inTime,
            ReplyRateInTime = DailyEngagement.Ratio(inTime, customer),
            Questions = questions,
            QuestionsAnswered = questionsAnswered,
            QuestionResponseRate = DailyEngagement.Ratio(questionsAnswered, questions),
            UnansweredQuestions = Sum(d => d.UnansweredQuestions),
            FirstResponse = ResponseStats.Of(times.Select(t => t.Seconds)),
            FirstResponsePublic = ResponseStats.Of(times.Where(t => !t.Dm).Select(t => t.Seconds)),
            FirstResponseDm = ResponseStats.Of(times.Where(t => t.Dm).Select(t => t.Seconds)),
            FirstResponseBusiness = businessHours ? ResponseStats.Of(times.Where(t => t.BusinessSeconds is not null).Select(t => t.BusinessSeconds!.Value)) : null,
            QuestionResponse = ResponseStats.Of(times.Where(t => t.Question).Select(t => t.Seconds)),
            AmplificationRate = Per(SumLong(d => d.PostShares), Sum(d => d.PostsWithShares)),
            ApplauseRate = Per(SumLong(d => d.PostLikes), Sum(d => d.PostsWithLikes)),
            EngagementRate = ratedPosts == 0 ? null : list.Sum(d => d.EngagementRateSum) / ratedPosts,
            EngagementRateWeighted = Per(SumLong(d => d.RatedEngagements), SumLong(d => d.RatedAudience)),
        };
    }

    /// <summary>A rate per unit, or null when there are no units.</summary>
    public static double? Per(long amount, long units) => units == 0 ? null : (double)amount / units;
}
