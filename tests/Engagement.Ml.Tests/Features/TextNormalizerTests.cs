using Engagement.Ml.Features;

namespace Engagement.Ml.Tests.Features;

public sealed class TextNormalizerTests
{
    [Fact]
    public void CaseAndAccentsDoNotChangeTheTokens()
    {
        var a = TextNormalizer.Normalize("Perché NON venite più? È già finita la Novità!");
        var b = TextNormalizer.Normalize("perche non venite piu? e gia finita la novita!");

        Assert.Equal(b.Tokens, a.Tokens);
        Assert.Contains("perche", a.Tokens);
        Assert.Contains("novita", a.Tokens);
    }

    [Fact]
    public void LinksHandlesPricesPercentagesAndNumbersBecomePlaceholders()
    {
        var text = TextNormalizer.Normalize("@mario.rossi menu a 19,90 € o $5.20, sconto -30% fino al 12/11 su https://shop.example.com/p/1 e www.example.org/blog");

        Assert.Equal(TextNormalizer.MentionToken, text.Tokens[0]);
        Assert.Equal(2, text.Tokens.Count(t => t == TextNormalizer.PriceToken));
        Assert.Contains(TextNormalizer.PercentToken, text.Tokens);
        Assert.Contains(TextNormalizer.NumberToken, text.Tokens);
        Assert.Contains(TextNormalizer.ShopUrlToken, text.Tokens);
        Assert.Contains(TextNormalizer.UrlToken, text.Tokens);
        Assert.DoesNotContain(text.Tokens, t => t.Contains("19", StringComparison.Ordinal) || t.Contains("example", StringComparison.Ordinal));
        Assert.Equal(2, text.Counts.Prices);
        Assert.Equal(1, text.Counts.Mentions);
        Assert.True(text.Counts.StartsWithMention);
    }

    [Fact]
    public void HashtagsKeepTheirWordAndEmojiStandAlone()
    {
        var text = TextNormalizer.Normalize("Buonissimo🔥🔥 #MadeInItaly #pizza ❤️");

        Assert.Equal(["buonissimo", "🔥", "🔥", TextNormalizer.HashtagToken, "madeinitaly", TextNormalizer.HashtagToken, "pizza", "❤"], text.Tokens);
        Assert.Equal(2, text.Counts.Hashtags);
        Assert.Equal(3, text.Counts.Emoji);
    }

    [Fact]
    public void StretchedLettersAndRepeatedPunctuationAreSqueezed()
    {
        var text = TextNormalizer.Normalize("Grazieeeee!!! Sooooo good???");

        Assert.Equal(["graziee", "!", "soo", "good", "?"], text.Tokens);
        Assert.Equal(3, text.Counts.QuestionMarks);
    }

    [Theory]
    [InlineData("Ciao Marco! Sì, il lunedì siamo aperti.", true)]
    [InlineData("Grazie mille Giulia, a presto 😊", true)]
    [InlineData("Thanks Anna, we'll look into it.", true)]
    [InlineData("Stasera tutto esaurito, grazie.", false)]
    [InlineData("Nuova collezione disponibile online.", false)]
    public void GreetingSomeoneByNameIsNoticed(string raw, bool expected) =>
        Assert.Equal(expected, TextNormalizer.Normalize(raw).Counts.GreetsByName);

    [Fact]
    public void SentencesEndAtStopsAndQuestionsAreMarked()
    {
        var text = TextNormalizer.Normalize("Nuovo menu da lunedì. Qual è il vostro piatto preferito? Noi votiamo la carbonara!");

        Assert.Equal(3, text.Sentences.Count);
        Assert.Equal([false, true, false], text.Sentences.Select(s => s.IsQuestion));
        Assert.Equal("?", text.Tokens[text.Sentences[1].End - 1]);
    }

    [Fact]
    public void ASpanishQuestionOpensWithItsMark()
    {
        var text = TextNormalizer.Normalize("¿Cuándo abren? Tengo ganas de volver.");

        Assert.True(text.Sentences[0].IsQuestion);
        Assert.False(text.Sentences[1].IsQuestion);
    }

    [Fact]
    public void PromoCodesBecomeAPlaceholderAndAreKeptAsWritten()
    {
        var text = TextNormalizer.Normalize("Usa RIDGE15 o il codice Estate al checkout, non il codice fiscale");

        Assert.Equal(2, text.Tokens.Count(t => t == TextNormalizer.CodeToken));
        Assert.Equal(["RIDGE15", "Estate"], text.Codes);
        Assert.Contains("fiscale", text.Tokens);
    }

    [Fact]
    public void EmptyOrBlankTextNormalisesToNoTokens()
    {
        Assert.Empty(TextNormalizer.Normalize(null).Tokens);
        Assert.Empty(TextNormalizer.Normalize("   ").Tokens);
    }

    [Fact]
    public void EveryPlaceholderIsKnownAsOneAndNoWordIs()
    {
        // IsPlaceholder answers words without a lookup because every placeholder starts with '_'.
        Assert.All(TextNormalizer.Placeholders, p => Assert.True(TextNormalizer.IsPlaceholder(p), p));
        var tokens = TextNormalizer.Normalize("Sconto -20% su https://shop.example.it con il codice ESTATE24, 19,90 € @marta #saldi dal 3 maggio").Tokens;
        Assert.True(tokens.Count(TextNormalizer.Placeholders.Contains) >= 5, string.Join(' ', tokens));
        Assert.Equal(tokens.Where(TextNormalizer.Placeholders.Contains), tokens.Where(TextNormalizer.IsPlaceholder));
        Assert.False(TextNormalizer.IsPlaceholder("_url"));
        Assert.False(TextNormalizer.IsPlaceholder("url"));
        Assert.False(TextNormalizer.IsPlaceholder(string.Empty));
    }
}
