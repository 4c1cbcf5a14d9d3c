using System.Text.Json;
using System.Text.Json.Serialization;

namespace Engagement.Connectors.Bluesky;

// The fields the connector reads of the AT Protocol's views and records (lexicons app.bsky.feed.defs, feed.post,
// actor.defs, notification.listNotifications, richtext.facet, com.atproto.server.createSession). Everything is
// optional: lexicons grow new optional fields and union members without notice. Lists (feed items, notifications,
// thread replies) are read as raw elements and each is deserialised alone, so one odd item is that item's bad
// record, never the whole page's. Times are kept as text and parsed leniently: createdAt is set by the client.

/// <summary><c>app.bsky.feed.defs#postView</c>: a post with its author, record and counters.</summary>
internal sealed record BlueskyPostView
{
    /// <summary><c>at://did/app.bsky.feed.post/rkey</c>: the post's stable id.</summary>
    public string? Uri { get; init; }

    public BlueskyProfile? Author { get; init; }

    public BlueskyPostRecord? Record { get; init; }

    public long? ReplyCount { get; init; }

    public long? RepostCount { get; init; }

    public long? LikeCount { get; init; }

    public long? QuoteCount { get; init; }

    /// <summary>When the AppView first saw the post (server time).</summary>
    public string? IndexedAt { get; init; }
}

/// <summary>A profile as embedded in views (<c>profileViewBasic</c>), or returned by <c>getProfile</c>.</summary>
internal sealed record BlueskyProfile
{
    /// <summary>The stable id (<c>did:plc:…</c>, <c>did:web:…</c>).</summary>
    public string? Did { get; init; }

    /// <summary>A domain name that can change; <c>handle.invalid</c> when its verification fails.</summary>
    public string? Handle { get; init; }
}

/// <summary>The raw <c>app.bsky.feed.post</c> record, as the client wrote it.</summary>
internal sealed record BlueskyPostRecord
{
    /// <summary>Plain text (up to 300 graphemes), empty for a post of media alone.</summary>
    public string? Text { get; init; }

    /// <summary>Client-set: any RFC 3339 offset, any fraction, possibly in the future.</summary>
    public string? CreatedAt { get; init; }

    public IReadOnlyList<string>? Langs { get; init; }

    /// <summary>Read one by one: a facet that does not parse is dropped, the post is kept.</summary>
    public IReadOnlyList<JsonElement>? Facets { get; init; }

    public BlueskyReplyRef? Reply { get; init; }
}

/// <summary>A rich-text annotation over a range of the text's UTF-8 bytes: a link, a mention or a tag.</summary>
internal sealed record BlueskyFacet
{
    public BlueskyByteSlice? Index { get; init; }

    public IReadOnlyList<BlueskyFacetFeature>? Features { get; init; }
}

internal sealed record BlueskyByteSlice
{
    public long? ByteStart { get; init; }

    public long? ByteEnd { get; init; }
}

/// <summary><c>#link {uri}</c>, <c>#mention {did}</c> or <c>#tag {tag}</c>, told apart by <c>$type</c>.</summary>
internal sealed record BlueskyFacetFeature
{
    [JsonPropertyName("$type")]
    public string? Type { get; init; }

    public string? Uri { get; init; }
}

/// <summary>A reply's strong references to its thread's root and its parent.</summary>
internal sealed record BlueskyReplyRef
{
    public BlueskyStrongRef? Root { get; init; }

    public BlueskyStrongRef? Parent { get; init; }
}

internal sealed record BlueskyStrongRef
{
    public string? Uri { get; init; }
}

/// <summary><c>#feedViewPost</c>: a post in a feed, with the reason it is there (a repost, a pin) when not the author's own.</summary>
internal sealed record BlueskyFeedItem
{
    public BlueskyPostView? Post { get; init; }

    public BlueskyReason? Reason { get; init; }
}

