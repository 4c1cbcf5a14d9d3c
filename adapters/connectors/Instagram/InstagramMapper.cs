using System.Text.Json;
using Engagement.Connectors.Meta;
using Engagement.Connectors.Platforms;
using Engagement.Core.Domain;
using Engagement.Ml.Vocabulary;

namespace Engagement.Connectors.Instagram;

/// <summary>A top-level comment as the thread read gives it, with every reply read for it (expanded and paged).</summary>
internal sealed record InstagramTopLevel(JsonElement Comment, IReadOnlyList<JsonElement> Replies);

/// <summary>
/// Maps an Instagram professional account's media, the media that tag it and the comments under its media to
/// interactions, with no I/O. The rules:
/// <list type="bullet">
/// <item>text: the caption or comment as it is (plain text); media without a caption keep an empty text;</item>
/// <item>the brand is the account, told by its id resolved once: its own media, and comments whose <c>from.id</c> or
/// <c>user.id</c> is the account's; a comment without <c>from</c> is a customer's, never the brand's;</item>
/// <item>kind: the account's media are posts; another account's media that tags it is a comment (a customer
/// message addressed to the brand); a top-level comment is a comment (parent: the media), a reply a reply (parent:
/// <c>parent_id</c>, the top-level comment, since Instagram files a reply to a reply under it); the thread is the media;</item>
/// <item>Instagram has no reposts in the API; metrics: likes (absent when hidden), comments with their replies, the
/// replies read under a comment; no shares, reach needs Insights;</item>
/// <item>times: Meta's <c>+0000</c> offsets; authors: <c>@handle</c> (stored as a pseudonym for customers).</item>
/// </list>
/// </summary>
internal static class InstagramMapper
{
    public const string Platform = "instagram";

    /// <summary>An entry of the account's <c>/media</c>: stored now, with its thread to read when it has comments.</summary>
    public static SourceEntry ToMediaEntry(JsonElement element, string accountId)
    {
        var (media, at, bad) = ReadMedia(element, "instagram media");
        return bad ?? new SourceEntry(media!.Id!, at)
        {
            Item = ToInteraction(media, at!.Value, isBrand: true, accountId),
            ThreadKey = media.Id,
            ReplyCount = media.CommentsCount ?? 0,
        };
    }

    /// <summary>An entry of the account's <c>/tags</c>: another account's media that tags the brand, stored as a comment to it.</summary>
    public static SourceEntry ToTagEntry(JsonElement element, string accountId)
    {
        var (media, at, bad) = ReadMedia(element, "instagram tag");
        return bad ?? new SourceEntry(media!.Id!, at) { Item = ToInteraction(media, at!.Value, isBrand: false, accountId) };
    }

    /// <summary>The comments of one media and their replies, each with the media as its thread; bad ones are reported and the rest kept.</summary>
    public static ThreadRead ToThread(IEnumerable<InstagramTopLevel> comments, string mediaId, string accountId)
    {
        var items = new List<Interaction>();
        var bad = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (element, replies) in comments)
        {
            var (comment, at, problem) = ReadComment(element);
            if (problem is not null)
            {
                bad.Add(problem);
                continue;
            }

            if (seen.Add(comment!.Id!))
            {
                items.Add(ToInteraction(comment, at!.Value, mediaId, accountId, parentId: null) with { Replies = replies.Count });
            }

            foreach (var raw in replies)
            {
                var (reply, replyAt, replyProblem) = ReadComment(raw);
                if (replyProblem is not null)
                {
                    bad.Add(replyProblem);
                }
                else if (seen.Add(reply!.Id!))
                {
                    items.Add(ToInteraction(reply, replyAt!.Value, mediaId, accountId, parentId: string.IsNullOrEmpty(reply.ParentId) ? comment.Id : reply.ParentId));
                }
            }
        }

        return new ThreadRead(items, bad);
    }

    /// <summary>The replies a comment carries expanded (<c>replies{...}</c>), and the link to more of them, if any.</summary>
    public static (IReadOnlyList<JsonElement> Replies, string? Next) ExpandedReplies(JsonElement comment)
    {
        if (comment.ValueKind != JsonValueKind.Object || !comment.TryGetProperty("replies", out var replies) || replies.ValueKind != JsonValueKind.Object)
        {
            return ([], null);
        }

        var (list, _) = RawItems.Read(replies, GraphJson.Default.GraphList);
        return (list?.Data ?? [], list?.Paging?.Next);
    }

    public static Interaction ToInteraction(InstagramMedia media, DateTimeOffset createdAt, bool isBrand, string accountId) => new()
    {
        PlatformId = media.Id!,
        Text = media.Caption?.Trim() ?? "",
        Kind = isBrand ? InteractionKind.Post : InteractionKind.Comment,
        Platform = Channel.Instagram,
        Author = Handle(media.Username) ?? (isBrand ? accountId : null),
        AuthorIsBrand = isBrand,
        CreatedAt = createdAt,
        ThreadId = media.Id,
        Likes = media.LikeCount,
        Replies = media.CommentsCount,
    };

    /// <summary>A comment as an interaction: a top-level one (<paramref name="parentId"/> null) answers the media, a reply its top-level comment.</summary>
    public static Interaction ToInteraction(InstagramComment comment, DateTimeOffset createdAt, string mediaId, string accountId, string? parentId) => new()
    {
        PlatformId = comment.Id!,
        Text = comment.Text?.Trim() ?? "",
        Kind = parentId is null ? InteractionKind.Comment : InteractionKind.Reply,
        Platform = Channel.Instagram,
        Author = Handle(comment.From?.Username ?? comment.Username),
        AuthorIsBrand = comment.From?.Id == accountId || comment.User?.Id == accountId,
        CreatedAt = createdAt,
        ParentId = parentId ?? mediaId,
        ThreadId = mediaId,
        Likes = comment.LikeCount,
    };

    private static (InstagramMedia? Media, DateTimeOffset? At, SourceEntry? Bad) ReadMedia(JsonElement element, string what)
    {
        var (media, id, at, problem) = GraphItems.Read(element, InstagramJson.Default.InstagramMedia, m => m.Id, "timestamp", m => m.Timestamp);
        return (media, at, problem is null ? null : SourceEntry.Bad(id ?? "?", at, $"{what} {id ?? "without id"}", problem));
    }

    private static (InstagramComment? Comment, DateTimeOffset? At, string? Problem) ReadComment(JsonElement element)
    {
        var (comment, id, at, problem) = GraphItems.Read(element, InstagramJson.Default.InstagramComment, c => c.Id, "timestamp", c => c.Timestamp);
        return (comment, at, problem is null ? null : $"instagram comment {id ?? "without id"}: {problem}");
    }

    private static string? Handle(string? username) => string.IsNullOrWhiteSpace(username) ? null : "@" + username.Trim().TrimStart('@');
}
