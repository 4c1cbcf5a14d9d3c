using System.Text.Json;
using System.Text.Json.Serialization;

namespace Engagement.Connectors.LinkedIn;

// The fields the connector reads of LinkedIn's Posts, Comments, Social Metadata and Organization Lookup APIs (docs:
// marketing/community-management/shares/posts-api, comments-api, social-metadata-api, organization-lookup-api).
// Everything is optional: fields come and go between versions. Times are epoch milliseconds. Lists are read as raw
// elements and each item is deserialised alone, so one odd item is that item's bad record.

/// <summary>A Rest.li collection: <c>{"elements": [...], "paging": {"start", "count", "total"?}}</c>.</summary>
internal sealed record LinkedInCollection
{
    public IReadOnlyList<JsonElement>? Elements { get; init; }

    public LinkedInPaging? Paging { get; init; }
}

internal sealed record LinkedInPaging
{
    public int? Start { get; init; }

    public int? Count { get; init; }

    public int? Total { get; init; }
}

/// <summary>A post of the organization (<c>urn:li:share:…</c> or <c>urn:li:ugcPost:…</c>).</summary>
internal sealed record LinkedInPost
{
    public string? Id { get; init; }

    /// <summary>The organization's (or a member's) URN.</summary>
    public string? Author { get; init; }

    /// <summary>LinkedIn's "little text": mention and hashtag templates, reserved characters escaped with a backslash.</summary>
    public string? Commentary { get; init; }

    public long? CreatedAt { get; init; }

    public long? PublishedAt { get; init; }

    /// <summary><c>PUBLISHED</c>, <c>DRAFT</c>...</summary>
    public string? LifecycleState { get; init; }

    /// <summary>Set on a reshare: the post reshared (<c>parent</c>) and the original (<c>root</c>).</summary>
    public LinkedInReshare? ReshareContext { get; init; }
}

internal sealed record LinkedInReshare
{
    public string? Parent { get; init; }

    public string? Root { get; init; }
}

/// <summary>A comment on a post, or on a comment (then with <c>parentComment</c>); threads have two levels.</summary>
internal sealed record LinkedInComment
{
    public string? Id { get; init; }

    /// <summary><c>urn:li:comment:(urn:li:activity:…,ID)</c>: the id to store, and the key of its own replies.</summary>
    public string? CommentUrn { get; init; }

    [JsonPropertyName("$URN")]
    public string? Urn { get; init; }

    /// <summary>Who wrote it: a member, or the organization when an admin wrote as the page.</summary>
    public string? Actor { get; init; }

    /// <summary>The activity behind the post, not the post's own URN: threads are keyed by the post asked for.</summary>
    public string? Object { get; init; }

    public LinkedInAudit? Created { get; init; }

    /// <summary>Plain text, mentions marked by attributes; absent on an image alone.</summary>
    public LinkedInMessage? Message { get; init; }

    public string? ParentComment { get; init; }

    public LinkedInLikes? LikesSummary { get; init; }

    public LinkedInCommentCounts? CommentsSummary { get; init; }
}

internal sealed record LinkedInAudit
{
    public string? Actor { get; init; }

    public long? Time { get; init; }
}

internal sealed record LinkedInMessage
{
    public string? Text { get; init; }
}

internal sealed record LinkedInLikes
{
    public long? TotalLikes { get; init; }

    public long? AggregatedTotalLikes { get; init; }
}

internal sealed record LinkedInCommentCounts
{
    public long? TotalFirstLevelComments { get; init; }

    public long? AggregatedTotalComments { get; init; }
}

/// <summary>A batch of <c>socialMetadata</c>, keyed by the posts' URNs; each value is read alone.</summary>
internal sealed record LinkedInMetadataBatch
{
    public Dictionary<string, JsonElement>? Results { get; init; }
}

/// <summary>A post's counters: reactions by type, and comments (<c>count</c> counts every level).</summary>
internal sealed record LinkedInSocialMetadata
{
    public Dictionary<string, LinkedInReactionCount>? ReactionSummaries { get; init; }

    public LinkedInCommentSummary? CommentSummary { get; init; }
}

internal sealed record LinkedInReactionCount
{
    public long? Count { get; init; }
}

internal sealed record LinkedInCommentSummary
{
    public long? Count { get; init; }

    public long? TopLevelCount { get; init; }
}

/// <summary>LinkedIn's error body: <c>{"status", "serviceErrorCode", "code", "message"}</c>.</summary>
internal sealed record LinkedInError
{
    public int? ServiceErrorCode { get; init; }

    public string? Code { get; init; }

    public string? Message { get; init; }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(LinkedInCollection))]
[JsonSerializable(typeof(LinkedInPost))]
[JsonSerializable(typeof(LinkedInComment))]
[JsonSerializable(typeof(LinkedInMetadataBatch))]
[JsonSerializable(typeof(LinkedInSocialMetadata))]
[JsonSerializable(typeof(LinkedInError))]
internal sealed partial class LinkedInJson : JsonSerializerContext;
