using System.Text.Json.Nodes;

namespace Engagement.Testing;

/// <summary>
/// What the Facebook and Instagram replays share: the Graph API host whose <c>paging.next</c> links the recordings
/// carry in their bodies (rewritten to the loopback server, as the fixtures' README asks), and the version path.
/// </summary>
public static class MetaReplay
{
    public const string Origin = "https://graph.facebook.com";

    /// <summary>The Graph API root on the replay server, version path included, as <c>Engagement__Platforms__Meta__BaseUrl</c>.</summary>
    public static Uri GraphRoot(this PlatformReplay replay) => new(replay.Url, "/v25.0");

    /// <summary>A fixture with the Graph host in its body (paging links) moved to the replay server.</summary>
    public static JsonObject OnLoopback(this JsonObject fixture, PlatformReplay replay) =>
        JsonNode.Parse(fixture.ToJsonString().Replace(Origin, replay.Url.GetLeftPart(UriPartial.Authority), StringComparison.Ordinal))!.AsObject();

    /// <summary>A fixture served as recorded, its paging links on the replay server.</summary>
    public static PlatformReplay ServeGraph(this PlatformReplay replay, string platform, string name) =>
        replay.Serve(PlatformReplay.Load(platform, name).OnLoopback(replay), Origin);

    /// <summary>The exchange of <paramref name="request"/>'s fixture answered with <paramref name="answer"/>'s response (an error for that call).</summary>
    public static JsonObject AnsweredWith(this JsonObject request, string platform, string answer)
    {
        var copy = (JsonObject)request.DeepClone();
        copy["response"] = PlatformReplay.Load(platform, answer)["response"]!.DeepClone();
        return copy;
    }

    /// <summary>A list edge's body as Graph writes it: <c>data</c>, cursors, no <c>next</c> (the last page).</summary>
    public static JsonObject ListBody(params JsonNode[] items) => new()
    {
        ["data"] = new JsonArray(items.Select(i => i.DeepClone()).ToArray()),
        ["paging"] = new JsonObject { ["cursors"] = new JsonObject { ["before"] = "QVFIUmZAhWritten", ["after"] = "QVFIUmJTWritten" } },
    };
}
