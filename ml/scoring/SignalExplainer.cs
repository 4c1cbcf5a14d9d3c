using System.Buffers;
using System.Runtime.InteropServices;
using Engagement.Ml.Features;

namespace Engagement.Ml;

/// <summary>Names the strongest reasons behind one prediction from the linear model's own contributions.</summary>
/// <remarks>
/// A contribution is weight × value for each active feature slot. Structural slots carry their phrase; each n-gram
/// slot is credited to the token(s) of this input that produced it, and a token is named by the cue the cue rules
/// found there in this text (<see cref="Cues"/>: "sconto" → discount, but "still" in "still the best" is no
/// complaint) or, when it has none, quoted as wording. A named cue quotes the words that triggered it, as written.
/// Only contributions that push toward the predicted label are kept, so the signals always argue for the answer.
/// </remarks>
internal static class SignalExplainer
{
    public const int MaxSignals = 4;

    // Reasons much weaker than the strongest read as noise to a person; a fifth of the top keeps the list honest.
    private const float RelativeFloor = 0.2f;

    private const int MaxQuotedWords = 6;

    // Plain words share one "wording" signal that quotes at most this many.
    private const int MaxWords = 3;

    private static readonly int SignalCount = Enum.GetValues<Signal>().Length;

    // Function words say nothing to a person even when they carry weight; cue words the rules did not count here
    // ("when" outside a question) are not quoted either, or they would be cited out of context.
    private static readonly HashSet<string> Unquotable = BuildUnquotable();

    private static readonly SearchValues<char> QuoteBreakers = SearchValues.Create("\n\r\t;\"");

    private static readonly Comparison<(Signal Signal, int Token, float Value)> Descending = (a, b) => b.Value.CompareTo(a.Value);

    [ThreadStatic]
    private static Scratch? _scratch;

    [ThreadStatic]
    private static RawWords? _rawWords;

    public static IReadOnlyList<string> Explain(FeaturizedInput featurized, float[] weights, bool relational)
    {
        var scratch = _scratch ??= new Scratch();
        var count = Phrase(featurized, weights, relational, scratch);
        if (count == 0)
        {
            return [];
        }

        var phrases = new string[count];
        scratch.Phrases.AsSpan(0, count).CopyTo(phrases);
        return phrases;
    }

    /// <summary>The signals with their summed contributions, positive meaning "toward the predicted label".</summary>
    public static IReadOnlyList<(string Phrase, float Contribution)> ExplainWithContributions(FeaturizedInput featurized, float[] weights, bool relational)
    {
        var scratch = _scratch ??= new Scratch();
        var count = Phrase(featurized, weights, relational, scratch);
        var signals = new List<(string Phrase, float Contribution)>(count);
        for (var i = 0; i < count; i++)
        {
            signals.Add((scratch.Phrases[i], scratch.Contributions[i]));
        }

        return signals;
    }

    /// <summary>
    /// The signals as the first version named them: every candidate ranked by one full sort. What <see cref="Explain"/>
    /// must always agree with; it is also the path it takes when contributions tie.
    /// </summary>
    internal static IReadOnlyList<string> ExplainByFullRanking(FeaturizedInput featurized, float[] weights, bool relational)
    {
        var scratch = _scratch ??= new Scratch();
        Contributions(featurized, weights, relational, scratch);
        var count = Phrase(featurized, FullRanking(scratch), scratch);
        return scratch.Phrases.AsSpan(0, count).ToArray();
    }

