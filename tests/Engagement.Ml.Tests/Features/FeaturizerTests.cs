using Engagement.Ml.Features;
using Engagement.Ml.Vocabulary;

namespace Engagement.Ml.Tests.Features;

public sealed class FeaturizerTests
{
    [Fact]
    public void EveryStructuralSlotHasANameAndTheCountMatches()
    {
        Assert.Equal(StructuralFeatures.Count, StructuralFeatures.Slots.Count);
        Assert.Equal(StructuralFeatures.Count, StructuralFeatures.Slots.Select(s => s.Name).Distinct().Count());
    }

    [Fact]
    public void TextAloneLightsTheUnknownMetadataSlots()
    {
        var featurized = Featurizer.Featurize(new ClassifierInput("ciao!"));

        Assert.Equal(1, featurized.Structural[Slot("kind=unknown")]);
        Assert.Equal(1, featurized.Structural[Slot("author=unknown")]);
        Assert.Equal(1, featurized.Structural[Slot("parent=unknown")]);
        Assert.Equal(1, featurized.Structural[Slot("channel=unknown")]);
        Assert.Equal(1, featurized.Structural[Slot("lang=unknown")]);
        Assert.Equal(0, featurized.Structural[Slot("brand+post")]);
        Assert.Equal(0, featurized.Structural[Slot("other+post")]);
    }

    [Fact]
    public void ALanguageOutsideTheFiveIsOtherAndARegionalTagIsItsLanguage()
    {
        Assert.Equal(1, Featurizer.Featurize(new ClassifierInput("olá", Language: "pt")).Structural[Slot("lang=other")]);
        Assert.Equal(1, Featurizer.Featurize(new ClassifierInput("hello", Language: "en-GB")).Structural[Slot("lang=en")]);
    }

    [Fact]
    public void AQuestionBesideAnOfferIsBaitNotAQuestionToTheCommunity()
    {
        var bait = Featurizer.Featurize(new ClassifierInput("Torna la colomba al pistacchio! Chi l'ha già prenotata?"));
        var genuine = Featurizer.Featurize(new ClassifierInput("Qual è il vostro ricordo più bello della nostra piazza?"));

        Assert.Equal(1, bait.Structural[Slot("question-about-offer")]);
        Assert.Equal(0, bait.Structural[Slot("has-question")]);
        Assert.Equal(0, genuine.Structural[Slot("question-about-offer")]);
        Assert.Equal(1, genuine.Structural[Slot("has-question")]);
    }

    [Fact]
    public void MetadataLightsItsSlotsAndTheCombinedOnes()
    {
        var featurized = Featurizer.Featurize(new ClassifierInput("Grazie!", InteractionKind.Reply, Channel.Instagram, AuthorIsBrand: true, HasParent: true));

        Assert.Equal(1, featurized.Structural[Slot("kind=reply")]);
        Assert.Equal(1, featurized.Structural[Slot("author=brand")]);
        Assert.Equal(1, featurized.Structural[Slot("brand+conversation")]);
        Assert.Equal(1, featurized.Structural[Slot("channel=instagram")]);
    }

    [Fact]
    public void AParentIdSpeaksOnlyWhenTheKindIsUnknown()
    {
        var withKind = Featurizer.Featurize(new ClassifierInput("Grazie!", InteractionKind.Dm, HasParent: false));
        var withoutKind = Featurizer.Featurize(new ClassifierInput("Grazie!", HasParent: true));

        Assert.Equal(0, withKind.Structural[Slot("parent=no")] + withKind.Structural[Slot("parent=yes")] + withKind.Structural[Slot("parent=unknown")]);
        Assert.Equal(1, withoutKind.Structural[Slot("parent=yes")]);
    }

    [Fact]
    public void CuesOfBothLabelsAreCounted()
    {
        var promo = Featurizer.Featurize(new ClassifierInput("SALDI -30%! Acquista ora a 49 €, link in bio #sale #moda #shop"));
        var story = Featurizer.Featurize(new ClassifierInput("Noi del team abbiamo una domanda per voi: qual è il vostro ricordo più bello?"));

        Assert.True(promo.Structural[Slot("call-to-action")] > 0);
        Assert.True(promo.Structural[Slot("prices")] > 0);
        Assert.True(promo.Structural[Slot("discount")] > 0);
        Assert.True(promo.Structural[Slot("hashtags")] > 0);
        Assert.True(story.Structural[Slot("first-person-plural")] > 0);
        Assert.True(story.Structural[Slot("second-person")] > 0);
        Assert.True(story.Structural[Slot("interrogatives")] > 0);
        Assert.Equal(1, story.Structural[Slot("ends-with-question")]);
    }

    [Fact]
    public void TheVectorIsSortedWithinRangeAndRepeatable()
    {
        var input = new ClassifierInput("Che bella foto @giulia, grazie per averla condivisa! 📸", InteractionKind.Reply, AuthorIsBrand: true);
        var a = Featurizer.Featurize(input);
        var b = Featurizer.Featurize(input);

        Assert.Equal(a.Indices, b.Indices);
        Assert.Equal(a.Values, b.Values);
        Assert.True(a.Indices.Zip(a.Indices.Skip(1)).All(p => p.First < p.Second));
        Assert.All(a.Indices, i => Assert.InRange(i, 0, Featurizer.Dimension - 1));
    }

    private static int Slot(string name) => StructuralFeatures.Slots.Select((s, i) => (s, i)).Single(x => x.s.Name == name).i;
}
