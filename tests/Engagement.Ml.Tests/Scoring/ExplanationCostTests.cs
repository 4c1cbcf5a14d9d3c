using Engagement.Ml.Corpus;
using Engagement.Ml.Features;
using Engagement.Ml.Training;

namespace Engagement.Ml.Tests.Scoring;

/// <summary>
/// Scoring names only the signals it returns: the strongest few candidates are picked out instead of every candidate
/// being sorted. It must name exactly what the full ranking names, in the same order, ties included.
/// </summary>
public sealed class ExplanationCostTests(ShippedModel model) : IClassFixture<ShippedModel>
{
    private readonly EngagementClassifier _classifier = model.Classifier;

    public static TheoryData<bool> Directions => [true, false];

    [Theory]
    [MemberData(nameof(Directions))]
    public void PickedSignalsAreTheFullRankingsOnEveryEvaluationAndHeldOutItem(bool relational)
    {
        // Both directions: toward the label the model did not predict, other candidates win.
        var compared = 0;
        foreach (var input in Inputs())
        {
            var (picked, full) = _classifier.ExplainBothWays(input, relational);
            Assert.Equal(full, picked);
            compared += picked.Count > 0 ? 1 : 0;
        }

        Assert.True(compared > 1000, $"only {compared} inputs had signals toward {(relational ? "relational" : "broadcast")}");
    }

    [Fact]
    public void TiedContributionsAreOrderedAsTheFullRankingOrdersThem()
    {
        // Equal weights make every family lit by one structural value tie with every other, and words tie by length.
        var equal = new float[Featurizer.Dimension];
        Array.Fill(equal, 0.25f);
        var withManyCandidates = 0;
        foreach (var input in Inputs().Take(2000))
        {
            var (picked, full) = _classifier.ExplainBothWays(input, relational: true, equal);
            Assert.Equal(full, picked);
            withManyCandidates += input.Text.Length > 200 ? 1 : 0;
        }

        // The sort orders ties by insertion only up to 16 candidates; longer texts reach its other branches.
        Assert.True(withManyCandidates > 100, $"only {withManyCandidates} long texts");
    }

    [Fact]
    public void ExplainingAnItemAllocatesLittleBeyondItsPhrases()
    {
        var inputs = Inputs().Take(500).ToList();
        var options = new ClassifyOptions { MaxDegreeOfParallelism = 1 };
        var bare = new ClassifyOptions { MaxDegreeOfParallelism = 1, Signals = false };
        foreach (var input in inputs)
        {
            _classifier.ClassifyBatch([input], options);
        }

        var (withSignals, phraseBytes) = (0L, 0L);
        var withoutSignals = 0L;
        foreach (var input in inputs)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            _classifier.ClassifyBatch([input], bare);
            var middle = GC.GetAllocatedBytesForCurrentThread();
            var signals = _classifier.ClassifyBatch([input], options).Single().Signals;
            var after = GC.GetAllocatedBytesForCurrentThread();
            withoutSignals += middle - before;
            withSignals += after - middle;
            // A string is ~22 bytes of header and length plus two per character; the array holding them 24 plus 8 each.
            phraseBytes += signals.Count == 0 ? 0 : 24 + signals.Sum(s => 8 + 22 + 2 * s.Length);
        }

        // The phrases are the answer; besides them an explanation may cost some quoted substrings, not sorts and tables.
        var overhead = (withSignals - withoutSignals - phraseBytes) / (double)inputs.Count;
        Assert.True(overhead < 96, $"explaining allocated {overhead:F0} bytes per item beyond its phrases");
    }

    private static IEnumerable<ClassifierInput> Inputs()
    {
        foreach (var path in Directory.GetFiles(RepositoryPaths.Combine("ml", "data", "eval"), "*.jsonl").Order(StringComparer.Ordinal))
        {
            foreach (var item in LabelledData.ReadFile(path).Items)
            {
                yield return item.ToInput();
                yield return new ClassifierInput(item.Text);
            }
        }

        foreach (var item in ModelTrainer.HoldoutItems(RepositoryPaths.Corpus))
        {
            yield return item.ToInput();
        }
    }
}
