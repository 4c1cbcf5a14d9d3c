using System.Text.Json.Nodes;

namespace Engagement.Testing;

/// <summary>
/// Panificio Aurora's YouTube channel as the fixtures record it, on a loopback server under <c>/youtube/v3</c>. The
/// recordings show the API key as <c>key=</c> in the query, as Google's reference does; the connector sends it as the
/// <c>X-Goog-Api-Key</c> header instead, so the replay matches requests without it (tests check the header). The
/// exchanges the recordings lack are the <c>written-*</c> fixtures, in the same shape and labelled as written.
/// </summary>
public static class YouTubeReplay
{
    public const string ChannelId = "UCZmHK3pw8S54O6lpoTJlMew";
    public const string Handle = "@panificioaurora";
    public const string Panettone = "v-8eylu8918";
    public const string Crescentine = "aNFg5JL8Q8A";
    public const string Focaccia = "M5sHIKXIXKE";
    public const string Shorts = "bxop3vo5m8A";
    public const string Deleted = "oLKn1U0ewCk";
    public const string NoChannelAuthor = "Ugx7XuZy4s28TqyYb7A4AaABAg";
    public const string EnglishComment = "UgyueGXJdnroShv7bVS4AaABAg";
    public const string GiuliasThread = "UgzzPNBHJM5dOzVzkJ44AaABAg";
    public const string BrandReplyToGiulia = "UgzzPNBHJM5dOzVzkJ44AaABAg.jFYoJTvX0JMjFYxKkWKRig";
    public const string GiuliasThanks = "UgzzPNBHJM5dOzVzkJ44AaABAg.fZqFq2gTwskfZqRcPE71Hy";
    public const string MarcosReply = "UgzzPNBHJM5dOzVzkJ44AaABAg.VlD8aJyvkZCVlD6iO9QQCF";
    public const string Trees = "UgyfWqMj0uYpi3lyZ8G4AaABAg";
    public const string EmmasThread = "Ugy9d3ZAG3hq1vLCnRu4AaABAg";
    public const string LuciasThread = "UgwueslWwcTIBwbN4144AaABAg";
    public const string BrandReplyToLucia = "UgwueslWwcTIBwbN4144AaABAg.VuUIdLWfelhVuUXgkiIEHN";

    /// <summary>The API root the connector is given: the server with the real API's path.</summary>
    public static Uri ApiRoot(this PlatformReplay replay) => new(replay.Url, "/youtube/v3");

    /// <summary>Every exchange of a first sweep of the channel, given by handle.</summary>
    public static PlatformReplay ServeChannel(this PlatformReplay replay, JsonObject? videos1 = null, JsonObject? threads1 = null) => replay
        .Serve(Load("channels-forHandle"))
        .Serve(Load("playlistItems-uploads-page1"))
        .Serve(Load("playlistItems-uploads-page2-last"))
        .Serve(videos1 ?? Load("written-videos-page1"))
        .Serve(Load("written-videos-page2"))
        .Serve(threads1 ?? Load("commentThreads-video-page1"))
        .Serve(Load("commentThreads-video-page2-last"), priority: 90) // it names no videoId: without this, page 1 would match as well
        .Serve(Load("written-commentThreads-video2"))
        .Serve(Load("comments-replies"))
        .Serve(Load("commentThreads-channel-inbound"))
        .Serve(Load("written-commentThreads-channel-inbound-page2"));

    /// <summary>A recording as the connector's requests meet it: without <c>key=</c>, which travels as a header.</summary>
    public static JsonObject Load(string name)
    {
        var exchange = PlatformReplay.Load("youtube", name);
        exchange["request"]!["query"]?.AsObject().Remove("key");
        return exchange;
    }

    /// <summary>A recorded exchange whose answer is replaced by another recording's (an error for a request that succeeded).</summary>
    public static JsonObject Answering(string request, string response)
    {
        var exchange = Load(request);
        exchange["response"] = PlatformReplay.Load("youtube", response)["response"]!.DeepClone();
        return exchange;
    }
}
