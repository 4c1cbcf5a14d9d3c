using Engagement.Ml.Corpus;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Engagement.Ml.Training;

/// <summary>
/// The bare pipeline the model card and the benchmarks compare with: ML.NET's default text featuriser and SDCA, text
/// only, trained on the same training brands as the shipped model.
/// </summary>
public static class Baseline
{
    public static ITransformer Train(MLContext ml, IEnumerable<LabelledItem> items)
    {
        ArgumentNullException.ThrowIfNull(ml);
        var rows = items.Select(i => new BaselineRow { Text = i.Text, Label = i.IsRelational }).ToList();
        var pipeline = ml.Transforms.Text.FeaturizeText("Features", nameof(BaselineRow.Text))
            .Append(ml.BinaryClassification.Trainers.SdcaLogisticRegression());
        return pipeline.Fit(ml.Data.LoadFromEnumerable(rows));
    }

    /// <summary>The baseline's quality on the held-out brands of a corpus folder, the items the shipped model's gate uses.</summary>
    public static ModelMetrics EvaluateOnHoldout(string corpusDirectory)
    {
        var ml = new MLContext(seed: 1);
        var model = Train(ml, LabelledData.ReadDirectory(corpusDirectory).Items.Where(i => !GroupSplit.IsHoldout(i.Group)));
        var holdout = ModelTrainer.HoldoutItems(corpusDirectory);
        using var engine = ml.Model.CreatePredictionEngine<BaselineRow, BaselinePrediction>(model);
        return ModelMetrics.Compute(holdout, holdout.Select(i => engine.Predict(new BaselineRow { Text = i.Text }).Probability).ToList());
    }
}

/// <summary>The baseline's input row: text and, in training, the label.</summary>
public sealed class BaselineRow
{
    public string Text { get; set; } = string.Empty;

    public bool Label { get; set; }
}

/// <summary>The baseline's output: the calibrated probability of relational and the label it implies.</summary>
public sealed class BaselinePrediction
{
    public float Probability { get; set; }

    [ColumnName("PredictedLabel")]
    public bool Relational { get; set; }
}
