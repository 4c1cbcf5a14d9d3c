using Engagement.Ml.Corpus;
using Engagement.Ml.Training;
using Xunit.Abstractions;

namespace Engagement.Ml.Training.Tests.Training;

/// <summary>
/// The harder gate of issue 8: ml/data/eval/feeds-it.jsonl and feeds-en.jsonl, 400 items each, written in the style of
/// real feeds and with their proportions (a third brand posts, nearly nine in ten of them broadcast; spam in threads;
/// customers' posts with tags and links) by two writers who never saw the corpus. Never trained on, never tuned on
/// item by item; the real-world proxy. The model must beat the structural rule ("brand post → broadcast, anything else
/// → relational") overall and on brand posts, on each set and on both together; every other slice is reported.
/// </summary>
public sealed class FeedsSetTests(ITestOutputHelper output)
{
    private static readonly string[] Files = ["feeds-it", "feeds-en"];

    private static readonly Lazy<IReadOnlyDictionary<string, (IReadOnlyList<LabelledItem> Items, ModelEvaluation Evaluation)>> Sets = new(() =>
    {
        using var classifier = EngagementClassifier.Load();
        var sets = Files.ToDictionary(f => f, f => (IReadOnlyList<LabelledItem>)LabelledData.ReadFile(RepositoryPaths.Combine("ml", "data", "eval", f + ".jsonl")).Items);
        sets["together"] = sets.Values.SelectMany(s => s).ToList();
        return sets.ToDictionary(s => s.Key, s => (s.Value, ModelTrainer.Evaluate(classifier, s.Value)));
    });

    [Theory]
    [InlineData("feeds-it")]
    [InlineData("feeds-en")]
    [InlineData("together")]
    public void TheModelBeatsTheStructuralRuleOverallAndOnBrandPosts(string set)
    {
        var evaluation = Sets.Value[set].Evaluation;
        output.WriteLine(SliceReport.Describe(set, evaluation));

        Assert.True(evaluation.Full.MacroF1 > evaluation.Rule.MacroF1, $"{set}: model {evaluation.Full.MacroF1:0.000}, rule {evaluation.Rule.MacroF1:0.000}");
        Assert.True(evaluation.Full.BrandPosts.MacroF1 > evaluation.Rule.BrandPosts.MacroF1, $"{set} brand posts: model {evaluation.Full.BrandPosts.MacroF1:0.000}, rule {evaluation.Rule.BrandPosts.MacroF1:0.000}");
    }

    /// <remarks>
    /// Issue 8's targets for the real posts, gated on the two sets together (800 items): one set of 400 moves by a
    /// point with two items. Per set, feeds-en on text alone is below 0.88 (see ml/MODEL.md); it is reported, not gated.
    /// </remarks>
    [Fact]
    public void TogetherTheFeedsSetsMeetIssue8sTargets()
    {
        var (full, text) = (Sets.Value["together"].Evaluation.Full, Sets.Value["together"].Evaluation.TextOnly);

        Assert.True(full.MacroF1 >= 0.95, $"macro-F1 {full.MacroF1:0.000} with metadata");
        Assert.True(text.MacroF1 >= 0.88, $"macro-F1 {text.MacroF1:0.000} on text alone");
        Assert.True(full.BrandPosts.MacroF1 >= 0.80, $"brand posts macro-F1 {full.BrandPosts.MacroF1:0.000}");
        Assert.True(full.PerLanguage["it"].MacroF1 >= 0.95, $"Italian macro-F1 {full.PerLanguage["it"].MacroF1:0.000}");
        Assert.True(full.ExpectedCalibrationError <= 0.05, $"ECE {full.ExpectedCalibrationError:0.000}");
    }

    [Fact]
    public void OnTheFeedsSetsTogetherNoLanguageKindAuthorOrChannelIsLostToTheRule()
    {
        var below = SliceReport.BelowRule(Sets.Value["together"].Evaluation, minimumItems: 20, "language", "kind", "author", "channel", "feed");

        Assert.True(below.Count == 0, string.Join("\n", below));
    }

    [Fact]
    public void TheFeedsSetsShareNoTextWithTheTrainingCorpus()
    {
        var corpus = LabelledData.ReadDirectory(RepositoryPaths.Corpus).Items;
        var feeds = Sets.Value["together"].Items;
        var feedIds = feeds.Select(i => i.Id).ToHashSet(StringComparer.Ordinal);

        var crossing = NearDuplicates.Find([.. corpus, .. feeds]).Where(p => feedIds.Contains(p.Original.Id) != feedIds.Contains(p.Duplicate.Id));

        // Only the corpus side is named: the feeds' texts stay unread by whoever works on the model.
        Assert.True(!crossing.Any(), "corpus items too close to a feeds item: " + string.Join(", ", crossing.Select(p => feedIds.Contains(p.Original.Id) ? p.Duplicate.Id : p.Original.Id)));
    }

    [Fact]
    public void TheFeedsSetsHaveRealFeedProportions()
    {
        var feeds = Sets.Value["together"].Items;
        var brandPosts = feeds.Where(i => RealFeedPriors.SliceOf(i) == FeedSlice.BrandPost).ToList();

        Assert.Equal(800, feeds.Count);
        Assert.InRange((double)brandPosts.Count / feeds.Count, 0.30, 0.40);
        Assert.InRange((double)brandPosts.Count(i => i.IsRelational) / brandPosts.Count, 0.08, 0.18);
        Assert.All(feeds, i => Assert.False(string.IsNullOrEmpty(i.Category)));
    }
}
