using System.Globalization;
using System.Text.Json;
using Engagement.Connectors.Platforms;
using Engagement.Core.Domain;
using Engagement.Ml.Vocabulary;

namespace Engagement.Connectors.YouTube;

/// <summary>One comment thread as read: its items and bad records, and what is needed to fetch the replies it lacks.</summary>
internal sealed record YouTubeThread(string? Id, string? VideoId, IReadOnlyList<Interaction> TopLevel, IReadOnlyList<Interaction> Replies, IReadOnlyList<string> BadRecords, long TotalReplies, int RepliesRead)
{
    /// <summary>The thread holds only some of its replies: the rest are read with <c>comments?parentId=</c>.</summary>
    public bool LacksReplies => Id is not null && TotalReplies > RepliesRead;
}

/// <summary>
/// Maps YouTube videos and comments to interactions, with no I/O. The rules:
/// <list type="bullet">
/// <item>a video of the uploads playlist is a brand post: its title, a blank line and its description; a video the
/// playlist still lists but that cannot be read (deleted, private) is a bad record;</item>
/// <item>comment text: <c>textDisplay</c> HTML as plain text (<see cref="HtmlText"/>: <c>&lt;br&gt;</c> as line breaks,
/// links and @mentions as their text, entities decoded); an empty comment keeps an empty text;</item>
/// <item>the brand is told apart by channel id (<c>authorChannelId.value</c>), never by name; an author without a
/// channel is a customer;</item>
/// <item>kind: a top-level comment answers the video, a brand post, so it is a comment; a reply is a reply. YouTube has
/// one level of replies: <c>ParentId</c> is the platform's <c>parentId</c> (the top-level comment) even for an answer to
/// another reply, and <c>ThreadId</c> is the video, the root of every conversation under it;</item>
/// <item>times are RFC 3339 in UTC; metrics: likes, replies (<c>totalReplyCount</c>, a video's <c>commentCount</c>), and a
/// video's views as its reach, the only audience figure YouTube gives. YouTube has no shares or reposts.</item>
/// </list>
/// </summary>
internal static class YouTubeMapper
{
    public const string Platform = "youtube";

    /// <summary>An entry of the uploads playlist, with the video's details and counters read by id (absent when it cannot be read).</summary>
    public static SourceEntry ToVideoEntry(JsonElement element, IReadOnlyDictionary<string, YouTubeVideo> videos, YouTubeChannelRef brand)
    {
        var (item, problem) = Read(element, YouTubeJson.Default.YouTubePlaylistItem);
        var videoId = item?.ContentDetails?.VideoId ?? item?.Snippet?.ResourceId?.VideoId;
        if (item is null || string.IsNullOrWhiteSpace(videoId))
        {
            return SourceEntry.Bad(videoId ?? "?", null, VideoWhere(videoId), problem ?? "it names no video");
        }

        var listedAt = ParseTime(item.ContentDetails?.VideoPublishedAt) ?? ParseTime(item.Snippet?.PublishedAt);
        if (!videos.TryGetValue(videoId, out var video) || item.ContentDetails?.VideoPublishedAt is null && video.Snippet?.PublishedAt is null)
        {
            return SourceEntry.Bad(videoId, listedAt, VideoWhere(videoId), $"it is listed as '{item.Snippet?.Title}' but cannot be read (deleted or private)");
        }

        var publishedAt = ParseTime(item.ContentDetails?.VideoPublishedAt) ?? ParseTime(video.Snippet?.PublishedAt);
        if (publishedAt is null)
        {
            return SourceEntry.Bad(videoId, listedAt, VideoWhere(videoId), "its publication time is not a time");
        }

        var comments = video.Statistics?.CommentCount;
        return new SourceEntry(videoId, publishedAt)
        {
            Item = new Interaction
            {
                PlatformId = videoId,
                Text = TextOf(video.Snippet),
                Kind = InteractionKind.Post,
                Platform = Channel.YouTube,
                Author = brand.Handle ?? brand.ChannelId,
                AuthorIsBrand = true,
                Language = LanguageOf(video.Snippet),
                CreatedAt = publishedAt.Value,
                ThreadId = videoId,
                Likes = video.Statistics?.LikeCount,
                Replies = comments,
                Reach = video.Statistics?.ViewCount,
                Url = WatchUrl(videoId, null),
            },

            // A video with comments disabled has no commentCount: nothing to read.
            ThreadKey = YouTubeThreadKeys.OfVideo(videoId),
            ReplyCount = comments ?? 0,
        };
    }

