using System.Text.Json.Nodes;

namespace Engagement.Testing;

/// <summary>
/// The brand's Instagram professional account as the fixtures record it (Forno Brunetti, 17841452210987654: two pages
/// of media, the comments of the panettone reel with their replies, the media that tag the account), plus the
/// exchanges they do not hold, written here in the same documented shape: the comments of the other media with
/// comments, and the empty page that ends <c>/tags</c>.
/// </summary>
public static class InstagramReplay
{
    public const string AccountId = "17841452210987654";
    public const string Token = "EAAFixtureLongLivedUserToken";

    /// <summary>The panettone reel: four top-level comments, two replies under Giulia's.</summary>
    public const string Reel = "18063194528741236";

    /// <summary>A carousel without a caption, with two comments.</summary>
    public const string Carousel = "17958201473658412";

    /// <summary>The croissant photo: likes hidden by the owner, no comments.</summary>
    public const string Croissant = "18024417736290155";

    /// <summary>"10.000 grazie", with four comments.</summary>
    public const string Thanks = "18301129457702384";

    public const string Workshop = "17989632014578821";

    public const string GiuliaQuestion = "17982736450918273";

    public static string CommentsPath(string mediaId) => $"/v25.0/{mediaId}/comments";

    public static PlatformReplay ServeInstagramAccount(this PlatformReplay replay, JsonObject? page1 = null, JsonObject? reelComments = null)
    {
        replay.Serve((page1 ?? PlatformReplay.Load("instagram", "media-page1")).OnLoopback(replay), MetaReplay.Origin)
            .ServeGraph("instagram", "media-page2-last")
            .ServeGraph("instagram", "tags-page1")
            .Serve((reelComments ?? PlatformReplay.Load("instagram", "media-comments")).OnLoopback(replay), MetaReplay.Origin);

        var tagsEnd = PlatformReplay.Load("instagram", "tags-page1");
        tagsEnd["description"] = "written by the tests: the page after the last tag is empty";
        tagsEnd["request"]!["query"]!["after"] = "QVFIUnk4ZAEpCZAFNOZAm1B";
        tagsEnd["response"]!["body"] = new JsonObject { ["data"] = new JsonArray() };
        replay.Serve(tagsEnd);

        replay.Serve(Comments(
            Carousel,
            Comment("17900011122233344", "Che belle! Dove le trovo?", "7284019384756102", "giulia.ferraro_", "2026-12-03T08:10:00+0000"),
            Comment("17900011122233355", "😍😍😍", "6619283746501928", "sarah.eats.italy", "2026-12-03T09:00:00+0000")));
        replay.Serve(Comments(
            Thanks,
            Comment("17900022233344411", "Complimenti!! 🎉", "6619283746501928", "sarah.eats.italy", "2026-11-28T19:00:00+0000"),
            Comment("17900022233344422", "Passo sabato per l'assaggio 😋", "7730111122223333", "anna.to", "2026-11-28T20:00:00+0000", replies: [Comment("17900022233344433", "@anna.to ti aspettiamo!", AccountId, "fornobrunetti", "2026-11-28T20:30:00+0000", parent: "17900022233344422", brand: true)]),
            Comment("17900022233344444", "", "7730111122224444", "pietro.g", "2026-11-29T07:00:00+0000")));
        replay.Serve(Comments(Workshop, Comment("17900033344455511", "Is it suitable for beginners?", "6619283746501928", "sarah.eats.italy", "2026-11-24T16:00:00+0000")));
        return replay;
    }

    /// <summary>A media's comments as the connector asks for them (the recorded request of the reel's comments).</summary>
    public static JsonObject Comments(string mediaId, params JsonNode[] comments)
    {
        var exchange = PlatformReplay.Load("instagram", "media-comments");
        exchange["description"] = "written by the tests, in the shape of media-comments";
        exchange["request"]!["path"] = CommentsPath(mediaId);
        exchange["response"]!["body"] = MetaReplay.ListBody(comments);
        return exchange;
    }

    public static JsonObject Comment(string id, string text, string? fromId, string username, string timestamp, string? parent = null, bool brand = false, JsonNode[]? replies = null)
    {
        var comment = new JsonObject { ["id"] = id, ["text"] = text, ["timestamp"] = timestamp, ["username"] = username };
        if (fromId is not null)
        {
            comment["from"] = new JsonObject { ["id"] = fromId, ["username"] = username };
        }

        if (brand)
        {
            comment["user"] = new JsonObject { ["id"] = fromId };
        }

        comment["like_count"] = 0;
        comment["hidden"] = false;
        if (parent is not null)
        {
            comment["parent_id"] = parent;
        }

        if (replies is not null)
        {
            comment["replies"] = new JsonObject { ["data"] = new JsonArray(replies.Select(r => r.DeepClone()).ToArray()) };
        }

        return comment;
    }
}
