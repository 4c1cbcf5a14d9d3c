using Engagement.Ml.Features;
using Engagement.Ml.Vocabulary;

namespace Engagement.Ml;

/// <summary>Names the strongest reasons behind one prediction from the linear model's own contributions.</summary>
/// <remarks>
/// A contribution is weight × value for each active feature slot. Structural slots carry their phrase; each
/// n-gram slot is credited to the token(s) of this input that produced it, and a token is named by its cue family
/// ("sconto" → "discount or promo") or, when it has none, quoted as wording. Only contributions that push toward
/// the predicted label are kept, so the signals always argue for the answer given.
/// </remarks>
internal static class SignalExplainer
{
    public const int MaxSignals = 4;

    // Reasons much weaker than the strongest read as noise to a person; a fifth of the top keeps the list honest.
    private const float RelativeFloor = 0.2f;

    private static readonly int SignalCount = Enum.GetValues<Signal>().Length;

    public static IReadOnlyList<string> Explain(FeaturizedInput featurized, float[] weights, bool relational) =>
        ExplainWithContributions(featurized, weights, relational).Select(s => s.Phrase).ToList();

    /// <summary>The signals with their summed contributions, positive meaning "toward the predicted label".</summary>
    public static IReadOnlyList<(string Phrase, float Contribution)> ExplainWithContributions(FeaturizedInput featurized, float[] weights, bool relational)
    {
        var direction = relational ? 1f : -1f;
        var bySignal = new float[SignalCount];
        var kind = featurized.Input.Kind;

        for (var s = 0; s < StructuralFeatures.Count; s++)
        {
            var value = featurized.Structural[s];
            if (value != 0)
            {
                bySignal[(int)StructuralFeatures.Slots[s].Signal] += weights[s] * value * direction;
            }
        }

        // Credit n-gram contributions to tokens first, then name each token once: naming is the costly part.
        var tokens = featurized.Text.Tokens;
        var byToken = new float[tokens.Count];
        foreach (var occurrence in featurized.Occurrences)
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

        Dictionary<string, float>? words = null;
        for (var i = 0; i < tokens.Count; i++)
        {
            var signal = SignalPhrases.ForToken(tokens[i]);
            if (signal != Signal.Word)
            {
                bySignal[(int)signal] += byToken[i];
            }
            else if (tokens[i].Length >= 4)
            {
                // Function words ("and", "di") can carry weight but tell a person nothing; they are not quoted.
                words ??= new Dictionary<string, float>(StringComparer.Ordinal);
                words[tokens[i]] = words.GetValueOrDefault(tokens[i]) + byToken[i];
            }
        }

        // On a brand's post "written by the brand" and "brand's own post" say the same thing; keep one.
        if (bySignal[(int)Signal.BrandPost] != 0)
        {
            bySignal[(int)Signal.BrandPost] += bySignal[(int)Signal.BrandAuthor];
            bySignal[(int)Signal.BrandAuthor] = 0;
        }

        var ranked = new List<(string Phrase, float Value, bool IsWord)>();
        for (var signal = 0; signal < SignalCount; signal++)
        {
            if (bySignal[signal] > 0 && (Signal)signal is not (Signal.None or Signal.Word))
            {
                ranked.Add((Phrase((Signal)signal, kind), bySignal[signal], false));
            }
        }

        if (words is not null)
        {
            foreach (var (word, value) in words)
            {
                if (value > 0)
                {
                    ranked.Add((word, value, true));
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
        foreach (var (phrase, value, isWord) in ranked)
        {
            if (value < floor)
            {
                break;
            }

            if (!isWord)
            {
                if (signals.Count < MaxSignals)
                {
                    signals.Add((phrase, value));
                }
            }
            else if (wordSlot >= 0)
            {
                // Plain words share one "wording" reason, so they do not crowd out named cues.
                if (quoted.Count < 3)
                {
                    quoted.Add(phrase);
                    quotedTotal += value;
                }
            }
            else if (signals.Count < MaxSignals)
            {
                wordSlot = signals.Count;
                signals.Add((string.Empty, 0));
                quoted.Add(phrase);
                quotedTotal += value;
            }
        }

        if (wordSlot >= 0)
        {
            signals[wordSlot] = ("wording: " + string.Join(", ", quoted.Select(w => "\"" + w + "\"")), quotedTotal);
        }

        return signals;
    }

    private static string Phrase(Signal signal, InteractionKind kind) =>
        signal == Signal.Question && kind != InteractionKind.Post
            ? "asks a question"
            : SignalPhrases.Phrase(signal)!;
}
