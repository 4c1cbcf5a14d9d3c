using System.Buffers;
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

    private static readonly int SignalCount = Enum.GetValues<Signal>().Length;

    // Function words say nothing to a person even when they carry weight; cue words the rules did not count here
    // ("when" outside a question) are not quoted either, or they would be cited out of context.
    private static readonly HashSet<string> Unquotable = BuildUnquotable();

    private static readonly SearchValues<char> QuoteBreakers = SearchValues.Create("\n\r\t;\"");

    [ThreadStatic]
    private static string? _rawWordsText;

    [ThreadStatic]
    private static List<(int Start, int Length)>? _rawWords;

    public static IReadOnlyList<string> Explain(FeaturizedInput featurized, float[] weights, bool relational)
    {
        var explained = ExplainWithContributions(featurized, weights, relational);
        if (explained.Count == 0)
        {
            return [];
        }

        var phrases = new string[explained.Count];
        for (var i = 0; i < phrases.Length; i++)
        {
            phrases[i] = explained[i].Phrase;
        }

        return phrases;
    }

    /// <summary>The signals with their summed contributions, positive meaning "toward the predicted label".</summary>
    public static IReadOnlyList<(string Phrase, float Contribution)> ExplainWithContributions(FeaturizedInput featurized, float[] weights, bool relational)
    {
        var direction = relational ? 1f : -1f;
        Span<float> bySignal = stackalloc float[SignalCount];
        // For each family, the token whose n-grams pushed it hardest: the words to quote.
        Span<int> bestToken = stackalloc int[SignalCount];
        Span<float> bestTokenValue = stackalloc float[SignalCount];
        bestToken.Fill(-1);

        for (var s = 0; s < StructuralFeatures.Count; s++)
        {
            var value = featurized.Structural[s];
            if (value != 0)
            {
                bySignal[(int)StructuralFeatures.Slots[s].Signal] += weights[s] * value * direction;
            }
        }

        // Credit n-gram contributions to tokens first, then name each token once: naming is the costly part.
        var text = featurized.Text;
        var tokens = text.Tokens;
        Span<float> byToken = tokens.Count <= 512 ? stackalloc float[tokens.Count] : new float[tokens.Count];
        foreach (var occurrence in featurized.Occurrences.AsSpan())
        {
            var contribution = weights[occurrence.Slot] * featurized.Scale(occurrence) * direction;
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

        Dictionary<string, (float Value, int Token)>? words = null;
        var sentence = 0;
        for (var i = 0; i < tokens.Count; i++)
        {
            while (sentence < text.Sentences.Count && text.Sentences[sentence].End <= i)
            {
                sentence++;
            }

            var inQuestion = sentence < text.Sentences.Count && text.Sentences[sentence].IsQuestion;
            var signal = SignalPhrases.ForToken(tokens[i], featurized.Cues.FamilyOf(i), inQuestion);
            if (signal is Signal.Word)
            {
                if (tokens[i].Length >= 4 && !Unquotable.Contains(tokens[i]))
                {
                    words ??= new Dictionary<string, (float, int)>(StringComparer.Ordinal);
                    var (sum, first) = words.GetValueOrDefault(tokens[i], (0f, i));
                    words[tokens[i]] = (sum + byToken[i], first);
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

        // Words carry the token they were first seen at; they are quoted as written only once chosen, since quoting reads
        // the raw text again.
        var ranked = new List<(Signal Signal, int Token, float Value)>();
        for (var signal = 0; signal < SignalCount; signal++)
        {
            if (bySignal[signal] > 0 && (Signal)signal is not (Signal.None or Signal.Word))
            {
                ranked.Add(((Signal)signal, bestToken[signal], bySignal[signal]));
            }
        }

        if (words is not null)
        {
            foreach (var (_, (value, token)) in words)
            {
                if (value > 0)
                {
                    ranked.Add((Signal.Word, token, value));
                }
            }
        }

        if (ranked.Count == 0)
        {
            return [];
        }

        ranked.Sort((a, b) => b.Value.CompareTo(a.Value));
        var floor = ranked[0].Value * RelativeFloor;
        var signals = new List<(string Phrase, float Contribution)>(MaxSignals);
        var quoted = new List<string>();
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
                if (signals.Count < MaxSignals)
                {
                    signals.Add((Describe(featurized, signal, token), value));
                }
            }
            else if (wordSlot >= 0)
            {
                // Plain words share one "wording" reason, so they do not crowd out named cues.
                if (quoted.Count < 3)
                {
                    quoted.Add(Quote(featurized, token, token + 1) ?? tokens[token]);
                    quotedTotal += value;
                }
            }
            else if (signals.Count < MaxSignals)
            {
                wordSlot = signals.Count;
                signals.Add((string.Empty, 0));
                quoted.Add(Quote(featurized, token, token + 1) ?? tokens[token]);
                quotedTotal += value;
            }
        }

        if (wordSlot >= 0)
        {
            signals[wordSlot] = ("wording: " + string.Join(", ", quoted.Select(w => "\"" + w + "\"")), quotedTotal);
        }

        return signals;
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
        foreach (var span in cues.Spans)
        {
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

        return index < text.Codes.Count ? text.Codes[index] : text.Codes.FirstOrDefault();
    }

    /// <summary>The opening words of the question sentence holding <paramref name="token"/>, or of the first question.</summary>
    private static string? QuestionQuote(FeaturizedInput featurized, int token)
    {
        var text = featurized.Text;
        var sentence = token >= 0 && text.SentenceOf(token) is { IsQuestion: true } holding
            ? holding
            : text.Sentences.FirstOrDefault(s => s.IsQuestion);
        return sentence.IsQuestion ? Quote(featurized, sentence.Start, sentence.End) : null;
    }

    /// <summary>
    /// The raw words that tokens <paramref name="start"/> to <paramref name="end"/> came from, as the author wrote them
    /// (case, accents), at most <see cref="MaxQuotedWords"/> words with "…" when cut; null when they hold no word.
    /// </summary>
    internal static string? Quote(FeaturizedInput featurized, int start, int end)
    {
        var tokens = featurized.Text.Tokens;
        var wanted = new List<string>();
        var cut = false;
        for (var t = start; t < end; t++)
        {
            if (IsWord(tokens[t]))
            {
                if (wanted.Count == MaxQuotedWords)
                {
                    cut = true;
                    break;
                }

                wanted.Add(tokens[t]);
            }
        }

        if (wanted.Count == 0)
        {
            return null;
        }

        // Which occurrence of the first word this is, counting the same word earlier in the tokens.
        var occurrence = 0;
        for (var t = 0; t < start; t++)
        {
            occurrence += tokens[t] == wanted[0] ? 1 : 0;
        }

        var raw = featurized.Input.Text;
        var rawWords = RawWordsOf(raw);
        var from = -1;
        for (var r = 0; r < rawWords.Count; r++)
        {
            if (FoldsTo(raw.AsSpan(rawWords[r].Start, rawWords[r].Length), wanted[0]) && occurrence-- == 0)
            {
                from = r;
                break;
            }
        }

        string quote;
        if (from < 0)
        {
            quote = string.Join(' ', wanted);
        }
        else
        {
            // Follow the remaining words in order; raw words without a token (inside links, handles) are skipped.
            var last = from;
            var next = 1;
            for (var r = from + 1; r < rawWords.Count && next < wanted.Count && r <= last + 4; r++)
            {
                if (FoldsTo(raw.AsSpan(rawWords[r].Start, rawWords[r].Length), wanted[next]))
                {
                    last = r;
                    next++;
                }
            }

            quote = raw[rawWords[from].Start..(rawWords[last].Start + rawWords[last].Length)];
            cut |= next < wanted.Count;
        }

        // Signals are stored joined by "; " and shown in quotes: neither may appear inside one. Most quotes are words
        // with single spaces, which need no rewriting.
        if (quote.AsSpan().IndexOfAny(QuoteBreakers) >= 0 || quote.Contains("  ", StringComparison.Ordinal))
        {
            quote = string.Join(' ', quote.Split([' ', '\n', '\r', '\t', ';', '"'], StringSplitOptions.RemoveEmptyEntries));
        }

        return cut ? quote + "…" : quote;
    }

    private static bool IsWord(string token) =>
        token.Length > 0 && char.IsLetterOrDigit(token[0]) && !TextNormalizer.Placeholders.Contains(token);

    /// <summary>
    /// The words of <paramref name="raw"/>, found once per text and thread: an explanation quotes up to four cues of
    /// one text, and scanning it again for each was most of the cost of quoting.
    /// </summary>
    private static List<(int Start, int Length)> RawWordsOf(string raw)
    {
        if (!ReferenceEquals(_rawWordsText, raw) || _rawWords is null)
        {
            _rawWords = RawWords(raw, _rawWords ?? []);
            _rawWordsText = raw;
        }

        return _rawWords;
    }

    private static List<(int Start, int Length)> RawWords(string raw, List<(int Start, int Length)> words)
    {
        words.Clear();
        var start = -1;
        for (var i = 0; i <= raw.Length; i++)
        {
            var inWord = i < raw.Length && (char.IsLetterOrDigit(raw[i]) || char.GetUnicodeCategory(raw[i]) == System.Globalization.UnicodeCategory.NonSpacingMark);
            if (inWord && start < 0)
            {
                start = i;
            }
            else if (!inWord && start >= 0)
            {
                words.Add((start, i - start));
                start = -1;
            }
        }

        return words;
    }

    /// <summary>Whether a raw word normalises to <paramref name="token"/>; ASCII words are folded here without allocating.</summary>
    private static bool FoldsTo(ReadOnlySpan<char> word, string token)
    {
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
}
