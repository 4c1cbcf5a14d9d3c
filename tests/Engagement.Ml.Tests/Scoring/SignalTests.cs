using Engagement.Ml.Training;
using Engagement.Ml.Vocabulary;

namespace Engagement.Ml.Tests.Scoring;

public sealed class SignalTests(ShippedModel model) : IClassFixture<ShippedModel>
{
    private readonly EngagementClassifier _classifier = model.Classifier;

    [Fact]
    public void EverySignalPushesTowardThePredictedLabel()
    {
        var holdout = ModelTrainer.HoldoutItems(RepositoryPaths.Corpus).Take(300).ToList();
        var withSignals = 0;
        foreach (var item in holdout)
        {
            var signals = _classifier.ExplainWithContributions(item.ToInput());
            Assert.InRange(signals.Count, 0, 4);
            Assert.All(signals, s => Assert.True(s.Contribution > 0, $"'{s.Phrase}' argues against the label of {item.Id}"));
            withSignals += signals.Count > 0 ? 1 : 0;
        }

        Assert.True(withSignals >= 0.95 * holdout.Count, $"{withSignals} of {holdout.Count} predictions came with signals");
    }

    [Fact]
    public void APromotionIsExplainedByItsOfferAndItsCallToAction()
    {
        var result = _classifier.Classify(new ClassifierInput("Black Friday: -30% su tutta la collezione e spedizione gratuita! Acquista ora sul nostro shop, link in bio 🛍️", InteractionKind.Post, Channel.Instagram, true));

        Assert.Equal(EngagementLabels.Broadcast, result.Label);
        Assert.Contains(result.Signals, s => s is "discount or promo" or "call to action" or "link to shop" or "price mentioned");
    }

    [Fact]
    public void ABrandReplyIsExplainedAsAConversation()
    {
        var result = _classifier.Classify(new ClassifierInput("Ciao Marta, grazie a te! Ti aspettiamo sabato, il tavolo in terrazza è tuo 😊", InteractionKind.Reply, Channel.Instagram, true, "it", true));

        Assert.Equal(EngagementLabels.Relational, result.Label);
        Assert.Contains(result.Signals, s => s is "reply to a customer" or "thanks someone" or "addresses someone by name" or "reply to someone");
    }

    [Fact]
    public void RemovingTheNamedCueMovesTheProbabilityAwayFromTheLabel()
    {
        var withCue = _classifier.Classify(new ClassifierInput("La nuova linea di borse in pelle è arrivata. Ordina ora sul sito con il codice WELCOME10!"));
        var withoutCue = _classifier.Classify(new ClassifierInput("La nuova linea di borse in pelle è arrivata."));

        Assert.Equal(EngagementLabels.Broadcast, withCue.Label);
        Assert.Contains(withCue.Signals, s => s is "call to action" or "discount or promo");
        Assert.True(withoutCue.RelationalProbability > withCue.RelationalProbability);
    }

    [Fact]
    public void TheSameWordsReadAsAReplyToACustomerAreMoreRelationalThanAsAPost()
    {
        const string text = "Sì, il menu da 19,90 € è ancora attivo anche a pranzo.";
        var asPost = _classifier.Classify(new ClassifierInput(text, InteractionKind.Post, Channel.Facebook, true, "it", false));
        var asReply = _classifier.Classify(new ClassifierInput(text, InteractionKind.Reply, Channel.Facebook, true, "it", true));

        Assert.True(asReply.RelationalProbability > asPost.RelationalProbability);
        Assert.Equal(EngagementLabels.Relational, asReply.Label);
    }
}
