using Engagement.Connectors.Platforms;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Engagement.Connectors.Tests.Platforms;

public sealed class PlatformUrisTests
{
    [Theory]
    [InlineData("https://www.googleapis.com/youtube/v3", "commentThreads", "https://www.googleapis.com/youtube/v3/commentThreads")]
    [InlineData("https://www.googleapis.com/youtube/v3/", "/commentThreads", "https://www.googleapis.com/youtube/v3/commentThreads")]
    [InlineData("https://api.linkedin.com/rest", "/posts", "https://api.linkedin.com/rest/posts")]
    [InlineData("https://graph.facebook.com/v25.0", "108457912345678/posts", "https://graph.facebook.com/v25.0/108457912345678/posts")]
    [InlineData("http://127.0.0.1:5123/proxy/rest", "posts", "http://127.0.0.1:5123/proxy/rest/posts")]
    public void ABaseUrlKeepsItsPath(string baseUrl, string relative, string expected) =>
        Assert.Equal(expected, PlatformUris.Combine(new Uri(baseUrl), relative).AbsoluteUri);

    [Fact]
    public void QueryNamesAndValuesAreEscaped()
    {
        var url = PlatformUris.Combine(new Uri("https://api.linkedin.com/rest"), "posts", [new("author", "urn:li:organization:89541236"), new("types[]", "mention")]);

        Assert.Equal("https://api.linkedin.com/rest/posts?author=urn%3Ali%3Aorganization%3A89541236&types%5B%5D=mention", url.AbsoluteUri);
    }

    [Theory]
    [InlineData("https://mastodon.example", true)]
    [InlineData("http://127.0.0.1:8080", true)]
    [InlineData("http://localhost:8080", true)]
    [InlineData("http://[::1]:8080", true)]
    [InlineData("http://mastodon.example", false)]
    [InlineData("http://10.0.0.5", false)]
    [InlineData("ftp://mastodon.example", false)]
    public void PlainHttpIsOnlyForLoopback(string url, bool allowed) =>
        Assert.Equal(allowed, PlatformUris.Problem(new Uri(url)) is null);

    [Fact]
    public void EveryPlatformHasItsRealApiRootByDefault()
    {
        var options = new PlatformsOptions();

        Assert.Equal("https://public.api.bsky.app/", options.Bluesky.BaseUrl!.AbsoluteUri);
        Assert.Equal("https://graph.facebook.com/v25.0", options.Meta.BaseUrl!.AbsoluteUri);
        Assert.Equal("https://www.googleapis.com/youtube/v3", options.YouTube.BaseUrl!.AbsoluteUri);
        Assert.Equal("https://api.linkedin.com/rest", options.LinkedIn.BaseUrl!.AbsoluteUri);
        Assert.Null(options.Mastodon.BaseUrl); // each channel's server comes from its account
        Assert.Empty(options.Problems());
    }

    [Fact]
    public void APlainHttpApiRootOffLoopbackStopsTheHostAtStartNamingTheSetting()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Engagement:Platforms:YouTube:BaseUrl"] = "http://www.googleapis.com/youtube/v3",
            ["Engagement:Platforms:Bluesky:BaseUrl"] = "http://127.0.0.1:9000",
        }).Build();
        using var services = new ServiceCollection().AddLogging().AddEngagementConnectors(configuration).BuildServiceProvider();

        var failure = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<PlatformsOptions>>().Value);

        Assert.Contains("Engagement__Platforms__YouTube__BaseUrl must use https://", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Bluesky", failure.Message, StringComparison.Ordinal);
    }
}
