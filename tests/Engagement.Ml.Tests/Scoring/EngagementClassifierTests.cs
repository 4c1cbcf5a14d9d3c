using Engagement.Ml.Vocabulary;

namespace Engagement.Ml.Tests.Scoring;

public sealed class EngagementClassifierTests : IClassFixture<ShippedModel>
{
    private readonly EngagementClassifier _classifier;

    public EngagementClassifierTests(ShippedModel model) => _classifier = model.Classifier;

    [Fact]
    public void ShippedModelLoadsFromBesideTheBinariesWithADatedVersion()
    {
        Assert.Matches(@"^\d{4}\.\d{2}\.\d{2}-[0-9a-f]{8}$", _classifier.ModelVersion);
        Assert.Equal(_classifier.ModelVersion, EngagementClassifier.ReadModelVersion(EngagementClassifier.DefaultModelPath));
    }

    [Fact]
    public void BatchResultsFollowTheInputOrderAndMatchSingleScoring()
    {
        ClassifierInput[] inputs =
        [
            new("Saldi fino al 50% su tutta la collezione! Acquista ora, link in bio 🛍️", InteractionKind.Post, Channel.Instagram, true),
            new("@giulia grazie mille, ci fa piacere! Ti aspettiamo sabato 😊", InteractionKind.Reply, Channel.Instagram, true),
            new("Nuovi arrivi: sneakers in pelle a 89 €. Spedizione gratuita, ordina sul sito."),
            new("Che bello, ci sono stata ieri con mia figlia!"),
        ];
        var batch = _classifier.ClassifyBatch(Enumerable.Repeat(inputs, 5).SelectMany(x => x).ToList());

        Assert.Equal(20, batch.Count);
        for (var i = 0; i < batch.Count; i++)
        {
            var single = _classifier.Classify(inputs[i % inputs.Length]);
            Assert.Equal(single.Label, batch[i].Label);
            Assert.Equal(single.RelationalProbability, batch[i].RelationalProbability, 4);
        }

        Assert.Equal(EngagementLabels.Broadcast, batch[0].Label);
        Assert.Equal(EngagementLabels.Relational, batch[1].Label);
    }
}

/// <summary>The shipped model, loaded once for every test class that needs it.</summary>
public sealed class ShippedModel : IDisposable
{
    public EngagementClassifier Classifier { get; } = EngagementClassifier.Load();

    public void Dispose() => Classifier.Dispose();
}
