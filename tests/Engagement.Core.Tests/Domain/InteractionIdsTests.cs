using Engagement.Core.Domain;

namespace Engagement.Core.Tests.Domain;

public sealed class InteractionIdsTests
{
    public static TheoryData<string> AwkwardIds => new()
    {
        "https://mastodon.example/@northside/113456789012345678",
        "at://did:plc:abc123/app.bsky.feed.post/3kx7y",
        "a/b\\c#d?e",
        "urn:li:activity:7251234567890123456",
        "caffè-ñandú-日本語-🔥",
        "line\nbreak\ttab\u0001control",
        "~looks-encoded",
        "with space",
        new string('x', 5_000),
    };

    [Theory]
    [MemberData(nameof(AwkwardIds))]
    public void AnIdIsAUrlPathSegmentAsItIs(string platformId)
    {
        var id = InteractionIds.Of("instagram", platformId);
        var uri = new Uri($"https://engage.example/api/clients/acme/interactions/{id}/label");

        // Unreserved characters, plus ':' and '@' which a path segment allows unescaped.
        Assert.All(id, c => Assert.True(char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~' or ':' or '@', $"'{c}' in {id}"));
        Assert.Equal(id, Uri.UnescapeDataString(uri.Segments[^2].TrimEnd('/')));
        Assert.True(InteractionIds.TryParse(id, out var channel, out _));
        Assert.Equal("instagram", channel);
    }

    [Theory]
    [MemberData(nameof(AwkwardIds))]
    public void AnIdIsALegalTableRowKey(string platformId)
    {
        var id = InteractionIds.Of("instagram", platformId);

        Assert.DoesNotContain(id, c => c is '/' or '\\' or '#' or '?' || char.IsControl(c));
        Assert.True(System.Text.Encoding.UTF8.GetByteCount(id) < 1024);
        Assert.Equal(id, InteractionIds.Of("instagram", platformId));
    }

    [Theory]
    [MemberData(nameof(AwkwardIds))]
    public void EncodedIdsDecodeBackUnlessHashed(string id)
    {
        var encoded = InteractionIds.EncodePlatformId(id);

        var decoded = InteractionIds.DecodePlatformId(encoded);

        Assert.True(decoded == id || (decoded is null && encoded.StartsWith("~~", StringComparison.Ordinal)));
    }

    [Fact]
    public void PlainIdsStayReadable()
    {
        Assert.Equal("17895695668004550", InteractionIds.EncodePlatformId("17895695668004550"));
        Assert.Equal("1029384756_5647382910", InteractionIds.EncodePlatformId("1029384756_5647382910"));
        Assert.Equal("facebook_1029384756_5647382910", InteractionIds.Of("facebook", "1029384756_5647382910"));
    }

    [Fact]
    public void AnIdThatLooksEncodedDoesNotCollideWithTheIdItEncodes()
    {
        var url = "https://example.com/p/1";
        var encoded = InteractionIds.EncodePlatformId(url);

        Assert.NotEqual(encoded, InteractionIds.EncodePlatformId(encoded));
    }

    [Theory]
    [InlineData("")]
    [InlineData("instagram")]
    [InlineData("instagram_")]
    [InlineData("_123")]
    [InlineData("Instagram_123")]
    [InlineData("instagram_a/b")]
    [InlineData("instagram_~a/b")]
    [InlineData("instagram_12 3")]
    public void IdsNoInteractionCanHaveAreRefused(string id) =>
        Assert.False(InteractionIds.TryParse(id, out _, out _));
}