    /// <summary>An entry of the channel's inbound threads: the top-level comment stored now, its replies read when it has some.</summary>
    public static SourceEntry ToInboundEntry(JsonElement element, YouTubeChannelRef brand)
    {
        var thread = ToThread(element, brand);
        var key = thread.Id ?? "?";
        if (thread.TopLevel is not [var top])
        {
            var bad = thread.BadRecords.FirstOrDefault() ?? $"{CommentWhere(thread.Id)}: it carries no top-level comment";
            return new SourceEntry(key, null) { BadRecord = bad };
        }

        return new SourceEntry(key, top.CreatedAt)
        {
            Item = top,
            ThreadKey = thread.TotalReplies > 0 && thread.Id is not null ? YouTubeThreadKeys.OfComment(thread.VideoId, thread.Id) : null,
            ReplyCount = thread.TotalReplies,
        };
    }

    /// <summary>A comment thread: its top-level comment and the replies it carries (<c>part=replies</c>), each read alone.</summary>
    public static YouTubeThread ToThread(JsonElement element, YouTubeChannelRef brand)
    {
        var (thread, problem) = Read(element, YouTubeJson.Default.YouTubeCommentThread);
        var id = thread?.Id ?? IdOf(element);
        if (thread is null)
        {
            return new YouTubeThread(id, null, [], [], [$"{CommentWhere(id)}: {problem}"], 0, 0);
        }

        var videoId = thread.Snippet?.VideoId;
        var total = thread.Snippet?.TotalReplyCount ?? 0;
        var bad = new List<string>();
        var top = new List<Interaction>();
        if (thread.Snippet?.TopLevelComment is not { } raw)
        {
            bad.Add($"{CommentWhere(id)}: it carries no top-level comment");
        }
        else if (ToComment(raw, brand, videoId, total, out var comment, out var whyNot))
        {
            top.Add(comment!);
        }
        else
        {
            bad.Add(whyNot!);
        }

        var embedded = thread.Replies?.Comments ?? [];
        var replies = ToReplies(embedded, brand, videoId, bad);
        return new YouTubeThread(id, videoId, top, replies, bad, total, embedded.Count);
    }

    /// <summary>Replies of one thread (<c>comments?parentId=</c>, or those a thread carries); bad ones are reported in <paramref name="bad"/>.</summary>
    public static List<Interaction> ToReplies(IEnumerable<JsonElement> comments, YouTubeChannelRef brand, string? videoId, List<string> bad)
    {
        var replies = new List<Interaction>();
        foreach (var raw in comments)
        {
            if (ToComment(raw, brand, videoId, replies: null, out var reply, out var whyNot))
            {
                replies.Add(reply!);
            }
            else
            {
                bad.Add(whyNot!);
            }
        }

        return replies;
    }

    /// <summary>One comment as an interaction; false, with the reason as a bad record, when it lacks what every interaction needs.</summary>
    public static bool ToComment(JsonElement element, YouTubeChannelRef brand, string? videoId, long? replies, out Interaction? interaction, out string? problem)
    {
        interaction = null;
        var (comment, unreadable) = Read(element, YouTubeJson.Default.YouTubeComment);
        var id = comment?.Id ?? IdOf(element);
        var snippet = comment?.Snippet;
        problem = comment is null ? unreadable
            : string.IsNullOrWhiteSpace(id) ? "it has no id"
            : snippet is null ? "it has no snippet"
            : ParseTime(snippet.PublishedAt) is null ? "publishedAt is missing or not a time"
            : null;
        if (problem is not null)
        {
            problem = $"{CommentWhere(id)}: {problem}";
            return false;
        }

        var video = snippet!.VideoId ?? videoId;
        var parent = string.IsNullOrWhiteSpace(snippet.ParentId) ? null : snippet.ParentId;
        interaction = new Interaction
        {
            PlatformId = id!,
            Text = snippet.TextDisplay is { } html ? HtmlText.ToPlainText(html) : snippet.TextOriginal?.Trim() ?? "",
            Kind = parent is null ? InteractionKind.Comment : InteractionKind.Reply,
            Platform = Channel.YouTube,
            Author = string.IsNullOrWhiteSpace(snippet.AuthorDisplayName) ? ChannelOf(snippet) : snippet.AuthorDisplayName.Trim(),
            AuthorIsBrand = ChannelOf(snippet) == brand.ChannelId,
            CreatedAt = ParseTime(snippet.PublishedAt)!.Value,
            ParentId = parent ?? video,
            ThreadId = video ?? parent ?? id,
            Likes = snippet.LikeCount,
            Replies = parent is null ? replies : null,
            Url = video is null ? null : WatchUrl(video, id),
        };
        return true;
    }

