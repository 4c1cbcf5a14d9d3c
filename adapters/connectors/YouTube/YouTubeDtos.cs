using System.Text.Json;
using System.Text.Json.Serialization;

namespace Engagement.Connectors.YouTube;

// The fields the connector reads of the YouTube Data API v3 resources (discovery document youtube/v3: Channel,
// PlaylistItem, Video, CommentThread, Comment, and the Google error body). Everything is optional: the discovery
// revision changes without notice, deleted videos stay in playlists without their details, authors without a
// channel have no authorChannelId. Items are read as raw elements and each is deserialised alone, so one odd item is
// that item's bad record. Counters are uint64 sent as JSON strings ("4817"), read with AllowReadingFromString.

/// <summary>Every list response: <c>{items, nextPageToken}</c>; no <c>nextPageToken</c> means the last page.</summary>
internal sealed record YouTubeListResponse
{
    public IReadOnlyList<JsonElement>? Items { get; init; }

    public string? NextPageToken { get; init; }
}

internal sealed record YouTubeChannel
{
    /// <summary><c>UC</c> and 22 characters: the stable id.</summary>
    public string? Id { get; init; }

    public YouTubeChannelSnippet? Snippet { get; init; }

    public YouTubeChannelDetails? ContentDetails { get; init; }
}

internal sealed record YouTubeChannelSnippet
{
    public string? Title { get; init; }

    /// <summary>The handle, <c>@panificioaurora</c>.</summary>
    public string? CustomUrl { get; init; }
}

internal sealed record YouTubeChannelDetails
{
    public YouTubeRelatedPlaylists? RelatedPlaylists { get; init; }
}

internal sealed record YouTubeRelatedPlaylists
{
    /// <summary>The uploads playlist, <c>UU</c> and the channel id's 22 characters.</summary>
    public string? Uploads { get; init; }
}

/// <summary>An item of the uploads playlist: which video, and when it was published.</summary>
internal sealed record YouTubePlaylistItem
{
    public YouTubePlaylistSnippet? Snippet { get; init; }

    public YouTubePlaylistDetails? ContentDetails { get; init; }
}

internal sealed record YouTubePlaylistSnippet
{
    /// <summary>When the item was added to the playlist.</summary>
    public string? PublishedAt { get; init; }

    public string? Title { get; init; }

    public YouTubeResourceId? ResourceId { get; init; }
}

internal sealed record YouTubeResourceId
{
    public string? VideoId { get; init; }
}

internal sealed record YouTubePlaylistDetails
{
    public string? VideoId { get; init; }

    /// <summary>When the video was published; missing for a deleted or private video.</summary>
    public string? VideoPublishedAt { get; init; }
}

/// <summary>A video with its text and counters (<c>videos.list?part=snippet,statistics</c>).</summary>
internal sealed record YouTubeVideo
{
    public string? Id { get; init; }

    public YouTubeVideoSnippet? Snippet { get; init; }

    public YouTubeVideoStatistics? Statistics { get; init; }
}

internal sealed record YouTubeVideoSnippet
{
    public string? PublishedAt { get; init; }

    public string? Title { get; init; }

    /// <summary>Plain text with line breaks.</summary>
    public string? Description { get; init; }

    public string? DefaultLanguage { get; init; }

    public string? DefaultAudioLanguage { get; init; }
}

/// <summary>Counters; <c>likeCount</c> is missing when hidden, <c>commentCount</c> when comments are disabled.</summary>
internal sealed record YouTubeVideoStatistics
{
    public long? ViewCount { get; init; }

    public long? LikeCount { get; init; }

    /// <summary>Top-level comments and replies: the counter that says a video's comments changed.</summary>
    public long? CommentCount { get; init; }
}

/// <summary>A comment thread: the top-level comment, some of its replies, and how many replies it has.</summary>
internal sealed record YouTubeCommentThread
{
    public string? Id { get; init; }

    public YouTubeThreadSnippet? Snippet { get; init; }

    public YouTubeThreadReplies? Replies { get; init; }
}

internal sealed record YouTubeThreadSnippet
{
    public string? VideoId { get; init; }

    public JsonElement? TopLevelComment { get; init; }

    public long? TotalReplyCount { get; init; }
}

/// <summary>Only some of the replies; <see cref="YouTubeThreadSnippet.TotalReplyCount"/> is the real number.</summary>
internal sealed record YouTubeThreadReplies
{
    public IReadOnlyList<JsonElement>? Comments { get; init; }
}

internal sealed record YouTubeComment
{
    /// <summary>A top-level comment's id is its thread's; a reply's is <c>&lt;top-level id&gt;.&lt;suffix&gt;</c>.</summary>
    public string? Id { get; init; }

    public YouTubeCommentSnippet? Snippet { get; init; }
}

internal sealed record YouTubeCommentSnippet
{
    public string? VideoId { get; init; }

    /// <summary>HTML (<c>&lt;br&gt;</c>, <c>&lt;a href&gt;</c> for links, timestamps and @mentions, entities).</summary>
    public string? TextDisplay { get; init; }

    /// <summary>The raw text; only guaranteed for the comment's own author.</summary>
    public string? TextOriginal { get; init; }

    /// <summary>Replies only: the top-level comment (YouTube has one level of replies).</summary>
    public string? ParentId { get; init; }

    /// <summary>The author's handle, <c>@name</c>.</summary>
    public string? AuthorDisplayName { get; init; }

    /// <summary><c>{"value": "UC…"}</c>; missing for an author without a channel. Read leniently.</summary>
    public JsonElement? AuthorChannelId { get; init; }

    public long? LikeCount { get; init; }

    public string? PublishedAt { get; init; }
}

/// <summary>The Google error body: <c>{"error": {"code", "message", "errors": [{"reason", "domain"}], "status"}}</c>.</summary>
internal sealed record YouTubeErrorBody
{
    public YouTubeError? Error { get; init; }
}

internal sealed record YouTubeError
{
    public string? Message { get; init; }

    public string? Status { get; init; }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(YouTubeListResponse))]
[JsonSerializable(typeof(YouTubeChannel))]
[JsonSerializable(typeof(YouTubePlaylistItem))]
[JsonSerializable(typeof(YouTubeVideo))]
[JsonSerializable(typeof(YouTubeCommentThread))]
[JsonSerializable(typeof(YouTubeComment))]
[JsonSerializable(typeof(YouTubeErrorBody))]
internal sealed partial class YouTubeJson : JsonSerializerContext;
