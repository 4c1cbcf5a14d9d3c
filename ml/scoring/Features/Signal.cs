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
    We,
    Team,
    FirstPerson,
    Mention,
    AddressesSomeone,
    Price,
    Discount,
    PromoCode,
    CallToAction,
    Bait,
    Link,
    ShopLink,
    Hashtags,
    Emoji,
    Exclamation,
    Thanks,
    Help,
    Private,
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
        Signal.Reply => "reply in a thread",
        Signal.DirectMessage => "direct message",
        Signal.CustomerAuthor => "written by a person, not the brand",
        Signal.BrandPost => "brand's own post",
        Signal.BrandReply => "reply to a person",
        Signal.Question => "asks a question",
        Signal.SecondPerson => "speaks to the reader",
        Signal.We => "speaks as we",
        Signal.Team => "talks about the team",
        Signal.FirstPerson => "personal experience",
        Signal.Mention => "mentions someone",
        Signal.AddressesSomeone => "addresses someone by name",
        Signal.Price => "price mentioned",
        Signal.Discount => "discount or promo",
        Signal.PromoCode => "promo code",
        Signal.CallToAction => "call to action",
        Signal.Bait => "question about a product on offer",
        Signal.Link => "link",
        Signal.ShopLink => "link to shop",
        Signal.Hashtags => "hashtags",
        Signal.Emoji => "emoji",
        Signal.Exclamation => "exclamation",
        Signal.Thanks => "thanks someone",
        Signal.Help => "apology or help",
        Signal.Private => "moves to private messages",
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

    /// <summary>
    /// The family an n-gram's token is credited to: placeholders and punctuation by what they stand for, words only
    /// when the cue rules counted them in this text (<paramref name="cue"/>), otherwise plain wording.
    /// </summary>
    public static Signal ForToken(string token, Signal cue, bool inQuestion)
    {
        // Most tokens are words; every placeholder and mark below starts with something else.
        if (token.Length > 0 && char.IsLetterOrDigit(token[0]))
        {
            return cue != Signal.None ? cue : Signal.Word;
        }

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
                return inQuestion ? Signal.Question : Signal.None;
            case "!":
                return Signal.Exclamation;
        }

        if (token.Length > 0 && !char.IsLetterOrDigit(token[0]))
        {
            return Signal.Emoji;
        }

        return cue != Signal.None ? cue : Signal.Word;
    }
}
