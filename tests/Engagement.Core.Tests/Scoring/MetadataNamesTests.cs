using Engagement.Core.Scoring;
using Engagement.Ml.Vocabulary;

namespace Engagement.Core.Tests.Scoring;

public sealed class MetadataNamesTests
{
    [Theory]
    [InlineData("twitter", "x")]
    [InlineData("Twitter", "x")]
    [InlineData(" X ", "x")]
    [InlineData("fb", "facebook")]
    [InlineData("IG", "instagram")]
    [InlineData("insta", "instagram")]
    [InlineData("yt", "youtube")]
    [InlineData("li", "linkedin")]
    [InlineData("bsky", "bluesky")]
    [InlineData("masto", "mastodon")]
    [InlineData("Fediverse", "mastodon")]
    [InlineData("other", "other")]
    public void ChannelNamesPeopleUseAreReadAsTheirPlatform(string name, string expected)
    {
        var channel = MetadataNames.ReadChannel(name, out var warning);

        Assert.Null(warning);
        Assert.Equal(new Channel(expected), channel);
        Assert.Equal(Channel.KnownNames.ToList().IndexOf(expected), channel!.Value.KnownIndex);
    }

    [Fact]
    public void AnAliasIsTheSameValueAsItsPlatformEverywhereTheVocabularyIsUsed()
    {
        Assert.Equal(Channel.X, new Channel("twitter"));
        Assert.Equal("x", new Channel("TWITTER").ToString());
        Assert.True(Channel.TryParse("fb", out var facebook));
        Assert.Equal(Channel.Facebook, facebook);
    }

    [Fact]
    public void TheModelsChannelSlotsDoNotMove() =>
        Assert.Equal(["facebook", "instagram", "linkedin", "mastodon", "bluesky", "youtube", "x", "other"], Channel.KnownNames);

    [Fact]
    public void AnUnknownChannelNameIsUnknownWithAWarningNotAnError()
    {
        var channel = MetadataNames.ReadChannel("TikTok", out var warning);

        Assert.Null(channel);
        Assert.Contains("'TikTok'", warning, StringComparison.Ordinal);
        Assert.Contains("twitter", warning, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void NoChannelIsUnknownWithoutAWarning(string? name)
    {
        Assert.Null(MetadataNames.ReadChannel(name, out var warning));
        Assert.Null(warning);
    }

    [Theory]
    [InlineData(null, InteractionKind.Unknown)]
    [InlineData("", InteractionKind.Unknown)]
    [InlineData("Reply", InteractionKind.Reply)]
    [InlineData(" dm ", InteractionKind.Dm)]
    public void AMissingKindIsUnknownNeverAPost(string? name, InteractionKind expected)
    {
        Assert.True(MetadataNames.TryReadKind(name, out var kind, out _));
        Assert.Equal(expected, kind);
    }

    [Fact]
    public void AKindOutsideTheVocabularyIsAProblemNamingIt()
    {
        Assert.False(MetadataNames.TryReadKind("story", out _, out var problem));
        Assert.Contains("'story'", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData(" ", null)]
    [InlineData(" IT ", "it")]
    public void LanguagesAreTrimmedLowercaseOrUnknown(string? given, string? expected) =>
        Assert.Equal(expected, MetadataNames.ReadLanguage(given));
}