    /// <summary>
    /// Phrases the signals of one input into <see cref="Scratch.Phrases"/> and <see cref="Scratch.Contributions"/>;
    /// returns how many.
    /// </summary>
    /// <remarks>
    /// Only the strongest four named families and three words can ever be returned, so only those are picked out (a
    /// handful of comparisons per candidate) instead of sorting every candidate. That is the full sort's order
    /// whenever no chosen value ties another candidate's; when one does, the order of the tie is the sort's, so the
    /// full sort decides.
    /// </remarks>
    private static int Phrase(FeaturizedInput featurized, float[] weights, bool relational, Scratch scratch)
    {
        Contributions(featurized, weights, relational, scratch);
        var chosen = Choose(scratch);
        return Phrase(featurized, chosen < 0 ? FullRanking(scratch) : scratch.Chosen.AsSpan(0, chosen), scratch);
    }

    /// <summary>
    /// Sums the contributions of one input into <paramref name="scratch"/>: per family (with the token that pushed it
    /// hardest) and per distinct word, in the order of the words' first appearance.
    /// </summary>
    private static void Contributions(FeaturizedInput featurized, float[] weights, bool relational, Scratch scratch)
    {
        var direction = relational ? 1f : -1f;
        var bySignal = scratch.BySignal;
        // For each family, the token whose n-grams pushed it hardest: the words to quote.
        var bestToken = scratch.BestToken;
        var bestTokenValue = scratch.BestTokenValue;
        Array.Clear(bySignal);
        Array.Clear(bestTokenValue);
        bestToken.AsSpan().Fill(-1);

        var structural = featurized.Structural;
        for (var s = 0; s < StructuralFeatures.Count; s++)
        {
            var value = structural[s];
            if (value != 0)
            {
                bySignal[(int)StructuralFeatures.Slots[s].Signal] += weights[s] * value * direction;
            }
        }

        // Credit n-gram contributions to tokens first, then name each token once: naming is the costly part.
        var text = featurized.Text;
        var tokens = text.Tokens;
        var byToken = scratch.ByToken(tokens.Count);
        var scales = featurized.BlockScales;
        foreach (var occurrence in featurized.Occurrences.AsSpan())
        {
            // featurized.Scale(occurrence), inline: the same products in the same order.
            var scale = occurrence.Block == Block.StructuralContext
                ? structural[occurrence.OtherToken] * scales[(int)Block.StructuralContext]
                : scales[(int)occurrence.Block];
            var contribution = weights[occurrence.Slot] * scale * direction;
            if (occurrence.Block == Block.StructuralContext)
            {
                bySignal[(int)StructuralFeatures.Slots[occurrence.OtherToken].Signal] += contribution;
            }
            else if (occurrence.OtherToken >= 0)
            {
                byToken[occurrence.Token] += contribution / 2;
                byToken[occurrence.OtherToken] += contribution / 2;
            }
            else
            {
                byToken[occurrence.Token] += contribution;
            }
        }

        scratch.ResetWords(tokens.Count);
        var sentences = text.Sentences;
        var sentence = 0;
        for (var i = 0; i < tokens.Count; i++)
        {
            while (sentence < sentences.Count && sentences[sentence].End <= i)
            {
                sentence++;
            }

            var token = tokens[i];
            var inQuestion = sentence < sentences.Count && sentences[sentence].IsQuestion;
            var signal = SignalPhrases.ForToken(token, featurized.Cues.FamilyOf(i), inQuestion);
            if (signal is Signal.Word)
            {
                // Whether a word may be quoted at all is asked only of the few that could be chosen.
                if (token.Length >= 4)
                {
                    scratch.AddToWord(token, i, byToken[i]);
                }
            }
            else if (signal is not Signal.None)
            {
                bySignal[(int)signal] += byToken[i];
                if (byToken[i] > bestTokenValue[(int)signal])
                {
                    bestTokenValue[(int)signal] = byToken[i];
                    bestToken[(int)signal] = i;
                }
            }
        }

        // On a brand's post "written by the brand" and "brand's own post" say the same thing; keep one.
        if (bySignal[(int)Signal.BrandPost] != 0)
        {
            bySignal[(int)Signal.BrandPost] += bySignal[(int)Signal.BrandAuthor];
            bySignal[(int)Signal.BrandAuthor] = 0;
        }
    }

