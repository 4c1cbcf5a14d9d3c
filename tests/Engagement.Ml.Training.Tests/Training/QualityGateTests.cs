using System.Text.Json;
using Engagement.Ml.Training;
using Xunit.Abstractions;

namespace Engagement.Ml.Training.Tests.Training;

/// <summary>
/// The shipped model against the held-out brands of the committed corpus. Those brands are chosen by a hash of the
/// brand name (GroupSplit.IsHoldout) and never enter the shipped model's training, so this is a test on unseen brands.
/// </summary>
/// <remarks>
/// Since issue 8 the held-out brands are measured at real-feed proportions (RealFeedPriors), as the model is trained
/// and calibrated: the corpus's own mix (four relational brand posts in ten from writers a-f) is not what the model
/// will meet. The thresholds are those of issue 3; the measure changed, so they are harder where the corpus was easy.
/// </remarks>
public sealed class QualityGateTests(ShippedModel model, ITestOutputHelper output) : IClassFixture<ShippedModel>
{
    private static readonly Lazy<ModelEvaluation> Evaluation = new(() =>
    {
        using var classifier = EngagementClassifier.Load();
        return ModelTrainer.EvaluateOnHoldout(classifier, ModelTrainer.HoldoutItems(RepositoryPaths.Corpus));
    });

    [Fact]
    public void ShippedModelReachesMacroF1OnHeldOutBrands()
    {
        output.WriteLine(SliceReport.Describe("held-out brands", Evaluation.Value));

        Assert.True(Evaluation.Value.Full.MacroF1 >= 0.90, $"macro-F1 {Evaluation.Value.Full.MacroF1:0.000} with metadata");
        Assert.True(Evaluation.Value.TextOnly.MacroF1 >= 0.85, $"macro-F1 {Evaluation.Value.TextOnly.MacroF1:0.000} on text alone");
    }

    [Fact]
    public void ShippedModelIsCalibratedOnHeldOutBrands()
    {
        Assert.True(Evaluation.Value.Full.ExpectedCalibrationError <= 0.05, $"ECE {Evaluation.Value.Full.ExpectedCalibrationError:0.000}");
        Assert.True(Evaluation.Value.TextOnly.ExpectedCalibrationError <= 0.05, $"ECE {Evaluation.Value.TextOnly.ExpectedCalibrationError:0.000} on text alone");
        Assert.True(Evaluation.Value.Full.Auc >= 0.95, $"AUC {Evaluation.Value.Full.Auc:0.000}");
    }

    /// <remarks>
    /// Categories are reported, not gated: where every item of a category follows the rule (customers' posts with links,
    /// brands' replies with codes) the rule is perfect there, and the model can at best tie it.
    /// </remarks>
    [Fact]
    public void NoLanguageKindAuthorOrChannelOfTheHeldOutBrandsIsLostToTheStructuralRule()
    {
        var below = SliceReport.BelowRule(Evaluation.Value, minimumItems: 20, "language", "kind", "author", "channel", "feed");

        Assert.True(Evaluation.Value.Full.MacroF1 > Evaluation.Value.Rule.MacroF1);
        Assert.True(Evaluation.Value.Full.BrandPosts.MacroF1 > Evaluation.Value.Rule.BrandPosts.MacroF1 + 0.2);
        Assert.True(below.Count == 0, string.Join("\n", below));
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
