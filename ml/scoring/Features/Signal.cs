namespace Engagement.Ml.Features;

/// <summary>A family of features that explanations name with one phrase.</summary>
internal enum Signal
{
    None,
    Word,
    Comment,
    Reply,
    DirectMessage,
    BrandAuthor,
    CustomerAuthor,
    BrandPost,
    BrandReply,
    Question,
    SecondPerson,
    Team,
    FirstPerson,
    Mention,
    AddressesSomeone,
    Price,
    Discount,
    CallToAction,
    Link,
    ShopLink,
    Hashtags,
    Emoji,
    Exclamation,
    Thanks,
    Help,
    Launch,
    Announcement,
    Short,
    Long,
    Praise,
    Complaint,
    Contest,
    Figures,
}

/// <summary>The words a community manager reads for each signal.</summary>
internal static class SignalPhrases
{
    public static string? Phrase(Signal signal) => signal switch
    {
        Signal.Comment => "comment in a thread",
        Signal.Reply => "reply to someone",
        Signal.DirectMessage => "direct message",
        Signal.CustomerAuthor => "written by a customer",
        Signal.BrandPost => "brand's own post",
        Signal.BrandReply => "reply to a customer",
        Signal.Question => "question to the audience",
        Signal.SecondPerson => "speaks to the reader",
        Signal.Team => "talks about the team",
        Signal.FirstPerson => "personal experience",
        Signal.Mention => "mentions someone",
        Signal.AddressesSomeone => "addresses someone by name",
        Signal.Price => "price mentioned",
        Signal.Discount => "discount or promo",
        Signal.CallToAction => "call to action",
        Signal.Link => "link",
        Signal.ShopLink => "link to shop",
        Signal.Hashtags => "hashtags",
        Signal.Emoji => "emoji reaction",
        Signal.Exclamation => "exclamation",
        Signal.Thanks => "thanks someone",
        Signal.Help => "apology or help offered",
        Signal.Launch => "new product or launch",
        Signal.Announcement => "announcement (hours, events, news)",
        Signal.Short => "short reaction",
        Signal.Long => "long caption",
        Signal.Praise => "praise or enthusiasm",
        Signal.Complaint => "complaint or problem",
        Signal.Contest => "contest or giveaway",
        Signal.Figures => "figures or dates",
        Signal.BrandAuthor => "written by the brand",
        _ => null,
    };

    // One lookup per token instead of one per list; where lists overlap, the earlier family wins.
    private static readonly Dictionary<string, Signal> CueWords = BuildCueWords(
        (Lexicon.CallToAction, Signal.CallToAction),
        (Lexicon.Discount, Signal.Discount),
        (Lexicon.Thanks, Signal.Thanks),
        (Lexicon.Apology, Signal.Help),
        (Lexicon.Help, Signal.Help),
        (Lexicon.Interrogatives, Signal.Question),
        (Lexicon.FirstPersonPlural, Signal.Team),
        (Lexicon.SecondPerson, Signal.SecondPerson),
        (Lexicon.FirstPersonSingular, Signal.FirstPerson),
        (Lexicon.Contest, Signal.Contest),
        (Lexicon.Launch, Signal.Launch),
        (Lexicon.Announcement, Signal.Announcement),
        (Lexicon.Praise, Signal.Praise),
        (Lexicon.Complaint, Signal.Complaint));

    private static Dictionary<string, Signal> BuildCueWords(params (HashSet<string> Words, Signal Signal)[] families)
    {
        var map = new Dictionary<string, Signal>(StringComparer.Ordinal);
        foreach (var (words, signal) in families)
        {
            foreach (var word in words)
            {
                map.TryAdd(word, signal);
            }
        }

        return map;
    }

    /// <summary>Which signal family a normalised token belongs to, for naming n-gram contributions.</summary>
    public static Signal ForToken(string token)
    {
        switch (token)
        {
            case TextNormalizer.PriceToken:
                return Signal.Price;
            case TextNormalizer.PercentToken:
            case TextNormalizer.NumberToken:
                // "-30%" is often a discount, but "revenue up 12%" is not; the discount words carry that cue.
                return Signal.Figures;
            case TextNormalizer.UrlToken:
                return Signal.Link;
            case TextNormalizer.ShopUrlToken:
                return Signal.ShopLink;
            case TextNormalizer.MentionToken:
                return Signal.Mention;
            case TextNormalizer.HashtagToken:
                return Signal.Hashtags;
            case "?":
                return Signal.Question;
            case "!":
                return Signal.Exclamation;
        }

        if (token.Length > 0 && !char.IsLetterOrDigit(token[0]))
        {
            return Signal.Emoji;
        }

        return CueWords.TryGetValue(token, out var cue) ? cue : Signal.Word;
    }
}