    private static bool IsNamed(int signal) => (Signal)signal is not (Signal.None or Signal.Word);

    /// <summary>
    /// The strongest <see cref="MaxSignals"/> named families and <see cref="MaxWords"/> quotable words, strongest first, in
    /// <see cref="Scratch.Chosen"/>; returns how many, or -1 when a chosen value ties another candidate's.
    /// </summary>
    private static int Choose(Scratch scratch)
    {
        var bySignal = scratch.BySignal;
        Span<int> named = stackalloc int[MaxSignals];
        var namedCount = 0;
        for (var signal = 0; signal < SignalCount; signal++)
        {
            if (bySignal[signal] > 0 && IsNamed(signal))
            {
                namedCount = Insert(named, namedCount, signal, bySignal);
            }
        }

        Span<int> words = stackalloc int[MaxWords];
        var wordCount = 0;
        var sums = scratch.WordSums;
        for (var w = 0; w < scratch.WordCount; w++)
        {
            var value = sums[w];
            if (value > 0 && (wordCount < MaxWords || value >= sums[words[wordCount - 1]]) && !Unquotable.Contains(scratch.WordTexts[w]))
            {
                wordCount = Insert(words, wordCount, w, sums);
            }
        }

        // Without ties every candidate's value appears among the chosen as often as the candidate is chosen: once.
        var matches = 0;
        for (var signal = 0; signal < SignalCount; signal++)
        {
            if (bySignal[signal] > 0 && IsNamed(signal))
            {
                matches += Matches(bySignal[signal], named[..namedCount], bySignal, words[..wordCount], sums);
            }
        }

        for (var w = 0; w < scratch.WordCount; w++)
        {
            if (sums[w] > 0)
            {
                matches += Matches(sums[w], named[..namedCount], bySignal, words[..wordCount], sums);
            }
        }

        if (matches != namedCount + wordCount)
        {
            return -1;
        }

        // Both lists are strongest first and no value ties: merging them gives the full sort's order.
        var chosen = scratch.Chosen;
        var n = 0;
        var k = 0;
        while (n + k < namedCount + wordCount)
        {
            if (k == wordCount || (n < namedCount && bySignal[named[n]] > sums[words[k]]))
            {
                chosen[n + k] = ((Signal)named[n], scratch.BestToken[named[n]], bySignal[named[n]]);
                n++;
            }
            else
            {
                chosen[n + k] = (Signal.Word, scratch.WordFirstTokens[words[k]], sums[words[k]]);
                k++;
            }
        }

        return namedCount + wordCount;
    }

    /// <summary>Inserts <paramref name="candidate"/> into the <paramref name="count"/> strongest so far, kept strongest first.</summary>
    private static int Insert(Span<int> top, int count, int candidate, float[] values)
    {
        var value = values[candidate];
        var at = count;
        while (at > 0 && values[top[at - 1]] < value)
        {
            at--;
        }

        if (at == top.Length)
        {
            return count;
        }

        var kept = Math.Min(count, top.Length - 1);
        for (var k = kept; k > at; k--)
        {
            top[k] = top[k - 1];
        }

        top[at] = candidate;
        return kept + 1;
    }

    private static int Matches(float value, ReadOnlySpan<int> named, float[] bySignal, ReadOnlySpan<int> words, float[] sums)
    {
        var matches = 0;
        foreach (var n in named)
        {
            matches += bySignal[n] == value ? 1 : 0;
        }

        foreach (var w in words)
        {
            matches += sums[w] == value ? 1 : 0;
        }

        return matches;
    }

