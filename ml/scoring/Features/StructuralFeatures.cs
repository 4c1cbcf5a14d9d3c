using Engagement.Ml.Vocabulary;

namespace Engagement.Ml.Features;

/// <summary>The named, dense part of the feature vector: metadata one-hots and text cues.</summary>
/// <remarks>
/// Every slot has a name (for the model card and tests) and, where it can explain a decision, a phrase a
/// community manager understands. Unknown metadata is a value of its own (kind, author, channel, language), so
/// text-only input is a state the model has seen in training rather than a row of zeros that looks like "not a
/// brand, not a reply".
/// </remarks>
internal static class StructuralFeatures
{
    // The count is a constant because ML.NET's vector column type needs it at compile time.
    public const int Count = 68;

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
        new("lang=it", Signal.None),
        new("lang=en", Signal.None),
        new("lang=es", Signal.None),
        new("lang=fr", Signal.None),
        new("lang=de", Signal.None),
        new("lang=other", Signal.None),
        new("lang=unknown", Signal.None),
        new("has-question", Signal.Question),
        new("questions", Signal.Question),
        new("interrogatives", Signal.Question),
        new("ends-with-question", Signal.Question),
        new("second-person", Signal.SecondPerson),
        new("first-person-plural", Signal.We),
        new("team", Signal.Team),
        new("first-person-singular", Signal.FirstPerson),
        new("mentions", Signal.Mention),
        new("starts-with-mention", Signal.AddressesSomeone),
        new("greets-by-name", Signal.AddressesSomeone),
        new("prices", Signal.Price),
        new("discount", Signal.Discount),
        new("promo-code", Signal.PromoCode),
        new("call-to-action", Signal.CallToAction),
        new("question-about-offer", Signal.Bait),
        new("urls", Signal.Link),
        new("shop-urls", Signal.ShopLink),
        new("hashtags", Signal.Hashtags),
        new("hashtag-density", Signal.Hashtags),
        new("emoji", Signal.Emoji),
        new("emoji-only", Signal.Emoji),
        new("exclamations", Signal.Exclamation),
        new("thanks", Signal.Thanks),
        new("apology-or-help", Signal.Help),
        new("private-message", Signal.Private),
        new("launch", Signal.Launch),
        new("announcement", Signal.Announcement),
        new("contest", Signal.Contest),
        new("praise", Signal.Praise),
        new("complaint", Signal.Complaint),
        new("log-length", Signal.None),
        new("very-short", Signal.Short),
        new("long", Signal.Long),
        new("uppercase-share", Signal.None),
        new("no-text", Signal.None),
        new("bias", Signal.None),
    ];

    /// <summary>Text cues start after the metadata one-hots; they are the slots that get context-keyed copies.</summary>
    public static readonly int FirstTextCue = IndexOf("has-question");

    /// <summary>The constant bias, last; it has no context-keyed copy.</summary>
    public static readonly int Bias = IndexOf("bias");

    private static readonly int Kind = IndexOf("kind=post");
    private static readonly int Author = IndexOf("author=brand");
    private static readonly int Combined = IndexOf("brand+post");
    private static readonly int Parent = IndexOf("parent=yes");
    private static readonly int ChannelSlot = IndexOf("channel=facebook");
    private static readonly int Language = IndexOf("lang=it");
    private static readonly string[] Languages = ["it", "en", "es", "fr", "de"];

    /// <summary>Writes the structural values for one input into <paramref name="values"/> (length <see cref="Count"/>).</summary>
    public static void Fill(ClassifierInput input, NormalizedText text, Span<float> values) =>
        Fill(input, text, Cues.Find(text, input.Language), values);

    /// <summary>Writes the structural values for one input whose cues are already found.</summary>
    public static void Fill(ClassifierInput input, NormalizedText text, Cues cues, Span<float> values)
    {
        values.Clear();
        var kind = input.Kind;
        // Kind slots are post, comment, reply, dm (the enum's order after Unknown), then unknown.
        values[Kind + (kind == InteractionKind.Unknown ? 4 : (int)kind - 1)] = 1;

        values[Author + input.AuthorIsBrand switch { true => 0, false => 1, null => 2 }] = 1;
        if (kind != InteractionKind.Unknown && input.AuthorIsBrand is { } brand)
        {
            var conversation = kind != InteractionKind.Post;
            values[Combined + (brand, conversation) switch { (true, false) => 0, (true, true) => 1, (false, false) => 2, _ => 3 }] = 1;
        }

        // Whether a parent exists only speaks when the kind is unknown: hosts differ on it for comments and DMs (a
        // comment's parent may be the post or nothing), and with a kind the parent adds nothing the kind does not say.
        if (kind == InteractionKind.Unknown)
        {
            values[Parent + input.HasParent switch { true => 0, false => 1, null => 2 }] = 1;
        }

        values[ChannelSlot + input.Channel switch
        {
            null => Channel.Known.Count,
            { } c when c.ToString() == "twitter" => Channel.X.KnownIndex,
            { KnownIndex: >= 0 and var i } => i,
            _ => Channel.Other.KnownIndex,
        }] = 1;

        values[Language + LanguageIndex(input.Language)] = 1;

        var tokens = text.Tokens;
        var counts = text.Counts;
        var wordCount = Math.Max(1, tokens.Count);
        var question = Questions.IsQuestion(text);
        // A question beside an offer or a product launch is bait (docs/labels.md: "Which of our three new flavours is your
        // favourite? Order now"). It lights its own slot instead of the question slots, so the question mark alone does
        // not carry the weight that genuine questions to the community earned.
        var offer = cues.Count(Signal.CallToAction) + cues.Count(Signal.Discount) + cues.Count(Signal.PromoCode) + cues.Count(Signal.Launch)
            + counts.Prices + counts.ShopUrls;
        var bait = question && offer > 0;
        var k = FirstTextCue;
        values[k++] = question && !bait ? 1 : 0;
        values[k++] = bait ? 0 : Squash(counts.QuestionMarks);
        values[k++] = bait ? 0 : Squash(cues.Interrogatives);
        values[k++] = !bait && tokens.Count > 0 && tokens[^1] == "?" ? 1 : 0;
        values[k++] = Squash(cues.Count(Signal.SecondPerson));
        values[k++] = Squash(cues.Count(Signal.We));
        values[k++] = Squash(cues.Count(Signal.Team));
        values[k++] = Squash(cues.Count(Signal.FirstPerson));
        values[k++] = Squash(counts.Mentions);
        values[k++] = counts.StartsWithMention ? 1 : 0;
        values[k++] = counts.GreetsByName ? 1 : 0;
        values[k++] = Squash(counts.Prices);
        values[k++] = Squash(cues.Count(Signal.Discount));
        values[k++] = Squash(cues.Count(Signal.PromoCode));
        values[k++] = Squash(cues.Count(Signal.CallToAction));
        values[k++] = bait ? 1 : 0;
        values[k++] = Squash(counts.Urls - counts.ShopUrls);
        values[k++] = Squash(counts.ShopUrls);
        values[k++] = Squash(counts.Hashtags);
        values[k++] = Math.Min(1f, 2f * counts.Hashtags / wordCount);
        values[k++] = Squash(counts.Emoji);
        values[k++] = counts.Emoji > 0 && tokens.All(t => t.Length <= 2 && !char.IsLetterOrDigit(t[0])) ? 1 : 0;
        values[k++] = Squash(counts.Exclamations);
        values[k++] = Squash(cues.Count(Signal.Thanks));
        values[k++] = Squash(cues.Count(Signal.Help));
        values[k++] = Squash(cues.Count(Signal.Private));
        values[k++] = Squash(cues.Count(Signal.Launch));
        values[k++] = Squash(cues.Count(Signal.Announcement));
        values[k++] = Squash(cues.Count(Signal.Contest));
        values[k++] = Squash(cues.Count(Signal.Praise));
        values[k++] = Squash(cues.Count(Signal.Complaint));
        values[k++] = MathF.Log(1 + counts.Characters) / MathF.Log(1000);
        values[k++] = tokens.Count <= 4 ? 1 : 0;
        values[k++] = tokens.Count >= 45 ? 1 : 0;
        values[k++] = counts.UppercaseShare;
        values[k++] = tokens.Count == 0 ? 1 : 0;
        values[k] = 1;
    }

    /// <summary>it, en, es, fr, de by their first two letters ("en-GB" is English), then other, then unknown.</summary>
    private static int LanguageIndex(string? language)
    {
        if (string.IsNullOrWhiteSpace(language))
        {
            return Languages.Length + 1;
        }

        var code = language.AsSpan().Trim();
        for (var i = 0; i < Languages.Length; i++)
        {
            if (code.StartsWith(Languages[i], StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return Languages.Length;
    }

    /// <summary>Maps a count onto 0..1 with diminishing returns, so one price and five prices differ less than none and one.</summary>
    private static float Squash(int count) => count <= 0 ? 0 : MathF.Log(1 + count) / MathF.Log(6);

    private static int IndexOf(string name)
    {
        for (var i = 0; i < Slots.Count; i++)
        {
            if (Slots[i].Name == name)
            {
                return i;
            }
        }

        throw new InvalidOperationException($"No structural slot named {name}.");
    }

    internal sealed record Slot(string Name, Signal Signal);
}
