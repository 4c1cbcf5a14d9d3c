using Engagement.Ml.Vocabulary;

namespace Engagement.Ml.Features;

/// <summary>The named, dense part of the feature vector: metadata one-hots and text cues.</summary>
/// <remarks>
/// Every slot has a name (for the model card and tests) and, where it can explain a decision, a phrase a
/// community manager understands. Unknown metadata is a value of its own, so text-only input is a state the
/// model has seen in training rather than a row of zeros that looks like "not a brand, not a reply".
/// </remarks>
internal static class StructuralFeatures
{
    // The count is a constant because ML.NET's vector column type needs it at compile time.
    public const int Count = 55;

    public static readonly IReadOnlyList<Slot> Slots =
    [
        new("kind=post", Signal.None),
        new("kind=comment", Signal.Comment),
        new("kind=reply", Signal.Reply),
        new("kind=dm", Signal.DirectMessage),
        new("kind=unknown", Signal.None),
        new("author=brand", Signal.BrandAuthor),
        new("author=other", Signal.CustomerAuthor),
        new("author=unknown", Signal.None),
        new("brand+post", Signal.BrandPost),
        new("brand+conversation", Signal.BrandReply),
        new("other+post", Signal.CustomerAuthor),
        new("other+conversation", Signal.CustomerAuthor),
        new("parent=yes", Signal.Reply),
        new("parent=no", Signal.None),
        new("parent=unknown", Signal.None),
        new("channel=facebook", Signal.None),
        new("channel=instagram", Signal.None),
        new("channel=linkedin", Signal.None),
        new("channel=mastodon", Signal.None),
        new("channel=bluesky", Signal.None),
        new("channel=youtube", Signal.None),
        new("channel=x", Signal.None),
        new("channel=other", Signal.None),
        new("channel=unknown", Signal.None),
        new("has-question", Signal.Question),
        new("questions", Signal.Question),
        new("interrogatives", Signal.Question),
        new("ends-with-question", Signal.Question),
        new("second-person", Signal.SecondPerson),
        new("first-person-plural", Signal.Team),
        new("first-person-singular", Signal.FirstPerson),
        new("mentions", Signal.Mention),
        new("starts-with-mention", Signal.AddressesSomeone),
        new("greets-by-name", Signal.AddressesSomeone),
        new("prices", Signal.Price),
        new("discount", Signal.Discount),
        new("call-to-action", Signal.CallToAction),
        new("urls", Signal.Link),
        new("shop-urls", Signal.ShopLink),
        new("hashtags", Signal.Hashtags),
        new("hashtag-density", Signal.Hashtags),
        new("emoji", Signal.Emoji),
        new("emoji-only", Signal.Emoji),
        new("exclamations", Signal.Exclamation),
        new("thanks", Signal.Thanks),
        new("apology-or-help", Signal.Help),
        new("launch", Signal.Launch),
        new("announcement", Signal.Announcement),
        new("contest", Signal.Contest),
        new("log-length", Signal.None),
        new("very-short", Signal.Short),
        new("long", Signal.Long),
        new("uppercase-share", Signal.None),
        new("no-text", Signal.None),
        new("bias", Signal.None),
    ];

    /// <summary>Writes the structural values for one input into <paramref name="values"/> (length <see cref="Count"/>).</summary>
    public static void Fill(ClassifierInput input, NormalizedText text, Span<float> values)
    {
        values.Clear();
        var kind = input.Kind;
        // Slots 0-3 are post, comment, reply, dm (the enum's order after Unknown); slot 4 is unknown.
        values[kind == InteractionKind.Unknown ? 4 : (int)kind - 1] = 1;

        values[input.AuthorIsBrand switch { true => 5, false => 6, null => 7 }] = 1;
        if (kind != InteractionKind.Unknown && input.AuthorIsBrand is { } brand)
        {
            var conversation = kind != InteractionKind.Post;
            values[(brand, conversation) switch { (true, false) => 8, (true, true) => 9, (false, false) => 10, _ => 11 }] = 1;
        }

        // Whether a parent exists only speaks when the kind is unknown: hosts differ on it for comments and DMs (a
        // comment's parent may be the post or nothing), and with a kind the parent adds nothing the kind does not say.
        if (kind == InteractionKind.Unknown)
        {
            values[input.HasParent switch { true => 12, false => 13, null => 14 }] = 1;
        }

        var channelIndex = input.Channel switch
        {
            null => 23,
            { } c when c.ToString() == "twitter" => 15 + 6,
            { KnownIndex: >= 0 and var i } => 15 + i,
            _ => 15 + 7,
        };
        values[channelIndex] = 1;

        var tokens = text.Tokens;
        var counts = text.Counts;
        var wordCount = Math.Max(1, tokens.Count);
        var joined = text.Joined;

        values[24] = Questions.IsQuestion(text) ? 1 : 0;
        values[25] = Squash(counts.QuestionMarks);
        values[26] = Squash(Lexicon.CountWords(tokens, Lexicon.Interrogatives));
        values[27] = tokens.Count > 0 && tokens[^1] == "?" ? 1 : 0;
        values[28] = Squash(Lexicon.CountWords(tokens, Lexicon.SecondPerson));
        values[29] = Squash(Lexicon.CountWords(tokens, Lexicon.FirstPersonPlural));
        values[30] = Squash(Lexicon.CountWords(tokens, Lexicon.FirstPersonSingular));
        values[31] = Squash(counts.Mentions);
        values[32] = counts.StartsWithMention ? 1 : 0;
        values[33] = counts.GreetsByName ? 1 : 0;
        values[34] = Squash(counts.Prices);
        values[35] = Squash(Lexicon.CountWords(tokens, Lexicon.Discount));
        values[36] = Squash(Lexicon.CountWords(tokens, Lexicon.CallToAction) + Lexicon.CountCallToActionPhrases(joined));
        values[37] = Squash(counts.Urls - counts.ShopUrls);
        values[38] = Squash(counts.ShopUrls);
        values[39] = Squash(counts.Hashtags);
        values[40] = Math.Min(1f, 2f * counts.Hashtags / wordCount);
        values[41] = Squash(counts.Emoji);
        values[42] = counts.Emoji > 0 && tokens.All(t => t.Length <= 2 && !char.IsLetterOrDigit(t[0])) ? 1 : 0;
        values[43] = Squash(counts.Exclamations);
        values[44] = Squash(Lexicon.CountWords(tokens, Lexicon.Thanks));
        values[45] = Squash(Lexicon.CountWords(tokens, Lexicon.Apology) + Lexicon.CountWords(tokens, Lexicon.Help));
        values[46] = Squash(Lexicon.CountWords(tokens, Lexicon.Launch));
        values[47] = Squash(Lexicon.CountWords(tokens, Lexicon.Announcement));
        values[48] = Squash(Lexicon.CountWords(tokens, Lexicon.Contest));
        values[49] = MathF.Log(1 + counts.Characters) / MathF.Log(1000);
        values[50] = tokens.Count <= 4 ? 1 : 0;
        values[51] = tokens.Count >= 45 ? 1 : 0;
        values[52] = counts.UppercaseShare;
        values[53] = tokens.Count == 0 ? 1 : 0;
        values[54] = 1;
    }

    /// <summary>Maps a count onto 0..1 with diminishing returns, so one price and five prices differ less than none and one.</summary>
    private static float Squash(int count) => count <= 0 ? 0 : MathF.Log(1 + count) / MathF.Log(6);

    internal sealed record Slot(string Name, Signal Signal);
}