    /// <summary>Every candidate (named families in enum order, then quotable words as first seen), strongest first by one full sort.</summary>
    private static ReadOnlySpan<(Signal Signal, int Token, float Value)> FullRanking(Scratch scratch)
    {
        var ranked = new List<(Signal Signal, int Token, float Value)>();
        for (var signal = 0; signal < SignalCount; signal++)
        {
            if (scratch.BySignal[signal] > 0 && IsNamed(signal))
            {
                ranked.Add(((Signal)signal, scratch.BestToken[signal], scratch.BySignal[signal]));
            }
        }

        for (var w = 0; w < scratch.WordCount; w++)
        {
            if (scratch.WordSums[w] > 0 && !Unquotable.Contains(scratch.WordTexts[w]))
            {
                ranked.Add((Signal.Word, scratch.WordFirstTokens[w], scratch.WordSums[w]));
            }
        }

        ranked.Sort(Descending);
        return CollectionsMarshal.AsSpan(ranked);
    }

    /// <summary>Phrases the candidates of <paramref name="ranked"/>, strongest first, into the scratch; returns how many.</summary>
    private static int Phrase(FeaturizedInput featurized, ReadOnlySpan<(Signal Signal, int Token, float Value)> ranked, Scratch scratch)
    {
        if (ranked.Length == 0)
        {
            return 0;
        }

        var phrases = scratch.Phrases;
        var contributions = scratch.Contributions;
        var tokens = featurized.Text.Tokens;
        var floor = ranked[0].Value * RelativeFloor;
        var count = 0;
        Span<int> quoted = stackalloc int[MaxWords];
        var quotedCount = 0;
        var quotedTotal = 0f;
        var wordSlot = -1;
        foreach (var (signal, token, value) in ranked)
        {
            if (value < floor)
            {
                break;
            }

            if (signal != Signal.Word)
            {
                if (count < MaxSignals)
                {
                    phrases[count] = Describe(featurized, signal, token);
                    contributions[count++] = value;
                }
            }
            else if (wordSlot >= 0)
            {
                // Plain words share one "wording" reason, so they do not crowd out named cues.
                if (quotedCount < MaxWords)
                {
                    quoted[quotedCount++] = token;
                    quotedTotal += value;
                }
            }
            else if (count < MaxSignals)
            {
                wordSlot = count++;
                quoted[quotedCount++] = token;
                quotedTotal += value;
            }
        }

        if (wordSlot >= 0)
        {
            var first = Quote(featurized, quoted[0], quoted[0] + 1) ?? tokens[quoted[0]];
            phrases[wordSlot] = quotedCount switch
            {
                1 => string.Concat("wording: \"", first, "\""),
                2 => string.Concat("wording: \"", first, "\", \"", Quote(featurized, quoted[1], quoted[1] + 1) ?? tokens[quoted[1]], "\""),
                _ => string.Concat(
                    [
                        "wording: \"", first,
                        "\", \"", Quote(featurized, quoted[1], quoted[1] + 1) ?? tokens[quoted[1]],
                        "\", \"", Quote(featurized, quoted[2], quoted[2] + 1) ?? tokens[quoted[2]], "\"",
                    ]),
            };
            contributions[wordSlot] = quotedTotal;
        }

        return count;
    }

    /// <summary>The phrase of a family, with the words of this text that triggered it where quoting helps.</summary>
    private static string Describe(FeaturizedInput featurized, Signal signal, int token)
    {
        var phrase = signal == Signal.Question && SpeakerContexts.Of(featurized.Input) == SpeakerContext.BrandPost
            ? "asks the community"
            : SignalPhrases.Phrase(signal)!;
        var quote = signal switch
        {
            Signal.Question or Signal.Bait => QuestionQuote(featurized, token),
            Signal.Emoji when token >= 0 => featurized.Text.Tokens[token],
            Signal.PromoCode => CodeQuote(featurized.Text, token),
            _ when SpanOf(featurized.Cues, signal, token) is { End: > 0 } span => Quote(featurized, span.Start, span.End),
            _ => null,
        };
        return quote is null ? phrase : phrase + ": \"" + quote + "\"";
    }

