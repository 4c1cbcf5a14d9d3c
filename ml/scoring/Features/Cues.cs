namespace Engagement.Ml.Features;

/// <summary>A cue found in a text: its family and the tokens <see cref="Start"/> to <see cref="End"/> (exclusive) that make it.</summary>
internal readonly record struct CueSpan(Signal Signal, int Start, int End);

/// <summary>
/// The cue words and phrases of one text, found in context: where a word sits (a question, after a negation or a
/// possessive), which words follow it, and which language the text is in. Both the structural counts and the naming
/// of explanations read these spans, so an explanation never cites a word the cue rules did not count.
/// </summary>
internal sealed class Cues
{
    public static readonly Cues None = new([], [], []);

    private static readonly int SignalCount = Enum.GetValues<Signal>().Length;
    private static readonly Dictionary<string, Signal> Families = BuildFamilies();
    private static readonly Dictionary<string, (Signal Signal, string[] Tokens)[]> PhrasesByFirstToken = BuildPhrases();

    // Words that are cues in one language and ordinary words in another: Italian "i" is "the", Italian "ma" is "but",
    // Italian "qui" is "here", English "come" is no question.
    private static readonly Dictionary<string, string> OnlyIn = new(StringComparer.Ordinal)
    {
        ["i"] = "en", ["ma"] = "fr", ["mes"] = "fr", ["qui"] = "fr", ["come"] = "it",
    };

    private static readonly Dictionary<string, string> Stopwords = BuildStopwords();

    // The four tables above in one, so each token of a text is looked up once rather than in each of them.
    private static readonly Dictionary<string, Known> KnownWords = BuildKnown();

    [ThreadStatic]
    private static Known[]? _known;

    private readonly int[] _counts;
    private readonly Signal[] _families;

    private Cues(List<CueSpan> spans, int[] counts, Signal[] families)
    {
        Spans = spans;
        _counts = counts;
        _families = families;
    }

    /// <summary>Word and phrase cues in token order; question sentences are in <see cref="NormalizedText.Sentences"/>.</summary>
    public IReadOnlyList<CueSpan> Spans { get; }

    /// <summary>Interrogative words inside question sentences.</summary>
    public int Interrogatives => Count(Signal.Question);

    public int Count(Signal signal) => _counts.Length == 0 ? 0 : _counts[(int)signal];

    /// <summary>The family of the cue that covers <paramref name="token"/>, or <see cref="Signal.None"/>.</summary>
    public Signal FamilyOf(int token) => token >= 0 && token < _families.Length ? _families[token] : Signal.None;

    /// <summary>The first span of a family, if the text has one.</summary>
    public CueSpan? First(Signal signal)
    {
        foreach (var span in Spans)
        {
            if (span.Signal == signal)
            {
                return span;
            }
        }

        return null;
    }

