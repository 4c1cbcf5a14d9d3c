using System.Text.Json.Nodes;
namespace Engagement.Testing;

/// <summary>
/// The brand's Mastodon server as the fixtures record it (Panificio Aurora on mastodon.example), plus the few
/// exchanges they do not hold, written here from the same documented shapes: a status read by id, the context of
/// the brand's reply to Marco and of Emma's reply, the English post's empty thread and the empty notifications page 2.
/// </summary>
public static class MastodonReplay
{
    public const string Origin = "https://mastodon.example";
    public const string BrandId = "109313316618244242";
    public const string S1 = "117687524544873649";
    public const string BrandReplyToMarco = "117682746635977159";
    public const string EmmaReply = "117687604543488007";

    public static JsonArray Page1Body => (JsonArray)PlatformReplay.Load("mastodon", "statuses-page1")["response"]!["body"]!;

    public static PlatformReplay ServeBrand(this PlatformReplay replay, JsonObject? page1 = null)
    {
        var notifications = (JsonArray)PlatformReplay.Load("mastodon", "notifications-mentions")["response"]!["body"]!;
        var s1 = PlatformReplay.Load("mastodon", "statuses-page1")["response"]!["body"]!.AsArray().Single(s => s!["id"]!.GetValue<string>() == S1)!;
        var brandReply = PlatformReplay.Load("mastodon", "statuses-page1")["response"]!["body"]!.AsArray().Single(s => s!["id"]!.GetValue<string>() == BrandReplyToMarco)!;
        var emma = notifications.Select(n => n!["status"]!).Single(s => s["id"]!.GetValue<string>() == EmmaReply);

        // Marco's post that the brand answered lives on his own server; the brand's server knows it as an ancestor.
        var marco = emma.DeepClone().AsObject();
        marco["id"] = "117682621710336012";
        marco["created_at"] = "2026-11-26T12:00:00.000Z";
        marco["in_reply_to_id"] = null;
        marco["in_reply_to_account_id"] = null;
        marco["content"] = "<p>Domani passo a prendere il pane, a che ora aprite sabato?</p>";
        marco["language"] = "it";
        marco["account"]!["id"] = "110348992512000033";
        marco["account"]!["acct"] = "marco@social.example.org";

        return replay
            .Serve("mastodon", "account-lookup")
            .Serve(page1 ?? PlatformReplay.Load("mastodon", "statuses-page1"), Origin)
            .Serve("mastodon", "statuses-page2-last", Origin)
            .Serve("mastodon", "notifications-mentions", Origin)
            .Serve(PlatformReplay.Exchange("/api/v1/notifications", new JsonArray(), query: new Dictionary<string, string> { ["limit"] = "3", ["max_id"] = "398223771" }), priority: 50)
            .Serve("mastodon", "status-context-thread")
            .Serve("mastodon", "status-context-404-deleted")
            .Serve(PlatformReplay.Exchange("/api/v1/statuses/117672335878390060/context", new JsonObject { ["ancestors"] = new JsonArray(), ["descendants"] = new JsonArray() }))
            .Serve(PlatformReplay.Exchange($"/api/v1/statuses/{BrandReplyToMarco}", brandReply))
            .Serve(PlatformReplay.Exchange($"/api/v1/statuses/{BrandReplyToMarco}/context", new JsonObject { ["ancestors"] = new JsonArray(marco), ["descendants"] = new JsonArray() }))
            .Serve(PlatformReplay.Exchange($"/api/v1/statuses/{EmmaReply}", emma))
            .Serve(PlatformReplay.Exchange($"/api/v1/statuses/{EmmaReply}/context", new JsonObject { ["ancestors"] = new JsonArray(s1.DeepClone()), ["descendants"] = new JsonArray() }));
    }
}
