using System.Text.Json;
using System.Text.Json.Serialization;

namespace Engagement.Connectors.Mastodon;

// The fields the connector reads of Mastodon's entities (docs: entities/Status, Account, Context, Notification,
// MediaAttachment). Everything is optional: keys added after 4.0 are missing on older servers, and other software
// (GoToSocial, Akkoma) implements part of the API. Lists of statuses are read as raw elements and each one is
// deserialised alone, so one odd status is that status's bad record, never the whole page's.

/// <summary>A status (post, reply, boost wrapper).</summary>
internal sealed record MastodonStatus
{
    public string? Id { get; init; }

    public DateTimeOffset? CreatedAt { get; init; }

    public string? InReplyToId { get; init; }

    public string? InReplyToAccountId { get; init; }

    /// <summary><c>public</c>, <c>unlisted</c>, <c>private</c> or <c>direct</c>.</summary>
    public string? Visibility { get; init; }

    public string? Language { get; init; }

    /// <summary>The content warning, shown before the content.</summary>
    public string? SpoilerText { get; init; }

    /// <summary>Sanitised HTML.</summary>
    public string? Content { get; init; }

    public string? Url { get; init; }

    public string? Uri { get; init; }

    public long? RepliesCount { get; init; }

    public long? ReblogsCount { get; init; }

    public long? FavouritesCount { get; init; }

    /// <summary>Set on a boost: the boosted status, by someone else (or the brand itself).</summary>
    public MastodonStatus? Reblog { get; init; }

    public MastodonAccountDto? Account { get; init; }

    public IReadOnlyList<MastodonMedia>? MediaAttachments { get; init; }
}

/// <summary>An account, as embedded in a status or returned by lookup.</summary>
internal sealed record MastodonAccountDto
{
    public string? Id { get; init; }

    public string? Username { get; init; }

    /// <summary><c>user</c> for an account of the same server, <c>user@host</c> for a remote one.</summary>
    public string? Acct { get; init; }

    public string? Url { get; init; }

    public bool? Suspended { get; init; }
}

/// <summary>A media attachment; only its presence matters (a status of media alone has no words).</summary>
internal sealed record MastodonMedia
{
    public string? Id { get; init; }

    public string? Type { get; init; }
}

/// <summary>A thread around a status: its ancestors (root first) and its descendants, as raw statuses.</summary>
internal sealed record MastodonContext
{
    public IReadOnlyList<JsonElement>? Ancestors { get; init; }

    public IReadOnlyList<JsonElement>? Descendants { get; init; }
}

/// <summary>A notification; the status it carries is read alone, as statuses are.</summary>
internal sealed record MastodonNotification
{
    public string? Id { get; init; }

    public string? Type { get; init; }

    public DateTimeOffset? CreatedAt { get; init; }

    public JsonElement? Status { get; init; }
}

/// <summary>Mastodon's error body.</summary>
internal sealed record MastodonError
{
    public string? Error { get; init; }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(MastodonStatus))]
[JsonSerializable(typeof(MastodonAccountDto))]
[JsonSerializable(typeof(MastodonContext))]
[JsonSerializable(typeof(MastodonNotification))]
[JsonSerializable(typeof(MastodonError))]
[JsonSerializable(typeof(List<JsonElement>))]
[JsonSerializable(typeof(JsonElement))]
internal sealed partial class MastodonJson : JsonSerializerContext;