    public static Cues Find(NormalizedText text, string? language)
    {
        var tokens = text.Tokens;
        if (tokens.Count == 0)
        {
            return None;
        }

        var known = _known is { } reused && reused.Length >= tokens.Count ? reused : _known = new Known[Math.Max(256, tokens.Count)];
        for (var i = 0; i < tokens.Count; i++)
        {
            known[i] = KnownWords.GetValueOrDefault(tokens[i]);
        }

        var lang = Normalise(language) ?? Guess(known.AsSpan(0, tokens.Count));
        var spans = new List<CueSpan>();
        var counts = new int[SignalCount];
        var families = new Signal[tokens.Count];

        void Add(Signal signal, int start, int end)
        {
            spans.Add(new CueSpan(signal, start, end));
            counts[(int)signal]++;
            for (var t = start; t < end; t++)
            {
                families[t] = families[t] == Signal.None ? signal : families[t];
            }
        }

        // Phrases first, so their words are not counted again one by one ("link in bio" is one call to action).
        for (var i = 0; i < tokens.Count; i++)
        {
            var candidates = known[i].Phrases;
            if (candidates is null)
            {
                continue;
            }

            foreach (var (signal, phrase) in candidates)
            {
                if (Matches(tokens, i, phrase))
                {
                    Add(signal, i, i + phrase.Length);
                    i += phrase.Length - 1;
                    break;
                }
            }
        }

        var sentence = 0;
        for (var i = 0; i < tokens.Count; i++)
        {
            while (sentence < text.Sentences.Count && text.Sentences[sentence].End <= i)
            {
                sentence++;
            }

            if (families[i] != Signal.None)
            {
                continue;
            }

            var token = tokens[i];
            var inQuestion = sentence < text.Sentences.Count && text.Sentences[sentence].Start <= i && text.Sentences[sentence].IsQuestion;
            if (known[i].OnlyIn is { } only && only != lang)
            {
                continue;
            }

            var signal = known[i].Family;
            if (signal == Signal.None && token.Length >= 5 && token.EndsWith("iamo", StringComparison.Ordinal) && lang is "it" or "unknown")
            {
                // Italian first-person plural verbs: "abbiamo", "vi aspettiamo", "ci vediamo".
                signal = Signal.We;
            }

            var keep = signal switch
            {
                Signal.None => false,
                Signal.Question => inQuestion,
                Signal.Announcement => !inQuestion,
                Signal.Launch => !Preceded(tokens, i, Lexicon.Possessives, 2),
                Signal.Praise => !Preceded(tokens, i, Lexicon.Negations, 2),
                // "codice fiscale", "dress code": a code is an offer only next to a code, a price or a percentage.
                Signal.Discount when Lexicon.CodeWords.Contains(token) => Followed(tokens, i, TextNormalizer.CodeToken, 2) || HasOffer(tokens),
                _ => true,
            };
            if (keep)
            {
                Add(signal, i, i + 1);
            }
        }

        for (var i = 0; i < tokens.Count; i++)
        {
            if (tokens[i] == TextNormalizer.CodeToken)
            {
                Add(Signal.PromoCode, i, i + 1);
            }
        }

        spans.Sort((a, b) => a.Start.CompareTo(b.Start));
        return new Cues(spans, counts, families);
    }

