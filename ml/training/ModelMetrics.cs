using System.Text.Json.Serialization;
using Engagement.Ml.Corpus;
using Engagement.Ml.Vocabulary;

namespace Engagement.Ml.Training;

/// <summary>Quality of one model on one set of items: overall and per slice (language, kind, author, channel, feed slice, category).</summary>
/// <param name="Count">Items measured.</param>
/// <param name="Weighted">Whether the items were weighted to real-feed priors (<see cref="RealFeedPriors"/>) rather than counted as they are.</param>
/// <param name="Slices">Per dimension (<c>language</c>, <c>kind</c>, <c>author</c>, <c>channel</c>, <c>feed</c>, <c>category</c>), per value.</param>
public sealed record ModelMetrics(
    int Count,
    bool Weighted,
    double MacroF1,
    double F1Relational,
    double F1Broadcast,
    double Accuracy,
    double Auc,
    double ExpectedCalibrationError,
    SliceMetrics BrandPosts,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, SliceMetrics>> Slices)
{
    /// <summary>The dimensions of <see cref="Slices"/>, in the order reports show them.</summary>
    public static IReadOnlyList<string> Dimensions { get; } = ["language", "kind", "author", "channel", "feed", "category"];

    [JsonIgnore]
    public IReadOnlyDictionary<string, SliceMetrics> PerLanguage => Slices["language"];

    [JsonIgnore]
    public IReadOnlyDictionary<string, SliceMetrics> PerKind => Slices["kind"];

    /// <summary>
    /// Macro-F1 in 0..1 at 0.5 on the calibrated relational probability; with <paramref name="weights"/> every count is a
    /// sum of weights, so a weighted set is measured as if it had the proportions the weights give it.
    /// </summary>
    public static ModelMetrics Compute(IReadOnlyList<LabelledItem> items, IReadOnlyList<float> probabilities, IReadOnlyList<float>? weights = null)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(probabilities);
        ArgumentOutOfRangeException.ThrowIfNotEqual(items.Count, probabilities.Count);
        if (weights is not null)
        {
            ArgumentOutOfRangeException.ThrowIfNotEqual(items.Count, weights.Count);
        }

        var set = new Scored(items, probabilities, weights ?? Enumerable.Repeat(1f, items.Count).ToArray());
        var all = Enumerable.Range(0, items.Count).ToArray();
        var (macro, f1Rel, f1Broad, accuracy) = set.Confusion(all);
        var brandPosts = all.Where(i => items[i].AuthorIsBrand == true && items[i].Kind == InteractionKind.Post).ToArray();
        var slices = new Dictionary<string, IReadOnlyDictionary<string, SliceMetrics>>(StringComparer.Ordinal)
        {
            ["language"] = set.Slices(i => items[i].Language?.ToLowerInvariant() ?? "unknown"),
            ["kind"] = set.Slices(i => items[i].Kind.Name()),
            ["author"] = set.Slices(i => items[i].AuthorIsBrand switch { true => "brand", false => "person", null => "unknown" }),
            ["channel"] = set.Slices(i => items[i].Channel?.ToString() ?? "unknown"),
            ["feed"] = set.Slices(i => RealFeedPriors.SliceOf(items[i]).ToString()),
            ["category"] = set.Slices(i => items[i].Category ?? "none"),
        };
        return new ModelMetrics(
            items.Count,
            weights is not null,
            macro,
            f1Rel,
            f1Broad,
            accuracy,
            set.RocAuc(all),
            set.Ece(all),
            set.Slice(brandPosts),
            slices);
    }

    private sealed record Scored(IReadOnlyList<LabelledItem> Items, IReadOnlyList<float> Probabilities, IReadOnlyList<float> Weights)
    {
        public Dictionary<string, SliceMetrics> Slices(Func<int, string> key) =>
            Enumerable.Range(0, Items.Count)
                .GroupBy(key)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => Slice(g.ToArray()), StringComparer.Ordinal);

        public SliceMetrics Slice(int[] indices)
        {
            var (macro, _, _, accuracy) = Confusion(indices);
            return new SliceMetrics(indices.Length, indices.Count(i => Items[i].IsRelational), macro, accuracy, Ece(indices));
        }

        public (double Macro, double F1Relational, double F1Broadcast, double Accuracy) Confusion(int[] indices)
        {
            if (indices.Length == 0)
            {
                return (0, 0, 0, 0);
            }

            double tp = 0, fp = 0, tn = 0, fn = 0;
            foreach (var i in indices)
            {
                var w = Weights[i];
                var predicted = Probabilities[i] >= 0.5f;
                switch (predicted, Items[i].IsRelational)
                {
                    case (true, true): tp += w; break;
                    case (true, false): fp += w; break;
                    case (false, false): tn += w; break;
                    default: fn += w; break;
                }
            }

            var f1Rel = F1(tp, fp, fn);
            var f1Broad = F1(tn, fn, fp);
            // A slice with one class only (say, customer DMs) has no F1 for the absent class; macro-F1 there is the present class's F1.
            var hasRel = tp + fn > 0;
            var hasBroad = tn + fp > 0;
            var macro = hasRel && hasBroad ? (f1Rel + f1Broad) / 2 : hasRel ? f1Rel : f1Broad;
            var total = tp + tn + fp + fn;
            return (macro, f1Rel, f1Broad, total == 0 ? 0 : (tp + tn) / total);
        }

        /// <summary>Area under the ROC curve by the (weighted) rank statistic, ties counted half.</summary>
        public double RocAuc(int[] indices)
        {
            var ordered = indices.OrderBy(i => Probabilities[i]).ToArray();
            var positives = ordered.Where(i => Items[i].IsRelational).Sum(i => (double)Weights[i]);
            var negatives = ordered.Where(i => !Items[i].IsRelational).Sum(i => (double)Weights[i]);
            if (positives == 0 || negatives == 0)
            {
                return double.NaN;
            }

            // For each positive, the weight of negatives scored below it, plus half the weight of those tied with it.
            double below = 0, pairs = 0;
            var k = 0;
            while (k < ordered.Length)
            {
                var end = k;
                while (end + 1 < ordered.Length && Probabilities[ordered[end + 1]] == Probabilities[ordered[k]])
                {
                    end++;
                }

                double tiedNegatives = 0, tiedPositives = 0;
                for (var j = k; j <= end; j++)
                {
                    if (Items[ordered[j]].IsRelational)
                    {
                        tiedPositives += Weights[ordered[j]];
                    }
                    else
                    {
                        tiedNegatives += Weights[ordered[j]];
                    }
                }

                pairs += tiedPositives * (below + tiedNegatives / 2);
                below += tiedNegatives;
                k = end + 1;
            }

            return pairs / (positives * negatives);
        }

        /// <summary>Expected calibration error over 10 equal-width bins of the relational probability.</summary>
        public double Ece(int[] indices)
        {
            const int bins = 10;
            var weight = new double[bins];
            var confidence = new double[bins];
            var positives = new double[bins];
            double total = 0;
            foreach (var i in indices)
            {
                var bin = Math.Min(bins - 1, (int)(Probabilities[i] * bins));
                var w = Weights[i];
                weight[bin] += w;
                confidence[bin] += w * Probabilities[i];
                positives[bin] += Items[i].IsRelational ? w : 0;
                total += w;
            }

            var ece = 0.0;
            for (var b = 0; b < bins; b++)
            {
                if (weight[b] > 0)
                {
                    ece += weight[b] / total * Math.Abs(positives[b] / weight[b] - confidence[b] / weight[b]);
                }
            }

            return ece;
        }

        private static double F1(double tp, double fp, double fn) => tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
    }
}

/// <summary>Quality on one slice of the items (a language, a kind, brand posts...): macro-F1, accuracy and calibration error.</summary>
public sealed record SliceMetrics(int Count, int Relational, double MacroF1, double Accuracy, double ExpectedCalibrationError);

/// <summary>A model measured on one set with all metadata and with the text alone, and the structural rule on the same items.</summary>
/// <param name="Rule">"Brand post → broadcast, anything else → relational" (<see cref="StructuralRule"/>), which needs the metadata.</param>
public sealed record ModelEvaluation(ModelMetrics Full, ModelMetrics TextOnly, ModelMetrics Rule);
