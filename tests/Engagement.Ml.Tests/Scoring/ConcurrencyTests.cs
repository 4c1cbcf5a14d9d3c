using Engagement.Ml.Training;

namespace Engagement.Ml.Tests.Scoring;

public sealed class ConcurrencyTests(ShippedModel model) : IClassFixture<ShippedModel>
{
    [Fact]
    public async Task ConcurrentScoringGivesTheSameAnswersAsSequentialScoring()
    {
        var classifier = model.Classifier;
        var inputs = ModelTrainer.HoldoutItems(RepositoryPaths.Corpus).Take(200).Select(i => i.ToInput()).ToList();
        var expected = classifier.ClassifyBatch(inputs);

        // Mix batch sizes so both paths run at once: one engine for small batches, parallel partitions for large ones.
        var tasks = Enumerable.Range(0, 16).Select(t => Task.Run(() =>
        {
            var size = t % 2 == 0 ? 3 : 50;
            var results = new List<Classification>();
            for (var start = 0; start < inputs.Count; start += size)
            {
                results.AddRange(classifier.ClassifyBatch(inputs.Skip(start).Take(size).ToList()));
            }

            return results;
        }));

        foreach (var results in await Task.WhenAll(tasks))
        {
            Assert.Equal(expected.Count, results.Count);
            for (var i = 0; i < expected.Count; i++)
            {
                Assert.Equal(expected[i].Label, results[i].Label);
                Assert.Equal(expected[i].RelationalProbability, results[i].RelationalProbability, 5);
                Assert.Equal(expected[i].Signals, results[i].Signals);
            }
        }
    }

    [Fact]
    public void EmptyAndBlankInputsAreScoredNotRejected()
    {
        var results = model.Classifier.ClassifyBatch([new ClassifierInput(""), new ClassifierInput("   "), new ClassifierInput("ok")]);

        Assert.Equal(3, results.Count);
        Assert.All(results, r => Assert.InRange(r.RelationalProbability, 0f, 1f));
        Assert.Empty(model.Classifier.ClassifyBatch([]));
    }
}