    private static bool Matches(IReadOnlyList<string> tokens, int start, string[] phrase)
    {
        if (start + phrase.Length > tokens.Count)
        {
            return false;
        }

        for (var k = 1; k < phrase.Length; k++)
        {
            if (!string.Equals(tokens[start + k], phrase[k], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private static bool Preceded(IReadOnlyList<string> tokens, int index, HashSet<string> words, int window)
    {
        for (var k = Math.Max(0, index - window); k < index; k++)
        {
            if (words.Contains(tokens[k]))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Followed(IReadOnlyList<string> tokens, int index, string token, int window)
    {
        for (var k = index + 1; k <= Math.Min(tokens.Count - 1, index + window); k++)
        {
            if (string.Equals(tokens[k], token, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasOffer(IReadOnlyList<string> tokens)
    {
        foreach (var token in tokens)
        {
            if (token is TextNormalizer.PriceToken or TextNormalizer.PercentToken)
            {
                return true;
            }
        }

        return false;
    }

    private static string? Normalise(string? language)
    {
        if (string.IsNullOrWhiteSpace(language))
        {
            return null;
        }

        var code = language.AsSpan().Trim();
        foreach (var known in (string[])["it", "en", "es", "fr", "de"])
        {
            if (code.StartsWith(known, StringComparison.OrdinalIgnoreCase))
            {
                return known;
            }
        }

        return "other";
    }

    /// <summary>The language whose function words are most frequent in the text; only to read ambiguous cue words.</summary>
    private static string Guess(ReadOnlySpan<Known> tokens)
    {
        Span<int> votes = stackalloc int[5];
        foreach (var token in tokens)
        {
            if (token.Stopword is { } language)
            {
                votes[language switch { "it" => 0, "en" => 1, "es" => 2, "fr" => 3, _ => 4 }]++;
            }
        }

        var best = 0;
        for (var k = 1; k < votes.Length; k++)
        {
            best = votes[k] > votes[best] ? k : best;
        }

        return votes[best] == 0 ? "unknown" : ((string[])["it", "en", "es", "fr", "de"])[best];
    }

    private static Dictionary<string, Known> BuildKnown()
    {
        var known = new Dictionary<string, Known>(StringComparer.Ordinal);
        foreach (var word in Families.Keys.Concat(PhrasesByFirstToken.Keys).Concat(OnlyIn.Keys).Concat(Stopwords.Keys).Distinct(StringComparer.Ordinal))
        {
            known[word] = new Known(
                Families.GetValueOrDefault(word, Signal.None),
                OnlyIn.GetValueOrDefault(word),
                PhrasesByFirstToken.GetValueOrDefault(word),
                Stopwords.GetValueOrDefault(word));
        }

        return known;
    }

    private static Dictionary<string, Signal> BuildFamilies()
    {
        var map = new Dictionary<string, Signal>(StringComparer.Ordinal);
        // Where lists overlap, the earlier family wins.
        foreach (var (words, signal) in new (HashSet<string>, Signal)[]
        {
            (Lexicon.CallToAction, Signal.CallToAction),
            (Lexicon.Discount, Signal.Discount),
            (Lexicon.Thanks, Signal.Thanks),
            (Lexicon.Help, Signal.Help),
            (Lexicon.Private, Signal.Private),
            (Lexicon.Interrogatives, Signal.Question),
            (Lexicon.FirstPersonPlural, Signal.We),
            (Lexicon.Team, Signal.Team),
            (Lexicon.SecondPerson, Signal.SecondPerson),
            (Lexicon.FirstPersonSingular, Signal.FirstPerson),
            (Lexicon.Contest, Signal.Contest),
            (Lexicon.Launch, Signal.Launch),
            (Lexicon.Announcement, Signal.Announcement),
            (Lexicon.Praise, Signal.Praise),
            (Lexicon.Complaint, Signal.Complaint),
        })
        {
            foreach (var word in words)
            {
                map.TryAdd(word, signal);
            }
        }

        return map;
    }

    private static Dictionary<string, (Signal, string[])[]> BuildPhrases() =>
        Lexicon.CallToActionPhrases.Select(p => (Signal.CallToAction, p))
            .Concat(Lexicon.LaunchPhrases.Select(p => (Signal.Launch, p)))
            .Concat(Lexicon.ContestPhrases.Select(p => (Signal.Contest, p)))
            .Concat(Lexicon.ComplaintPhrases.Select(p => (Signal.Complaint, p)))
            .Select(x => (Signal: x.Item1, Tokens: x.p.Split(' ')))
            // Longer phrases first, so "link in bio" is preferred to a shorter phrase with the same first word.
            .GroupBy(x => x.Tokens[0], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(x => x.Tokens.Length).ToArray(), StringComparer.Ordinal);

    private static Dictionary<string, string> BuildStopwords()
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        void Add(string language, string words)
        {
            foreach (var word in words.Split(' '))
            {
                map.TryAdd(word, language);
            }
        }

        Add("it", "il lo gli della delle dei di che per non una sono con questo questa anche alla nel nella siamo");
        Add("en", "the and of to is are this that with for you our we it was have just");
        Add("es", "el los las del que por para con una es muy este esta pero");
        Add("fr", "le les des du est et pour une avec vous nous sur dans pas ce cette");
        Add("de", "der die das und ist mit fur den dem nicht ein eine wir sie auf");
        return map;
    }

    /// <summary>What the cue rules know of one word: its family, the one language it is a cue in, the phrases it opens, the language it is a function word of.</summary>
    private readonly record struct Known(Signal Family, string? OnlyIn, (Signal Signal, string[] Tokens)[]? Phrases, string? Stopword);
}