    /// <summary>The first cue span of <paramref name="signal"/> covering <paramref name="token"/> (any, when negative), or default.</summary>
    private static CueSpan SpanOf(Cues cues, Signal signal, int token)
    {
        var spans = cues.Spans;
        for (var i = 0; i < spans.Count; i++)
        {
            var span = spans[i];
            if (span.Signal == signal && (token < 0 || (token >= span.Start && token < span.End)))
            {
                return span;
            }
        }

        return default;
    }

    /// <summary>The code as written: the one at <paramref name="token"/>, or the first.</summary>
    private static string? CodeQuote(NormalizedText text, int token)
    {
        var index = 0;
        for (var t = 0; t < token; t++)
        {
            index += text.Tokens[t] == TextNormalizer.CodeToken ? 1 : 0;
        }

        return index < text.Codes.Count ? text.Codes[index] : text.Codes.Count > 0 ? text.Codes[0] : null;
    }

    /// <summary>The opening words of the question sentence holding <paramref name="token"/>, or of the first question.</summary>
    private static string? QuestionQuote(FeaturizedInput featurized, int token)
    {
        var text = featurized.Text;
        if (token >= 0 && text.SentenceOf(token) is { IsQuestion: true } holding)
        {
            return Quote(featurized, holding.Start, holding.End);
        }

        var sentences = text.Sentences;
        for (var i = 0; i < sentences.Count; i++)
        {
            if (sentences[i].IsQuestion)
            {
                return Quote(featurized, sentences[i].Start, sentences[i].End);
            }
        }

        return null;
    }

    /// <summary>
    /// The raw words that tokens <paramref name="start"/> to <paramref name="end"/> came from, as the author wrote them
    /// (case, accents), at most <see cref="MaxQuotedWords"/> words with "…" when cut; null when they hold no word.
    /// </summary>
    internal static string? Quote(FeaturizedInput featurized, int start, int end)
    {
        var tokens = featurized.Text.Tokens;
        Span<int> wanted = stackalloc int[MaxQuotedWords];
        var wantedCount = 0;
        var cut = false;
        for (var t = start; t < end; t++)
        {
            if (IsWord(tokens[t]))
            {
                if (wantedCount == MaxQuotedWords)
                {
                    cut = true;
                    break;
                }

                wanted[wantedCount++] = t;
            }
        }

        if (wantedCount == 0)
        {
            return null;
        }

        // Which occurrence of the first word this is, counting the same word earlier in the tokens.
        var firstWord = tokens[wanted[0]];
        var occurrence = 0;
        for (var t = 0; t < start; t++)
        {
            occurrence += tokens[t] == firstWord ? 1 : 0;
        }

        var raw = featurized.Input.Text;
        var rawWords = (_rawWords ??= new RawWords()).Of(raw);
        var from = -1;
        for (var r = 0; rawWords.TryGet(r, out var word); r++)
        {
            if (FoldsTo(raw.AsSpan(word.Start, word.Length), firstWord) && occurrence-- == 0)
            {
                from = r;
                break;
            }
        }

        string quote;
        if (from < 0)
        {
            quote = wantedCount == 1 ? firstWord : JoinTokens(tokens, wanted[..wantedCount]);
        }
        else
        {
            // Follow the remaining words in order; raw words without a token (inside links, handles) are skipped.
            var last = from;
            var next = 1;
            for (var r = from + 1; next < wantedCount && r <= last + 4 && rawWords.TryGet(r, out var word); r++)
            {
                if (FoldsTo(raw.AsSpan(word.Start, word.Length), tokens[wanted[next]]))
                {
                    last = r;
                    next++;
                }
            }

            rawWords.TryGet(from, out var first);
            rawWords.TryGet(last, out var final);
            quote = raw[first.Start..(final.Start + final.Length)];
            cut |= next < wantedCount;
        }

        // Signals are stored joined by "; " and shown in quotes: neither may appear inside one. Most quotes are words
        // with single spaces, which need no rewriting.
        if (quote.AsSpan().IndexOfAny(QuoteBreakers) >= 0 || quote.Contains("  ", StringComparison.Ordinal))
        {
            quote = string.Join(' ', quote.Split([' ', '\n', '\r', '\t', ';', '"'], StringSplitOptions.RemoveEmptyEntries));
        }

        return cut ? quote + "…" : quote;
    }

