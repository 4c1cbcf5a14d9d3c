using Engagement.Ml.Features;

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

    public static IReadOnlyList<string> Explain(FeaturizedInput featurized, float[] weights, bool relational) =>
        ExplainWithContributions(featurized, weights, relational).Select(s => s.Phrase).ToList();

    /// <summary>The signals with their summed contributions, positive meaning "toward the predicted label".</summary>
    public static IReadOnlyList<(string Phrase, float Contribution)> ExplainWithContributions(FeaturizedInput featurized, float[] weights, bool relational)
    {
        var direction = relational ? 1f : -1f;
        var byPhrase = new Dictionary<string, float>(StringComparer.Ordinal);
        var words = new Dictionary<string, float>(StringComparer.Ordinal);
        var kind = StructuralFeatures.NormalizeKind(featurized.Input.Kind);

        for (var s = 0; s < StructuralFeatures.Count; s++)
        {
            var value = featurized.Structural[s];
            var signal = StructuralFeatures.Slots[s].Signal;
            if (value != 0 && signal != Signal.None)
            {
                Add(byPhrase, Phrase(signal, kind), weights[s] * value * direction);
            }
        }

        var tokens = featurized.Text.Tokens;
        foreach (var occurrence in featurized.Occurrences)
        {
            var contribution = weights[occurrence.Slot] * featurized.Scale(occurrence) * direction;
            if (occurrence.Block == Block.StructuralContext)
            {
                var signal = StructuralFeatures.Slots[occurrence.OtherToken].Signal;
                if (signal != Signal.None)
                {
                    Add(byPhrase, Phrase(signal, kind), contribution);
                }
            }
            else if (occurrence.OtherToken >= 0)
            {
                Credit(tokens[occurrence.Token], contribution / 2);
                Credit(tokens[occurrence.OtherToken], contribution / 2);
            }
            else
            {
                Credit(tokens[occurrence.Token], contribution);
            }
        }

        var ranked = byPhrase
            .Select(kv => (Phrase: kv.Key, Value: kv.Value, IsWord: false))
            .Concat(words.Select(kv => (Phrase: kv.Key, Value: kv.Value, IsWord: true)))
            .Where(x => x.Value > 0)
            .OrderByDescending(x => x.Value)
            .ToList();
        if (ranked.Count == 0)
        {
            return [];
        }

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

        void Credit(string token, float contribution)
        {
            var signal = SignalPhrases.ForToken(token);
            if (signal == Signal.Word)
            {
                // Function words ("and", "di") can carry weight but tell a person nothing; they are not quoted.
                if (token.Length < 4)
                {
                    return;
                }

                Add(words, token, contribution);
            }
            else if (signal != Signal.None)
            {
                Add(byPhrase, Phrase(signal, kind), contribution);
            }
        }
    }

    private static string Phrase(Signal signal, string? kind) =>
        signal == Signal.Question && kind != "post"
            ? "asks a question"
            : SignalPhrases.Phrase(signal)!;

    private static void Add(Dictionary<string, float> totals, string key, float value) =>
        totals[key] = totals.GetValueOrDefault(key) + value;
}
