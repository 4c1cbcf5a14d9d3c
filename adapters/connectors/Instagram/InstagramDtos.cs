using System.Text.Json;
using System.Text.Json.Serialization;

namespace Engagement.Connectors.Instagram;

// The fields the connector reads of an Instagram professional account's media and comments (docs:
// instagram-api/reference/ig-media, ig-comment, ig-user/tags). Graph omits empty fields: "caption" is absent on media
// without one, "like_count" when the owner hides likes, "from" on some comments; so everything is optional. Times are
// strings: Meta writes "+0000".

/// <summary>A media object: the account's own (<c>/media</c>) or another account's that tags it (<c>/tags</c>).</summary>
internal sealed record InstagramMedia
{
    public string? Id { get; init; }

    /// <summary>Plain text, hashtags and emoji inline; absent when there is none.</summary>
    public string? Caption { get; init; }

    /// <summary>Comments and their replies (the caption excluded): the counter a thread is re-read on.</summary>
    public long? CommentsCount { get; init; }

    /// <summary>Absent when the owner hides like counts.</summary>
    public long? LikeCount { get; init; }

    /// <summary><c>FEED</c>, <c>REELS</c>, <c>STORY</c>, <c>AD</c>.</summary>
    public string? MediaProductType { get; init; }

    /// <summary><c>IMAGE</c>, <c>VIDEO</c>, <c>CAROUSEL_ALBUM</c>.</summary>
    public string? MediaType { get; init; }

    public string? Permalink { get; init; }

    public string? Timestamp { get; init; }

    /// <summary>The author's handle, without <c>@</c>.</summary>
    public string? Username { get; init; }
}

/// <summary>A comment, top-level or a reply (then with <c>parent_id</c>); threads have two levels.</summary>
internal sealed record InstagramComment
{
    public string? Id { get; init; }

    public string? Text { get; init; }

    public string? Timestamp { get; init; }

    public string? Username { get; init; }

    /// <summary>The commenter: its Instagram-scoped id and handle.</summary>
    public InstagramUser? From { get; init; }

    /// <summary>Returned only when the account the app acts for wrote the comment: the brand's mark.</summary>
    public InstagramUser? User { get; init; }

    public long? LikeCount { get; init; }

    /// <summary>Hidden by the owner: still listed to it, and still a message someone wrote.</summary>
    public bool? Hidden { get; init; }

    /// <summary>The top-level comment a reply answers (a reply to a reply is filed under the top-level one).</summary>
    public string? ParentId { get; init; }

    /// <summary>The expanded <c>replies{...}</c> edge: a list with its own paging.</summary>
    public JsonElement? Replies { get; init; }
}

internal sealed record InstagramUser
{
    public string? Id { get; init; }

    public string? Username { get; init; }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(InstagramMedia))]
[JsonSerializable(typeof(InstagramComment))]
internal sealed partial class InstagramJson : JsonSerializerContext;
