using System.Text.Json.Serialization;

namespace Engagement.Connectors.Facebook;

// The fields the connector reads of a Page's posts and comments (docs: graph-api/reference/page-post, comment,
// object/comments). Graph omits empty fields (a photo post has no "message" key at all) and "from" is missing when
// the token cannot see who wrote a comment, so everything is optional. Times are strings: Meta writes "+0000".

/// <summary>A Page post (or a post the Page is tagged in), with its counters expanded.</summary>
internal sealed record FacebookPost
{
    /// <summary><c>{page-id}_{post-id}</c>.</summary>
    public string? Id { get; init; }

    public string? CreatedTime { get; init; }

    /// <summary>Plain text: no markup, emoji and hashtags inline; absent on a post of media alone.</summary>
    public string? Message { get; init; }

    /// <summary>Text Facebook writes itself ("Forno Brunetti shared a post."): not the author's words.</summary>
    public string? Story { get; init; }

    public FacebookActor? From { get; init; }

    public string? PermalinkUrl { get; init; }

    /// <summary><c>added_photos</c>, <c>mobile_status_update</c>, <c>shared_story</c> (a share of another post)...</summary>
    public string? StatusType { get; init; }

    /// <summary>The post a share shares.</summary>
    public string? ParentId { get; init; }

    public bool? IsHidden { get; init; }

    /// <summary>Absent when nobody shared the post.</summary>
    public FacebookCount? Shares { get; init; }

    /// <summary>Requested as <c>comments.filter(stream).limit(0).summary(true)</c>: every level.</summary>
    public FacebookEdge? Comments { get; init; }

    public FacebookEdge? Reactions { get; init; }
}

/// <summary>A comment or a reply, as <c>filter=stream</c> lists them: flat, with <c>parent</c> on replies.</summary>
internal sealed record FacebookComment
{
    /// <summary><c>{post-object-id}_{comment-id}</c>.</summary>
    public string? Id { get; init; }

    /// <summary>Plain text; an empty string for a sticker, photo or GIF alone (then in <see cref="Attachment"/>).</summary>
    public string? Message { get; init; }

    public string? CreatedTime { get; init; }

    public FacebookActor? From { get; init; }

    /// <summary>The comment this one answers; absent on a comment on the post itself.</summary>
    public FacebookRef? Parent { get; init; }

    public long? CommentCount { get; init; }

    public long? LikeCount { get; init; }

    /// <summary>Hidden by the Page: still listed to it, and still a message someone wrote.</summary>
    public bool? IsHidden { get; init; }

    public FacebookAttachment? Attachment { get; init; }
}

internal sealed record FacebookActor
{
    public string? Id { get; init; }

    public string? Name { get; init; }
}

internal sealed record FacebookRef
{
    public string? Id { get; init; }
}

internal sealed record FacebookCount
{
    public long? Count { get; init; }
}

/// <summary>An edge read only for its summary (<c>.limit(0).summary(true)</c>).</summary>
internal sealed record FacebookEdge
{
    public FacebookSummary? Summary { get; init; }
}

internal sealed record FacebookSummary
{
    public long? TotalCount { get; init; }
}

internal sealed record FacebookAttachment
{
    public string? Type { get; init; }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(FacebookPost))]
[JsonSerializable(typeof(FacebookComment))]
internal sealed partial class FacebookJson : JsonSerializerContext;
