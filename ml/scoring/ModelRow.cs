using Engagement.Ml.Features;
using Microsoft.ML.Data;

namespace Engagement.Ml;

/// <summary>The row ML.NET scores: the featurised vector (training adds the label and the example weight).</summary>
internal sealed class ModelRow
{
    [VectorType(Featurizer.Dimension)]
    public VBuffer<float> Features { get; set; }

    public static ModelRow From(FeaturizedInput featurized) => new()
    {
        Features = new VBuffer<float>(Featurizer.Dimension, featurized.Indices.Length, featurized.Values, featurized.Indices),
    };
}

/// <summary>What the scoring engine hands back: the raw margin, calibrated afterwards by the shipped Platt parameters.</summary>
internal sealed class ScoreRow
{
    public float Score { get; set; }
}
