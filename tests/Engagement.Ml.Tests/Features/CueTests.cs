using Engagement.Ml.Features;

namespace Engagement.Ml.Tests.Features;

/// <summary>Cue words count where they mean the cue, not wherever they are spelt (issue 8's misread explanations).</summary>
public sealed class CueTests
{
    [Theory]
    [InlineData("Still the best coffee in town ☕ #morning")]
    [InlineData("When I was still a kid my nonna made this every Sunday.")]
    [InlineData("Never disappoints, ten years and counting!")]
    public void StillAndNeverAreNoComplaintOutsideAComplaint(string text) =>
        Assert.DoesNotContain(Signal.Complaint, Families(text));

    [Theory]
    [InlineData("Still waiting for my refund, three weeks now.")]
    [InlineData("The parcel never arrived and nobody answers.")]
    [InlineData("Ordine mai arrivato, nessuna risposta dal servizio clienti")]
    public void AComplaintIsFoundInItsPhrase(string text) =>
        Assert.Contains(Signal.Complaint, Families(text));

    [Theory]
    [InlineData("Ci sono ancora posti per sabato?", "ci")]
    [InlineData("Ci vuole pazienza con questo impasto", "ci")]
    [InlineData("Sono arrivate le nuove borse", "sono")]
    public void ItalianCiAndSonoNeitherSpeakAsWeNorAsI(string text, string word)
    {
        var (tokens, cues) = Find(text);

        Assert.Equal(Signal.None, cues.FamilyOf(tokens.IndexOf(word)));
    }

    [Fact]
    public void ItalianFirstPersonPluralVerbsSpeakAsWe()
    {
        var (tokens, cues) = Find("Ci vediamo sabato, vi aspettiamo in cantina");

        Assert.Equal(Signal.We, cues.FamilyOf(tokens.IndexOf("vediamo")));
        Assert.Equal(Signal.We, cues.FamilyOf(tokens.IndexOf("aspettiamo")));
    }

    [Fact]
    public void WhenInsideAStoryIsNoQuestionButWhenInAQuestionIs()
    {
        var (storyTokens, story) = Find("When we opened in 1998 there were three tables and one oven.");
        var (questionTokens, question) = Find("Great news! When do you open the terrace?");

        Assert.Equal(Signal.None, story.FamilyOf(storyTokens.IndexOf("when")));
        Assert.Equal(0, story.Interrogatives);
        Assert.Equal(Signal.Question, question.FamilyOf(questionTokens.IndexOf("when")));
        Assert.Equal(1, question.Interrogatives);
    }

    [Fact]
    public void AskingWhetherAPlaceIsOpenAnnouncesNothing()
    {
        Assert.DoesNotContain(Signal.Announcement, Families("Are you open on Sunday?"));
        Assert.Contains(Signal.Announcement, Families("Open on Sunday from 9 to 1."));
    }

    [Fact]
    public void SomeonesNewThingIsNoLaunchAndNegatedPraiseIsNoPraise()
    {
        Assert.DoesNotContain(Signal.Launch, Families("Love my new sofa from @casaverde"));
        Assert.Contains(Signal.Launch, Families("New sofas in store from Monday"));
        Assert.DoesNotContain(Signal.Praise, Families("Not great, the pizza was cold."));
    }

    [Fact]
    public void ItalianIAndMaAreArticlesAndConjunctionsNotPronouns()
    {
        Assert.DoesNotContain(Signal.FirstPerson, Families("i nuovi arrivi sono in negozio ma solo fino a sabato"));
        Assert.Contains(Signal.FirstPerson, Families("I tried it yesterday and I loved it"));
    }

    [Fact]
    public void ACodeIsAnOfferOnlyBesideACodeAPriceOrAPercentage()
    {
        Assert.DoesNotContain(Signal.Discount, Families("Serve il codice fiscale per iscriversi?"));
        Assert.Contains(Signal.Discount, Families("Usa il codice ESTATE20 al checkout"));
        Assert.Contains(Signal.PromoCode, Families("Use RIDGE15 for 15% off your first order"));
    }

    [Fact]
    public void APhraseIsOneCueAndItsWordsAreNotCountedAgain()
    {
        var (tokens, cues) = Find("Tag a friend who needs this, link in bio");

        Assert.Equal(1, cues.Count(Signal.Contest));
        Assert.Equal(1, cues.Count(Signal.CallToAction));
        Assert.Equal(Signal.CallToAction, cues.FamilyOf(tokens.IndexOf("bio")));
    }

    private static (List<string> Tokens, Cues Cues) Find(string text)
    {
        var normalized = TextNormalizer.Normalize(text);
        return (normalized.Tokens.ToList(), Cues.Find(normalized, null));
    }

    private static IEnumerable<Signal> Families(string text) => Find(text).Cues.Spans.Select(s => s.Signal);
}
