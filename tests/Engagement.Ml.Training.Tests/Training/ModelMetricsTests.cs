using Engagement.Ml.Corpus;
using Engagement.Ml.Training;
using Engagement.Ml.Vocabulary;

namespace Engagement.Ml.Training.Tests.Training;

public sealed class ModelMetricsTests
{
    [Fact]
    public void MacroF1AucAndCalibrationErrorFollowTheirDefinitions()
    {
        // Two relational, two broadcast; one broadcast is called relational.
        LabelledItem[] items =
        [
            new("1", "g", "a", true, InteractionKind.Post, Language: "it"),
            new("2", "g", "b", true, InteractionKind.Reply, Language: "it"),
            new("3", "g", "c", false, InteractionKind.Post, Language: "en"),
            new("4", "g", "d", false, InteractionKind.Post, Language: "en"),
        ];
        float[] probabilities = [0.9f, 0.8f, 0.6f, 0.1f];

        var metrics = ModelMetrics.Compute(items, probabilities);

        // Relational: P = 2/3, R = 1 → F1 0.8; broadcast: P = 1, R = 1/2 → F1 2/3.
        Assert.Equal(0.8, metrics.F1Relational, 6);
        Assert.Equal(2.0 / 3, metrics.F1Broadcast, 6);
        Assert.Equal((0.8 + 2.0 / 3) / 2, metrics.MacroF1, 6);
        Assert.Equal(1.0, metrics.Auc, 6);
        // Bins: 0.1 → |0 - 0.1|, 0.6 → |0 - 0.6|, 0.8 → |1 - 0.8|, 0.9 → |1 - 0.9|, each weighted 1/4.
        Assert.Equal((0.1 + 0.6 + 0.2 + 0.1) / 4, metrics.ExpectedCalibrationError, 5);
        Assert.Equal(2, metrics.PerLanguage["it"].Count);
        Assert.Equal(3, metrics.PerKind["post"].Count);
        Assert.Equal(ModelMetrics.Dimensions.Order(StringComparer.Ordinal), metrics.Slices.Keys.Order(StringComparer.Ordinal));
        // English: 0.6 and 0.1, both broadcast: |0 - 0.6| and |0 - 0.1|, each weighted 1/2.
        Assert.Equal(0.35, metrics.PerLanguage["en"].ExpectedCalibrationError, 5);
    }

    [Fact]
    public void WeightsCountAsCopiesOfTheirItems()
    {
        LabelledItem[] items =
        [
            new("1", "g", "a", true, InteractionKind.Post, AuthorIsBrand: true),
            new("2", "g", "b", false, InteractionKind.Post, AuthorIsBrand: true),
            new("3", "g", "c", false, InteractionKind.Post, AuthorIsBrand: true),
        ];
        float[] probabilities = [0.9f, 0.6f, 0.2f];

        var weighted = ModelMetrics.Compute(items, probabilities, [1f, 3f, 1f]);
        var copied = ModelMetrics.Compute([items[0], items[1], items[1], items[1], items[2]], [0.9f, 0.6f, 0.6f, 0.6f, 0.2f]);

        Assert.True(weighted.Weighted);
        Assert.Equal(copied.MacroF1, weighted.MacroF1, 6);
        Assert.Equal(copied.Accuracy, weighted.Accuracy, 6);
        Assert.Equal(copied.Auc, weighted.Auc, 6);
        Assert.Equal(copied.ExpectedCalibrationError, weighted.ExpectedCalibrationError, 6);
        Assert.Equal(copied.BrandPosts.MacroF1, weighted.BrandPosts.MacroF1, 6);
    }

    [Fact]
    public void TheStructuralRuleCallsBrandPostsBroadcastAndEverythingElseRelational()
    {
        Assert.False(StructuralRule.IsRelational(new LabelledItem("1", "g", "a", true, InteractionKind.Post, AuthorIsBrand: true)));
        Assert.True(StructuralRule.IsRelational(new LabelledItem("2", "g", "b", false, InteractionKind.Reply, AuthorIsBrand: true)));
        Assert.True(StructuralRule.IsRelational(new LabelledItem("3", "g", "c", false, InteractionKind.Post, AuthorIsBrand: false)));
        Assert.True(StructuralRule.IsRelational(new LabelledItem("4", "g", "d", false)));
    }

    [Fact]
    public void AWeightedPlattFitEqualsAFitOnRepeatedPoints()
    {
        float[] scores = [-2, -1, -0.5f, 0.5f, 1, 2, 0.2f, -0.2f];
        bool[] labels = [false, false, true, true, true, true, false, true];
        float[] weights = [1, 2, 1, 1, 3, 1, 2, 1];

        var weighted = PlattFit.Fit(scores, labels, weights);
        var repeated = PlattFit.Fit(
            scores.SelectMany((s, i) => Enumerable.Repeat(s, (int)weights[i])).ToList(),
            labels.SelectMany((l, i) => Enumerable.Repeat(l, (int)weights[i])).ToList());

        Assert.Equal(repeated.A, weighted.A, 4);
        Assert.Equal(repeated.B, weighted.B, 4);
    }

    [Fact]
    public void PlattCalibrationRecoversAKnownSigmoid()
    {
        var random = new Random(1);
        var scores = new List<float>();
        var labels = new List<bool>();
        for (var i = 0; i < 20000; i++)
        {
            var score = (float)(random.NextDouble() * 8 - 4);
            scores.Add(score);
            labels.Add(random.NextDouble() < 1 / (1 + Math.Exp(-2 * score + 0.5)));
        }

        var platt = PlattFit.Fit(scores, labels);

        Assert.Equal(-2, platt.A, 0.15);
        Assert.Equal(0.5, platt.B, 0.15);
    }
}
