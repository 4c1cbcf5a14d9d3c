using System.Security.Cryptography;
using System.Text;
using Engagement.Core.Domain;

namespace Engagement.Core.Tests.Domain;

public sealed class PseudonymsTests
{
    private static readonly byte[] Key = [.. Enumerable.Range(1, 32).Select(i => (byte)i)];
    private static readonly byte[] OtherKey = [.. Enumerable.Range(2, 32).Select(i => (byte)i)];
    private static readonly HashSet<string> Brand = new(StringComparer.Ordinal) { "acme" };

    [Fact]
    public void APseudonymNeedsTheKeyToBeRecomputed()
    {
        var pseudonym = Pseudonyms.Of(Key, "acme", "@giulia")!;
        var unkeyed = "p-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("acme\n@giulia")))[..16];

        Assert.StartsWith(Pseudonyms.Prefix, pseudonym, StringComparison.Ordinal);
        Assert.NotEqual(pseudonym, Pseudonyms.Of(OtherKey, "acme", "@giulia"));
        Assert.NotEqual(unkeyed, pseudonym);
        Assert.DoesNotContain("giulia", pseudonym, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void OnePersonHasOnePseudonymWithinAClientWhateverTheCaseOrAtAndAnotherInAnotherClient()
    {
        Assert.Equal(Pseudonyms.Of(Key, "acme", "@Giulia"), Pseudonyms.Of(Key, "acme", "giulia"));
        Assert.NotEqual(Pseudonyms.Of(Key, "acme", "giulia"), Pseudonyms.Of(Key, "beta", "giulia"));
        Assert.Null(Pseudonyms.Of(Key, "acme", " "));
    }

    [Fact]
    public void MentionsOfPeopleBecomeTheirPseudonymsAndTheBrandsStay()
    {
        var masked = Pseudonyms.MaskMentions(Key, "acme", "Grazie @Giulia.Rossi e @marco_1! Scrivete a @acme o a info@acme.it, ciao @luca@mastodon.social.", Brand);

        Assert.Equal(
            $"Grazie @{Pseudonyms.Of(Key, "acme", "giulia.rossi")} e @{Pseudonyms.Of(Key, "acme", "marco_1")}! Scrivete a @acme o a info@acme.it, ciao @{Pseudonyms.Of(Key, "acme", "luca@mastodon.social")}.",
            masked);
    }

    [Fact]
    public void AMentionsPseudonymIsTheAuthorsSoAPersonsMentionsAndRowsMatch() =>
        Assert.Equal(
            "@" + Pseudonyms.Of(Key, "acme", "@giulia"),
            Pseudonyms.MaskMentions(Key, "acme", "@giulia", Brand));

    [Theory]
    [InlineData("Nessuna menzione qui.")]
    [InlineData("Scrivete a info@acme.it")]
    [InlineData("Solo @ da solo")]
    public void ATextWithoutMentionsIsUnchanged(string text) =>
        Assert.Equal(text, Pseudonyms.MaskMentions(Key, "acme", text, Brand));
}
