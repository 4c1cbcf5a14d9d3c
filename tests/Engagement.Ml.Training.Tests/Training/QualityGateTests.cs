using System.Text.Json;
using Engagement.Ml.Training;


namespace Engagement.Ml.Training.Tests.Training;

/// <summary>
/// The shipped model against the held-out brands of the committed corpus. Those brands are chosen by a hash of the
/// brand name (GroupSplit.IsHoldout) and never enter the shipped model's training, so this is a test on unseen brands.
/// </summary>
public sealed class QualityGateTests(ShippedModel model) : IClassFixture<ShippedModel>
{
    private static readonly Lazy<ModelEvaluation> Evaluation = new(() =>
    {
        using var classifier = EngagementClassifier.Load();
        return ModelTrainer.Evaluate(classifier, ModelTrainer.HoldoutItems(RepositoryPaths.Corpus));
    });

    [Fact]
    public void ShippedModelReachesMacroF1OnHeldOutBrands()
    {
        Assert.True(Evaluation.Value.Full.MacroF1 >= 0.90, $"macro-F1 {Evaluation.Value.Full.MacroF1:0.000} with metadata");
        Assert.True(Evaluation.Value.TextOnly.MacroF1 >= 0.85, $"macro-F1 {Evaluation.Value.TextOnly.MacroF1:0.000} on text alone");
    }

    [Fact]
    public void ShippedModelIsCalibratedOnHeldOutBrands()
    {
        Assert.True(Evaluation.Value.Full.ExpectedCalibrationError <= 0.06, $"ECE {Evaluation.Value.Full.ExpectedCalibrationError:0.000}");
        Assert.True(Evaluation.Value.Full.Auc >= 0.95, $"AUC {Evaluation.Value.Full.Auc:0.000}");
    }

    [Fact]
    public void ShippedModelWasTrainedWithoutTheHeldOutBrandsOfTheCommittedCorpus()
    {
        using var metrics = JsonDocument.Parse(File.ReadAllText(ModelTrainer.MetricsPathFor(RepositoryPaths.ShippedModel)));
        var root = metrics.RootElement;
        var recordedHoldout = root.GetProperty("data").GetProperty("holdoutGroups").EnumerateArray().Select(e => e.GetString()).ToList();
        var holdout = ModelTrainer.HoldoutItems(RepositoryPaths.Corpus);

        Assert.Equal(holdout.Select(i => i.Group).Distinct().Order(StringComparer.Ordinal), recordedHoldout);
        Assert.Equal(holdout.Count, root.GetProperty("data").GetProperty("holdoutItems").GetInt32());
        Assert.Equal(model.Classifier.ModelVersion, root.GetProperty("modelVersion").GetString());
    }
}
