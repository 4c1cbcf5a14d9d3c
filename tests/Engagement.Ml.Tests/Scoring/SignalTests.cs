using System.Text.RegularExpressions;
using Engagement.Ml.Training;
using Engagement.Ml.Vocabulary;

namespace Engagement.Ml.Tests.Scoring;

/// <summary>Explanations a community manager would sign: the cues that moved this prediction, named, with their words.</summary>
public sealed partial class SignalTests(ShippedModel model) : IClassFixture<ShippedModel>
{
    private static readonly ClassifierInput[] Explained =
    [
        new("Black Friday: -30% su tutta la collezione e spedizione gratuita! Acquista ora sul nostro shop, link in bio 🛍️", InteractionKind.Post, Channel.Instagram, true, "it"),
        new("Ciao Marta, grazie a te! Ti aspettiamo sabato, il tavolo in terrazza è tuo 😊", InteractionKind.Reply, Channel.Instagram, true, "it", true),
        new("La nuova linea di borse in pelle è arrivata. Ordina ora sul sito con il codice WELCOME10!", InteractionKind.Post, Channel.Facebook, true, "it"),
        new("Qual è il vostro ricordo più bello della nostra piazza? Raccontatecelo qui sotto 👇", InteractionKind.Post, Channel.Facebook, true, "it"),
        new("Still waiting for my refund, three weeks now. Can someone help?", InteractionKind.Comment, Channel.Facebook, false, "en"),
        new("Our spring menu lands on Friday: wild garlic risotto and rhubarb tart. Book your table at the link in bio.", InteractionKind.Post, Channel.Instagram, true, "en"),
        new("Follow me back and check my new song on Spotify 🎶 link in bio", InteractionKind.Comment, Channel.Instagram, false, "en"),
        new("Thanks so much Tom! We're glad the boots survived the hike, see you in store 🥾", InteractionKind.Reply, Channel.Facebook, true, "en", true),
    ];

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
    public void EveryQuotedCueIsInTheTextAsWritten()
    {
        var holdout = ModelTrainer.HoldoutItems(RepositoryPaths.Corpus).Take(300).Select(i => i.ToInput()).Concat(Explained);
        foreach (var input in holdout)
        {
            var text = Squeezed(input.Text);
            foreach (var quote in _classifier.Classify(input).Signals.SelectMany(Quotes))
            {
                Assert.Contains(quote, text, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void RemovingANamedCueMovesTheProbabilityAwayFromTheLabel()
    {
        foreach (var input in Explained)
        {
            var result = _classifier.Classify(input);
            var toward = result.Label == EngagementLabels.Relational ? 1 : -1;
            // Margins, not probabilities: a confident prediction stays at 1.000 whatever is removed. The input keeps its
            // metadata, so both go through the same calibration, which is monotonic.
            var margin = _classifier.RawScore(input);
            foreach (var signal in result.Signals)
            {
                foreach (var quote in Quotes(signal))
                {
                    var without = _classifier.RawScore(input with { Text = Without(Squeezed(input.Text), quote, signal) });
                    Assert.True(
                        toward * (margin - without) > 0,
                        $"removing \"{quote}\" ({signal}) from \"{input.Text}\" moved the margin from {margin:0.000} to {without:0.000}");
                }
            }
        }
    }

    [Theory]
    [InlineData("Still the best coffee in town ☕ #morning @northside", "complaint or problem")]
    [InlineData("Ci sono ancora posti per il corso di sabato, iscrivetevi!", "speaks as we: \"Ci\"")]
    [InlineData("Ci sono ancora posti per il corso di sabato, iscrivetevi!", "talks about the team")]
    [InlineData("When we opened in 1998 there were three tables and one oven. Tell us your first memory of this place 💬", "question")]
    [InlineData("When I was a kid my nonna made this every Sunday. Now I make it for my kids 💛", "question")]
    public void NoListWordIsCitedOutOfItsContext(string text, string phrase)
    {
        foreach (var input in new ClassifierInput[] { new(text), new(text, InteractionKind.Post, Channel.Instagram, true), new(text, InteractionKind.Post, Channel.Instagram, false) })
        {
            Assert.DoesNotContain(_classifier.Classify(input).Signals, s => s.Contains(phrase, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void APromotionIsExplainedByItsOfferAndItsCallToAction()
    {
        var result = _classifier.Classify(Explained[0]);

        Assert.Equal(EngagementLabels.Broadcast, result.Label);
        Assert.Contains(result.Signals, s => s.StartsWith("call to action: \"", StringComparison.Ordinal) || s.StartsWith("discount or promo", StringComparison.Ordinal));
    }

    [Fact]
    public void APromoCodeInABrandsPostIsNamedWithTheCode()
    {
        var result = _classifier.Classify(Explained[2]);

        Assert.Equal(EngagementLabels.Broadcast, result.Label);
        Assert.Contains("promo code: \"WELCOME10\"", result.Signals);
    }

    [Fact]
    public void ABrandsQuestionToItsCommunityQuotesTheQuestion()
    {
        var result = _classifier.Classify(Explained[3]);

        Assert.Equal(EngagementLabels.Relational, result.Label);
        Assert.Contains("asks the community: \"Qual è il vostro ricordo più…\"", result.Signals);
    }

    [Fact]
    public void ABrandReplyIsExplainedAsAConversation()
    {
        var result = _classifier.Classify(Explained[1]);

        Assert.Equal(EngagementLabels.Relational, result.Label);
        Assert.Contains(result.Signals, s => s is "reply to a person" or "addresses someone by name" or "reply in a thread" || s.StartsWith("thanks someone", StringComparison.Ordinal));
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

    /// <summary>The text without the quoted cue; a question goes with the rest of its sentence and its question mark.</summary>
    private static string Without(string text, string quote, string signal)
    {
        var start = text.IndexOf(quote, StringComparison.Ordinal);
        var end = start + quote.Length;
        if (signal.StartsWith("asks", StringComparison.Ordinal) && text.IndexOf('?', start) is var mark and >= 0)
        {
            end = mark + 1;
        }

        return text[..start] + " " + text[end..];
    }

    /// <summary>The words a signal quotes ("call to action: \"link in bio\"", "wording: \"a\", \"b\""), without a closing "…".</summary>
    private static IEnumerable<string> Quotes(string signal) =>
        QuotePattern().Matches(signal).Select(m => m.Groups[1].Value.TrimEnd('…'));

    // Quotes are taken from the text with runs of white space made one space.
    private static string Squeezed(string text) => string.Join(' ', text.Split([' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries));

    [GeneratedRegex("\"([^\"]+)\"")]
    private static partial Regex QuotePattern();
}
