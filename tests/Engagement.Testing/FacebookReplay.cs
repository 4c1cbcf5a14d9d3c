using System.Text.Json.Nodes;

namespace Engagement.Testing;

/// <summary>
/// The brand's Facebook Page as the fixtures record it (Forno Brunetti, Page 108457912345678: two pages of posts, the
/// whole comment stream of the panettone post, the posts that tag the Page), plus the exchanges they do not hold,
/// written here in the same documented shape: the comment streams of the other posts that have comments.
/// </summary>
public static class FacebookReplay
{
    public const string PageId = "108457912345678";
    public const string Token = "EAAFixturePageToken";

    /// <summary>The panettone post: 8 comments in the recorded stream.</summary>
    public const string Panettone = "108457912345678_122150318829463301";

    /// <summary>A photo without a caption, with one comment.</summary>
    public const string Photo = "108457912345678_122150201934517782";

    /// <summary>A share of Torino Food Lovers' post, with the Page's own caption.</summary>
    public const string Share = "108457912345678_122149987120384455";

    /// <summary>The opening hours, with two comments.</summary>
    public const string Hours = "108457912345678_122149760455190012";

    /// <summary>The sourdough workshop, on page 2, with three comments.</summary>
    public const string Workshop = "108457912345678_122149512390871234";

    public const string Focaccia = "108457912345678_122149301876542210";

    public static string CommentsPath(string postId) => $"/v25.0/{postId}/comments";

    public static PlatformReplay ServeFacebookPage(this PlatformReplay replay, JsonObject? page1 = null)
    {
        replay.Serve((page1 ?? PlatformReplay.Load("facebook", "posts-page1")).OnLoopback(replay), MetaReplay.Origin)
            .ServeGraph("facebook", "posts-page2-last")
            .ServeGraph("facebook", "page-tagged")
            .ServeGraph("facebook", "post-comments-stream");
        replay.Serve(Comments(Photo, Comment("122150201934517782_881234567812345", "Che meraviglia! Domani le avete ancora?", "7391827364519283", "Giulia Ferraro", "2026-12-03T09:02:41+0000")));
        replay.Serve(Comments(
            Hours,
            Comment("122149760455190012_771234567890123", "Il 7 dicembre siete aperti?", "8810273645192837", "Sarah Thompson", "2026-11-29T18:10:00+0000"),
            Comment("122149760455190012_771234567890456", "Sì, fino alle 13 😊", PageId, "Forno Brunetti", "2026-11-30T14:22:09+0000", parent: "122149760455190012_771234567890123")));
        replay.Serve(Comments(
            Workshop,
            Comment("122149512390871234_661234567890001", "Is it in English too?", "8810273645192837", "Sarah Thompson", "2026-11-24T18:00:00+0000"),
            Comment("122149512390871234_661234567890002", "Yes! Both languages, just ask 🙂", PageId, "Forno Brunetti", "2026-11-24T19:30:00+0000", parent: "122149512390871234_661234567890001"),
            Comment("122149512390871234_661234567890003", "Prenotato, non vedo l'ora!", "7102938475610293", "Luca Moretti", "2026-11-25T07:48:02+0000")));
        return replay;
    }

    /// <summary>A post's whole comment stream, as the connector asks for it (the recorded request of the panettone post).</summary>
    public static JsonObject Comments(string postId, params JsonNode[] comments)
    {
        var exchange = PlatformReplay.Load("facebook", "post-comments-stream");
        exchange["description"] = "written by the tests, in the shape of post-comments-stream";
        exchange["request"]!["path"] = CommentsPath(postId);
        var body = MetaReplay.ListBody(comments);
        body["summary"] = new JsonObject { ["order"] = "chronological", ["total_count"] = comments.Length, ["can_comment"] = true };
        exchange["response"]!["body"] = body;
        return exchange;
    }

    public static JsonObject Comment(string id, string message, string? fromId, string? fromName, string createdTime, string? parent = null)
    {
        var comment = new JsonObject { ["id"] = id, ["message"] = message, ["created_time"] = createdTime };
        if (fromId is not null)
        {
            comment["from"] = new JsonObject { ["name"] = fromName, ["id"] = fromId };
        }

        if (parent is not null)
        {
            comment["parent"] = new JsonObject { ["id"] = parent };
        }

        comment["comment_count"] = 0;
        comment["like_count"] = 0;
        comment["is_hidden"] = false;
        return comment;
    }
}
