using Engagement.Ml.Vocabulary;

namespace Engagement.Ml.Tests.Scoring;

/// <summary>
/// The probes of issue 8, with texts written for these tests: a question mark, a promo code, a link or hashtags must
/// not turn the answer that the speaker and the labelling rules (docs/labels.md) give.
/// </summary>
public sealed class RobustnessProbeTests(ShippedModel model) : IClassFixture<ShippedModel>
{
    private readonly EngagementClassifier _classifier = model.Classifier;

    [Theory]
    [InlineData("Nuova linea di taglieri in ulivo, pezzi unici fatti a mano. Pronti per le feste? Disponibili in negozio e online.", "it")]
    [InlineData("Our autumn blend is back: cocoa, hazelnut and a little smoke. Ready to fall in love again?", "en")]
    [InlineData("Sneakers in suede, suola in gomma naturale, 119 €. Le avete già viste?", "it")]
    [InlineData("New in: linen shirts in five colours, sizes XS to XXL. Summer sorted?", "en")]
    [InlineData("Torna la colomba artigianale al pistacchio! Chi l'ha già prenotata?", "it")]
    [InlineData("The Harbour tote now comes in olive green. Which one is yours?", "en")]
    public void OneQuestionMarkDoesNotTurnAProductPostRelational(string text, string language)
    {
        var withQuestion = _classifier.Classify(new ClassifierInput(text, InteractionKind.Post, Channel.Instagram, true, language));

        Assert.Equal(EngagementLabels.Broadcast, withQuestion.Label);
    }

    [Theory]
    [InlineData("Ciao Giulia! Ci scusiamo per il ritardo, ti abbiamo scritto in DM: usa BENTORNATA10 al prossimo ordine 💛", "it")]
    [InlineData("Thanks for sticking with us, Sam! Here's a little something for next time: use code COFFEE15 at checkout ☕", "en")]
    [InlineData("Sì Marco, il codice ESTATE20 vale anche sui saldi. Buono shopping!", "it")]
    [InlineData("Hi Priya, yes the code WELCOME10 works on your first order, even on sale items 😊", "en")]
    public void ABrandReplyWithAPromoCodeStaysRelational(string text, string language)
    {
        var result = _classifier.Classify(new ClassifierInput(text, InteractionKind.Reply, Channel.Instagram, true, language, true));

        Assert.Equal(EngagementLabels.Relational, result.Label);
    }

    [Theory]
    [InlineData("Finally made it to @trattoriadelponte after months of trying 😍 the cacio e pepe is unreal #romefood #carbonaralover https://instagr.am/p/xyz", "en")]
    [InlineData("Weekend at the lake with my new @northsidegear tent, zero leaks even in the storm ⛺ #camping #gearreview bit.ly/3xYz", "en")]
    [InlineData("Colazione da @pasticceriaaurora come ogni domenica ☕🥐 #colazione #torino #buongiorno", "it")]
    [InlineData("Serata top al concerto di ieri grazie a @arenaverde 🎸 video completo qui 👉 youtu.be/abc123 #live #verona", "it")]
    public void ACustomersPostWithALinkAndHashtagsStaysRelational(string text, string language)
    {
        var result = _classifier.Classify(new ClassifierInput(text, InteractionKind.Post, Channel.Instagram, false, language));

        Assert.Equal(EngagementLabels.Relational, result.Label);
    }

    [Theory]
    [InlineData("Nice post! 🔥 Check out my page for daily crypto signals, 10x guaranteed 🚀 DM me", "en")]
    [InlineData("Bellissimo profilo! Vuoi più follower? Scrivimi in privato, prezzi imbattibili 💯", "it")]
    [InlineData("Great content!! Promote it on @growthboost_pro and get 5k real followers today 👉 link in bio", "en")]
    [InlineData("Follow me back and check my new song on Spotify 🎶 link in bio", "en")]
    public void SpamInAThreadIsBroadcast(string text, string language)
    {
        var result = _classifier.Classify(new ClassifierInput(text, InteractionKind.Comment, Channel.Instagram, false, language, true));

        Assert.Equal(EngagementLabels.Broadcast, result.Label);
    }
}