    private static string JoinTokens(IReadOnlyList<string> tokens, ReadOnlySpan<int> wanted)
    {
        var words = new string[wanted.Length];
        for (var i = 0; i < words.Length; i++)
        {
            words[i] = tokens[wanted[i]];
        }

        return string.Join(' ', words);
    }

    private static bool IsWord(string token) =>
        token.Length > 0 && char.IsLetterOrDigit(token[0]) && !TextNormalizer.IsPlaceholder(token);

    /// <summary>Whether a raw word normalises to <paramref name="token"/>; ASCII words are folded here without allocating.</summary>
    private static bool FoldsTo(ReadOnlySpan<char> word, string token)
    {
        // Folding keeps an ASCII first letter, lower-cased, in front: most words of a text are told apart by it alone.
        if (word[0] <= 127 && (token.Length == 0 || char.ToLowerInvariant(word[0]) != token[0]))
        {
            return false;
        }

        foreach (var c in word)
        {
            if (c > 127)
            {
                return TextNormalizer.FoldCaseAndAccents(word.ToString()) == token;
            }
        }

        // The same folding as the normaliser: lower case, letter runs cut at two.
        var j = 0;
        var previous = '\0';
        var run = 0;
        foreach (var c in word)
        {
            var lower = char.ToLowerInvariant(c);
            run = lower == previous && char.IsLetter(lower) ? run + 1 : 1;
            previous = lower;
            if (run <= 2)
            {
                if (j >= token.Length || token[j] != lower)
                {
                    return false;
                }

                j++;
            }
        }

        return j == token.Length;
    }

    private static HashSet<string> BuildUnquotable()
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        foreach (var list in new[]
        {
            Lexicon.Interrogatives, Lexicon.SecondPerson, Lexicon.FirstPersonPlural, Lexicon.Team, Lexicon.FirstPersonSingular,
            Lexicon.CallToAction, Lexicon.Discount, Lexicon.Thanks, Lexicon.Help, Lexicon.Private, Lexicon.Launch, Lexicon.Contest,
            Lexicon.Announcement, Lexicon.Praise, Lexicon.Complaint,
        })
        {
            words.UnionWith(list);
        }

        foreach (var phrase in Lexicon.CallToActionPhrases.Concat(Lexicon.LaunchPhrases).Concat(Lexicon.ContestPhrases).Concat(Lexicon.ComplaintPhrases))
        {
            words.UnionWith(phrase.Split(' '));
        }

