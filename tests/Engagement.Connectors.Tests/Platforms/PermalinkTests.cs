using Engagement.Connectors.Bluesky;
using Engagement.Connectors.Platforms;
using Engagement.Connectors.YouTube;

namespace Engagement.Connectors.Tests.Platforms;

/// <summary>The links the inbox and the report show: each platform's page of an interaction, and nothing unsafe.</summary>
public sealed class PermalinkTests
{
    [Theory]
    [InlineData("https://mastodon.example/@giulia_b/1176", "https://mastodon.example/@giulia_b/1176")]
    [InlineData("http://127.0.0.1:5000/@a/1", "http://127.0.0.1:5000/@a/1")]
    [InlineData("javascript:alert(1)", null)]
    [InlineData("/@giulia_b/1176", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void OnlyAnAbsoluteWebAddressIsKept(string? given, string? kept) =>
        Assert.Equal(kept, PlatformUris.Permalink(given));

    [Fact]
    public void ABlueskyPostLinksToItsPageOnBskyApp()
    {
        Assert.Equal(
            "https://bsky.app/profile/did:plc:abc123/post/3kxyz",
            BlueskyMapper.PermalinkOf("at://did:plc:abc123/app.bsky.feed.post/3kxyz"));
        Assert.Null(BlueskyMapper.PermalinkOf("at://did:plc:abc123/app.bsky.feed.like/3kxyz"));
    }

    [Fact]
    public void AYouTubeCommentLinksToItsVideoOpenAtTheComment()
    {
        Assert.Equal("https://www.youtube.com/watch?v=dQw4w9WgXcQ", YouTubeMapper.WatchUrl("dQw4w9WgXcQ", null));
        Assert.Equal("https://www.youtube.com/watch?v=dQw4w9WgXcQ&lc=UgzAbc", YouTubeMapper.WatchUrl("dQw4w9WgXcQ", "UgzAbc"));
    }
}
