using Engagement.Ml.Corpus;
using Engagement.Ml.Vocabulary;

namespace Engagement.Ml.Training;

/// <summary>Quality of one model on one set of items: overall, per language, per kind and on brand posts.</summary>
public sealed record ModelMetrics(
    int Count,
    double MacroF1,
    double F1Relational,
    double F1Broadcast,
    double Accuracy,
    double Auc,
    double ExpectedCalibrationError,
    SliceMetrics BrandPosts,
    IReadOnlyDictionary<string, SliceMetrics> PerLanguage,
    IReadOnlyDictionary<string, SliceMetrics> PerKind)
{
    /// <summary>Macro-F1 in 0..1, the threshold is 0.5 on the calibrated relational probability.</summary>
    public static ModelMetrics Compute(IReadOnlyList<LabelledItem> items, IReadOnlyList<float> probabilities)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(items.Count, probabilities.Count);
        var all = Enumerable.Range(0, items.Count).ToArray();
        var (macro, f1Rel, f1Broad, accuracy) = Confusion(items, probabilities, all);
        var brandPosts = all.Where(i => items[i].AuthorIsBrand == true && items[i].Kind == InteractionKind.Post).ToArray();
        return new ModelMetrics(
            items.Count,
            macro,
            f1Rel,
            f1Broad,
            accuracy,
            RocAuc(items, probabilities, all),
            Ece(items, probabilities, all),
            Slice(items, probabilities, brandPosts),
            Slices(items, probabilities, i => items[i].Language?.ToLowerInvariant() ?? "unknown"),
            Slices(items, probabilities, i => items[i].Kind.Name()));
    }

    private static Dictionary<string, SliceMetrics> Slices(IReadOnlyList<LabelledItem> items, IReadOnlyList<float> probabilities, Func<int, string> key) =>
        Enumerable.Range(0, items.Count)
            .GroupBy(key)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => Slice(items, probabilities, g.ToArray()), StringComparer.Ordinal);

    private static SliceMetrics Slice(IReadOnlyList<LabelledItem> items, IReadOnlyList<float> probabilities, int[] indices)
    {
        var (macro, _, _, accuracy) = Confusion(items, probabilities, indices);
        return new SliceMetrics(indices.Length, indices.Count(i => items[i].IsRelational), macro, accuracy);
    }

    private static (double Macro, double F1Relational, double F1Broadcast, double Accuracy) Confusion(
        IReadOnlyList<LabelledItem> items, IReadOnlyList<float> probabilities, int[] indices)
    {
        if (indices.Length == 0)
        {
            return (0, 0, 0, 0);
        }

        int tp = 0, fp = 0, tn = 0, fn = 0;
        foreach (var i in indices)
        {
            var predicted = probabilities[i] >= 0.5f;
            (tp, fp, tn, fn) = (predicted, items[i].IsRelational) switch
            {
                (true, true) => (tp + 1, fp, tn, fn),
                (true, false) => (tp, fp + 1, tn, fn),
                (false, false) => (tp, fp, tn + 1, fn),
                _ => (tp, fp, tn, fn + 1),
            };
        }

        var f1Rel = F1(tp, fp, fn);
        var f1Broad = F1(tn, fn, fp);
        // A slice with one class only (say, customer DMs) has no F1 for the absent class; macro-F1 there is the present class's F1.
        var hasRel = tp + fn > 0;
        var hasBroad = tn + fp > 0;
        var macro = hasRel && hasBroad ? (f1Rel + f1Broad) / 2 : hasRel ? f1Rel : f1Broad;
        return (macro, f1Rel, f1Broad, (double)(tp + tn) / indices.Length);
    }

    private static double F1(int tp, int fp, int fn) => tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);

    /// <summary>Area under the ROC curve by the rank statistic, ties counted half.</summary>
    private static double RocAuc(IReadOnlyList<LabelledItem> items, IReadOnlyList<float> probabilities, int[] indices)
    {
        var ordered = indices.OrderBy(i => probabilities[i]).ToArray();
        var positives = ordered.Count(i => items[i].IsRelational);
        var negatives = ordered.Length - positives;
        if (positives == 0 || negatives == 0)
        {
            return double.NaN;
        }

        double rankSum = 0;
        var k = 0;
        while (k < ordered.Length)
        {
            var end = k;
            while (end + 1 < ordered.Length && probabilities[ordered[end + 1]] == probabilities[ordered[k]])
            {
                end++;
            }

            var averageRank = (k + end) / 2.0 + 1;
            for (var j = k; j <= end; j++)
            {
                if (items[ordered[j]].IsRelational)
                {
                    rankSum += averageRank;
                }
            }

            k = end + 1;
        }

        return (rankSum - positives * (positives + 1) / 2.0) / ((double)positives * negatives);
    }

    /// <summary>Expected calibration error over 10 equal-width bins of the relational probability.</summary>
    private static double Ece(IReadOnlyList<LabelledItem> items, IReadOnlyList<float> probabilities, int[] indices)
    {
        const int bins = 10;
        var count = new int[bins];
        var confidence = new double[bins];
        var positives = new double[bins];
        foreach (var i in indices)
        {
            var bin = Math.Min(bins - 1, (int)(probabilities[i] * bins));
            count[bin]++;
            confidence[bin] += probabilities[i];
            positives[bin] += items[i].IsRelational ? 1 : 0;
        }

        var ece = 0.0;
        for (var b = 0; b < bins; b++)
        {
            if (count[b] > 0)
            {
                ece += (double)count[b] / indices.Length * Math.Abs(positives[b] / count[b] - confidence[b] / count[b]);
            }
        }

        return ece;
    }
}

/// <summary>Quality on one slice of the items (a language, a kind, brand posts).</summary>
public sealed record SliceMetrics(int Count, int Relational, double MacroF1, double Accuracy);

/// <summary>The same model measured with all metadata and with the text alone.</summary>
public sealed record ModelEvaluation(ModelMetrics Full, ModelMetrics TextOnly);
