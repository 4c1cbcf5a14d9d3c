using System.Text.Json.Nodes;

namespace Engagement.Testing;

/// <summary>
/// The brand's LinkedIn organization as the fixtures record it (Forno Brunetti, urn:li:organization:89541236: two
/// pages of posts, the comments on the panettone post and the replies to Chiara's comment), plus the exchanges they do
/// not hold, written here in the same documented shapes: the <c>socialMetadata</c> batches of the two pages of posts,
/// and the comments on the two other posts that have some.
/// </summary>
public static class LinkedInReplay
{
    public const string Organization = "urn:li:organization:89541236";
    public const string Token = "AQVFixtureMemberToken";

    public const string Panettone = "urn:li:share:7402846519273508864";
    public const string Brioche = "urn:li:share:7402123987650846720";
    public const string Reshare = "urn:li:share:7401399164120576000";
    public const string Hiring = "urn:li:share:7400710228397940736";
    public const string Sourdough = "urn:li:share:7399261775014281216";
    public const string Focaccia = "urn:li:share:7398177312658345984";
    public const string GlutenFree = "urn:li:share:7396733190852726784";

    /// <summary>Chiara's question on the panettone post, with two replies.</summary>
    public const string ChiaraComment = "urn:li:comment:(urn:li:activity:7402846520318963712,7402901234567890944)";

    /// <summary>The API root on the replay server, as <c>Engagement__Platforms__LinkedIn__BaseUrl</c>.</summary>
    public static Uri RestRoot(this PlatformReplay replay) => new(replay.Url, "/rest");

    /// <summary>The path of the comments on <paramref name="urn"/> as the server reads it: the client sends the URN encoded, the server decodes it.</summary>
    public static string CommentsPath(string urn) => $"/rest/socialActions/{urn}/comments";

    /// <summary>
    /// A fixture as the replay server matches it: its path decoded (the recordings show it as sent, URNs encoded) and
    /// a Rest.li <c>List(…)</c> in its query split at its commas, as the server splits query values.
    /// </summary>
    public static JsonObject AsServed(this JsonObject fixture)
    {
        var copy = (JsonObject)fixture.DeepClone();
        copy["request"]!["path"] = Uri.UnescapeDataString(copy["request"]!["path"]!.GetValue<string>());
        foreach (var (name, value) in copy["request"]!["query"]!.AsObject().ToList())
        {
            if (value is JsonValue text && text.GetValue<string>() is var decoded && decoded.StartsWith("List(", StringComparison.Ordinal))
            {
                copy["request"]!["query"]![name] = new JsonArray(Uri.UnescapeDataString(decoded).Split(',').Select(v => (JsonNode)v).ToArray());
            }
        }

        return copy;
    }

    /// <summary>A recorded exchange, served as the server matches it.</summary>
    public static PlatformReplay ServeLinkedIn(this PlatformReplay replay, string name) => replay.Serve(PlatformReplay.Load("linkedin", name).AsServed());

    public static PlatformReplay ServeLinkedInOrganization(this PlatformReplay replay, JsonObject? page1 = null, JsonObject? page1Counters = null)
    {
        replay.Serve(page1 ?? PlatformReplay.Load("linkedin", "posts-page1"))
            .ServeLinkedIn("posts-page2-last")
            .Serve(page1Counters ?? Counters((Panettone, 50, 5), (Brioche, 22, 0), (Reshare, 9, 0), (Hiring, 14, 1), (Sourdough, 7, 0)))
            .Serve(Counters((Focaccia, 18, 0), (GlutenFree, 31, 1)))
            .ServeLinkedIn("comments-on-post")
            .ServeLinkedIn("comments-on-comment")
            .Serve(Comments(Hiring, Comment("7400800000000000001", "urn:li:person:Lm4nO7pQ1r", "Ho mandato il CV, grazie!", 1795900000000)))
            .Serve(Comments(GlutenFree, Comment("7396800000000000001", "urn:li:person:Qw9rT2yU4i", "Finalmente! Anche il sabato?", 1794700000000)));
        return replay;
    }

    /// <summary>
    /// A <c>socialMetadata</c> batch for <paramref name="posts"/> (URN, reactions, comments), in the shape of
    /// social-metadata-batch.
    /// </summary>
    public static JsonObject Counters(params (string Urn, int Likes, int Comments)[] posts)
    {
        var exchange = PlatformReplay.Load("linkedin", "social-metadata-batch");
        exchange["description"] = "written by the tests, in the shape of social-metadata-batch";
        exchange["request"]!["query"]!["ids"] = $"List({string.Join(',', posts.Select(p => Uri.EscapeDataString(p.Urn)))})";
        var results = new JsonObject();
        var statuses = new JsonObject();
        foreach (var (urn, likes, comments) in posts)
        {
            results[urn] = new JsonObject
            {
                ["reactionSummaries"] = new JsonObject { ["LIKE"] = new JsonObject { ["reactionType"] = "LIKE", ["count"] = likes } },
                ["commentsState"] = "OPEN",
                ["commentSummary"] = new JsonObject { ["count"] = comments, ["topLevelCount"] = comments },
                ["entity"] = urn,
            };
            statuses[urn] = 200;
        }

        exchange["response"]!["body"] = new JsonObject { ["results"] = results, ["statuses"] = statuses, ["errors"] = new JsonObject() };
        return exchange.AsServed();
    }

    /// <summary>The comments on <paramref name="urn"/>, in the shape of comments-on-post.</summary>
    public static JsonObject Comments(string urn, params JsonNode[] comments)
    {
        var exchange = PlatformReplay.Load("linkedin", "comments-on-post");
        exchange["description"] = "written by the tests, in the shape of comments-on-post";
        exchange["request"]!["path"] = CommentsPath(urn);
        exchange["response"]!["body"] = new JsonObject
        {
            ["paging"] = new JsonObject { ["start"] = 0, ["count"] = 10, ["links"] = new JsonArray(), ["total"] = comments.Length },
            ["elements"] = new JsonArray(comments.Select(c => c.DeepClone()).ToArray()),
        };
        return exchange;
    }

    public static JsonObject Comment(string id, string actor, string text, long time, string activity = "urn:li:activity:7400000000000000000")
    {
        var urn = $"urn:li:comment:({activity},{id})";
        return new JsonObject
        {
            ["actor"] = actor,
            ["commentUrn"] = urn,
            ["created"] = new JsonObject { ["actor"] = actor, ["time"] = time },
            ["id"] = id,
            ["lastModified"] = new JsonObject { ["actor"] = actor, ["time"] = time },
            ["likesSummary"] = new JsonObject { ["selectedLikes"] = new JsonArray(), ["aggregatedTotalLikes"] = 0, ["likedByCurrentUser"] = false, ["totalLikes"] = 0 },
            ["message"] = new JsonObject { ["attributes"] = new JsonArray(), ["text"] = text },
            ["object"] = activity,
            ["commentsSummary"] = new JsonObject { ["selectedComments"] = new JsonArray(), ["aggregatedTotalComments"] = 0, ["totalFirstLevelComments"] = 0 },
            ["$URN"] = urn,
        };
    }
}