        words.UnionWith(
            "this that with have from they them their just still when then than there here very also been were what your about would could should into over some more most only other such these those"
                .Split(' '));
        words.UnionWith(
            "della delle dello degli anche questo questa quello quella sono stato stata siamo come ancora dopo prima sempre molto tutto tutti tutte ogni dove quando perche nella nelle negli sulla sulle alla alle agli dalla dalle"
                .Split(' '));
        words.UnionWith("para pero como esta este todo todos muy donde cuando avec pour dans sont nous vous tout tous cette mais aber oder eine einen nicht sind wird auch noch"
            .Split(' '));
        return words;
    }

    /// <summary>
    /// The words of one raw text, found once per text and thread and only as far as a quote reads: an explanation
    /// quotes up to four cues of one text, and scanning all of it again for each was most of the cost of quoting.
    /// </summary>
    private sealed class RawWords
    {
        private readonly List<(int Start, int Length)> _words = [];
        private string _text = string.Empty;
        private int _scanned;

        public RawWords Of(string raw)
        {
            if (!ReferenceEquals(_text, raw))
            {
                _text = raw;
                _words.Clear();
                _scanned = 0;
            }

            return this;
        }

        /// <summary>The <paramref name="index"/>th word, scanning further into the text if it has not been reached yet.</summary>
        public bool TryGet(int index, out (int Start, int Length) word)
        {
            var raw = _text;
            while (_words.Count <= index && _scanned < raw.Length)
            {
                var start = _scanned;
                while (start < raw.Length && !InWord(raw[start]))
                {
                    start++;
                }

                var end = start;
                while (end < raw.Length && InWord(raw[end]))
                {
                    end++;
                }

                if (end > start)
                {
                    _words.Add((start, end - start));
                }

                _scanned = end;
            }

            word = index < _words.Count ? _words[index] : default;
            return index < _words.Count;
        }

        private static bool InWord(char c) => char.IsAsciiLetterOrDigit(c)
            || (c > 127 && (char.IsLetterOrDigit(c) || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.NonSpacingMark));
    }

    /// <summary>The buffers one thread reuses to explain input after input, so an explanation allocates only its phrases.</summary>
    private sealed class Scratch
    {
        private float[] _byToken = new float[256];
        private int[] _buckets = new int[512];
        private int _mask;

        public float[] BySignal { get; } = new float[SignalCount];

        public int[] BestToken { get; } = new int[SignalCount];

        public float[] BestTokenValue { get; } = new float[SignalCount];

        /// <summary>The distinct quotable-length words of the input, in order of first appearance, with their summed contributions.</summary>
        public string[] WordTexts { get; private set; } = new string[256];

        public float[] WordSums { get; private set; } = new float[256];

        public int[] WordFirstTokens { get; private set; } = new int[256];

        public int WordCount { get; private set; }

        public (Signal Signal, int Token, float Value)[] Chosen { get; } = new (Signal, int, float)[MaxSignals + MaxWords];

        public string[] Phrases { get; } = new string[MaxSignals];

        public float[] Contributions { get; } = new float[MaxSignals];

        /// <summary>A cleared contribution per token.</summary>
        public Span<float> ByToken(int tokens)
        {
            if (_byToken.Length < tokens)
            {
                _byToken = new float[tokens];
            }

            var span = _byToken.AsSpan(0, tokens);
            span.Clear();
            return span;
        }

        /// <summary>Forgets the last input's words, with room for <paramref name="tokens"/> distinct ones.</summary>
        public void ResetWords(int tokens)
        {
            WordCount = 0;
            if (WordTexts.Length < tokens)
            {
                WordTexts = new string[tokens];
                WordSums = new float[tokens];
                WordFirstTokens = new int[tokens];
            }

            // Open addressing at most half full; only the part this input uses is cleared.
            var size = 64;
            while (size < 2 * tokens)
            {
                size *= 2;
            }

            if (_buckets.Length < size)
            {
                _buckets = new int[size];
            }

            _buckets.AsSpan(0, size).Clear();
            _mask = size - 1;
        }

        /// <summary>Adds a token's contribution to its word's sum, the same float additions in the same order as before.</summary>
        public void AddToWord(string token, int index, float contribution)
        {
            var hash = 2166136261u;
            foreach (var c in token)
            {
                hash = (hash ^ c) * 16777619u;
            }

            var bucket = (int)(hash & (uint)_mask);
            while (_buckets[bucket] != 0)
            {
                var w = _buckets[bucket] - 1;
                if (string.Equals(WordTexts[w], token, StringComparison.Ordinal))
                {
                    WordSums[w] += contribution;
                    return;
                }

                bucket = (bucket + 1) & _mask;
            }

            WordTexts[WordCount] = token;
            WordSums[WordCount] = 0f + contribution;
            WordFirstTokens[WordCount] = index;
            _buckets[bucket] = ++WordCount;
        }
    }
}