    /// <summary>A video's page, or a comment's (<c>&amp;lc=</c> opens the video at that comment).</summary>
    public static string? WatchUrl(string videoId, string? commentId) =>
        PlatformUris.Permalink(commentId is null
            ? $"https://www.youtube.com/watch?v={Uri.EscapeDataString(videoId)}"
            : $"https://www.youtube.com/watch?v={Uri.EscapeDataString(videoId)}&lc={Uri.EscapeDataString(commentId)}");

    /// <summary>A video's text: its title, a blank line, its description (plain text already).</summary>
    public static string TextOf(YouTubeVideoSnippet? snippet)
    {
        var title = snippet?.Title?.Trim() ?? "";
        var description = snippet?.Description?.Trim() ?? "";
        return description.Length == 0 ? title : title.Length == 0 ? description : $"{title}\n\n{description}";
    }

    /// <summary>A time as the API writes it (RFC 3339, <c>Z</c>, sometimes with fractional seconds), or null.</summary>
    public static DateTimeOffset? ParseTime(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at) ? at : null;

    /// <summary>The author's channel id: <c>authorChannelId.value</c>, or a bare string as older answers gave it.</summary>
    private static string? ChannelOf(YouTubeCommentSnippet snippet) => snippet.AuthorChannelId switch
    {
        { ValueKind: JsonValueKind.Object } o when o.TryGetProperty("value", out var v) && v.ValueKind == JsonValueKind.String => v.GetString(),
        { ValueKind: JsonValueKind.String } s => s.GetString(),
        _ => null,
    };

    private static string? LanguageOf(YouTubeVideoSnippet? snippet) =>
        (snippet?.DefaultLanguage ?? snippet?.DefaultAudioLanguage) is { } language && !string.IsNullOrWhiteSpace(language) ? language.Trim().ToLowerInvariant() : null;

    private static (T? Item, string? Problem) Read<T>(JsonElement element, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> info)
        where T : class
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return (null, $"unreadable (a {element.ValueKind.ToString().ToLowerInvariant()} where an object was expected)");
        }

        try
        {
            return (element.Deserialize(info), null);
        }
        catch (JsonException e)
        {
            return (null, $"unreadable ({e.Path}: {e.Message.Split('\n', 2)[0].Trim()})");
        }
    }

    private static string? IdOf(JsonElement element) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;

    private static string VideoWhere(string? id) => $"youtube video {id ?? "without id"}";

    private static string CommentWhere(string? id) => $"youtube comment {id ?? "without id"}";
}

/// <summary>Thread keys of the YouTube source: all comment threads of a video, or the replies of one thread.</summary>
internal static class YouTubeThreadKeys
{
    private const string Video = "v:";
    private const string Comment = "c:";

    public static string OfVideo(string videoId) => Video + videoId;

    /// <summary>The replies of one thread; the video is kept so replies that do not name it still get their thread.</summary>
    public static string OfComment(string? videoId, string threadId) => $"{Comment}{videoId}/{threadId}";

    /// <summary>(video, null) for a video's threads; (video or null, thread) for one thread's replies.</summary>
    public static (string? VideoId, string? ThreadId) Parse(string key)
    {
        if (key.StartsWith(Video, StringComparison.Ordinal))
        {
            return (key[Video.Length..], null);
        }

        var rest = key.StartsWith(Comment, StringComparison.Ordinal) ? key[Comment.Length..] : key;
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? (null, rest) : (slash == 0 ? null : rest[..slash], rest[(slash + 1)..]);
    }
}