/// <summary><c>#reasonRepost {by, indexedAt}</c> or <c>#reasonPin</c>.</summary>
internal sealed record BlueskyReason
{
    [JsonPropertyName("$type")]
    public string? Type { get; init; }

    public BlueskyProfile? By { get; init; }

    public string? IndexedAt { get; init; }
}

/// <summary>A page of <c>getAuthorFeed</c>; no <c>cursor</c> means the last page.</summary>
internal sealed record BlueskyFeedPage
{
    public IReadOnlyList<JsonElement>? Feed { get; init; }

    public string? Cursor { get; init; }
}

/// <summary>A node of <c>getPostThread</c>: <c>#threadViewPost {post, parent, replies}</c>, <c>#notFoundPost</c> or <c>#blockedPost</c>.</summary>
internal sealed record BlueskyThreadNode
{
    [JsonPropertyName("$type")]
    public string? Type { get; init; }

    public BlueskyPostView? Post { get; init; }

    public JsonElement? Parent { get; init; }

    public IReadOnlyList<JsonElement>? Replies { get; init; }
}

internal sealed record BlueskyThreadResponse
{
    public JsonElement? Thread { get; init; }
}

/// <summary>A notification: the customer's post (<c>uri</c>, <c>record</c>, <c>author</c>) and why the brand got it.</summary>
internal sealed record BlueskyNotification
{
    public string? Uri { get; init; }

    public BlueskyProfile? Author { get; init; }

    /// <summary><c>reply</c>, <c>mention</c>, <c>quote</c> (and others the connector does not ask for).</summary>
    public string? Reason { get; init; }

    public BlueskyPostRecord? Record { get; init; }

    public string? IndexedAt { get; init; }
}

internal sealed record BlueskyNotificationsPage
{
    public IReadOnlyList<JsonElement>? Notifications { get; init; }

    public string? Cursor { get; init; }
}

internal sealed record BlueskyResolvedHandle
{
    public string? Did { get; init; }
}

/// <summary>A session created from an app password: the account, the short-lived access token and its DID document.</summary>
internal sealed record BlueskySessionDto
{
    public string? Did { get; init; }

    public string? Handle { get; init; }

    public string? AccessJwt { get; init; }

    public bool? Active { get; init; }

    /// <summary><c>takendown</c>, <c>suspended</c>, <c>deactivated</c> when the account is not active.</summary>
    public string? Status { get; init; }

    public BlueskyDidDocument? DidDoc { get; init; }
}

internal sealed record BlueskyDidDocument
{
    public IReadOnlyList<BlueskyDidService>? Service { get; init; }
}

/// <summary>A service of a DID document; the PDS is <c>#atproto_pds</c>.</summary>
internal sealed record BlueskyDidService
{
    public string? Id { get; init; }

    public string? Type { get; init; }

    public string? ServiceEndpoint { get; init; }
}

internal sealed record BlueskySessionRequest(string Identifier, string Password);

/// <summary>The XRPC error body: <c>{"error": "ExpiredToken", "message": "Token has expired"}</c>.</summary>
internal sealed record BlueskyError
{
    public string? Error { get; init; }

    public string? Message { get; init; }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(BlueskyFeedItem))]
[JsonSerializable(typeof(BlueskyFacet))]
[JsonSerializable(typeof(BlueskyFeedPage))]
[JsonSerializable(typeof(BlueskyPostView))]
[JsonSerializable(typeof(BlueskyThreadNode))]
[JsonSerializable(typeof(BlueskyThreadResponse))]
[JsonSerializable(typeof(BlueskyNotification))]
[JsonSerializable(typeof(BlueskyNotificationsPage))]
[JsonSerializable(typeof(BlueskyProfile))]
[JsonSerializable(typeof(BlueskyResolvedHandle))]
[JsonSerializable(typeof(BlueskySessionDto))]
[JsonSerializable(typeof(BlueskySessionRequest))]
[JsonSerializable(typeof(BlueskyError))]
internal sealed partial class BlueskyJson : JsonSerializerContext;
