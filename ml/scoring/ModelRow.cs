using Engagement.Ml.Features;
using Microsoft.ML.Data;

namespace Engagement.Ml;

/// <summary>The row ML.NET trains and scores on: the featurised vector and, in training, the label.</summary>
internal sealed class ModelRow
{
    public bool Label { get; set; }

    [VectorType(Featurizer.Dimension)]
    public VBuffer<float> Features { get; set; }

    public static ModelRow From(FeaturizedInput featurized, bool label = false) => new()
    {
        Label = label,
        Features = new VBuffer<float>(Featurizer.Dimension, featurized.Indices.Length, featurized.Values, featurized.Indices),
    };
}

/// <summary>What the scoring engine hands back: the raw margin, calibrated afterwards by the shipped Platt parameters.</summary>
internal sealed class ScoreRow
{
    public float Score { get; set; }
}
