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
