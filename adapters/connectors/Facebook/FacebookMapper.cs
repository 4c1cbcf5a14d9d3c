using System.Text.Json;
using Engagement.Connectors.Meta;
using Engagement.Connectors.Platforms;
using Engagement.Core.Domain;
using Engagement.Ml.Vocabulary;

namespace Engagement.Connectors.Facebook;

/// <summary>
/// Maps a Page's posts, the posts it is tagged in, and the comments under its posts to interactions, with no I/O.
/// The rules:
/// <list type="bullet">
/// <item>text: <c>message</c> as it is (Graph sends plain text); a post or comment of media alone (no
/// <c>message</c>, or an empty one for a sticker) keeps an empty text; <c>story</c>, Facebook's own sentence, is not
/// the author's words and is never the text;</item>
/// <item>the brand is the Page, told by <c>from.id</c> against the Page id resolved once; a comment without
/// <c>from</c> (the token cannot see who wrote it) is a customer's, never the brand's;</item>
/// <item>kind: the Page's own post is a post; a post by someone else that tags the Page is a comment (a customer
/// message addressed to the brand); a comment on a post is a comment; a comment that answers a comment (it has
/// <c>parent</c>) is a reply; <c>ParentId</c> is <c>parent.id</c>, or the post; <c>ThreadId</c> is the post;</item>
/// <item>a share of another post (<c>status_type</c> <c>shared_story</c>) with no words of the Page's own is
/// recognised and skipped, as boosts are; with a caption, the caption is the Page speaking and is stored as its
/// post (the shared post's text never is); either way its own comments are read;</item>
/// <item>metrics: reactions as likes, comments (every level) as replies, shares; comments: likes and direct
/// replies; reach needs Insights and is not read;</item>
/// <item>times: Meta's <c>+0000</c> offsets (<see cref="GraphTime"/>); authors: the Page's name for the brand, the
/// person's or Page's stable id for everyone else (stored as a pseudonym by the core).</item>
/// </list>
/// </summary>
internal static class FacebookMapper
{
    public const string Platform = "facebook";

    /// <summary>An entry of the Page's <c>/posts</c>: stored now, with its thread to read when it has comments.</summary>
    public static SourceEntry ToPostEntry(JsonElement element, string pageId)
    {
        var (post, at, bad) = ReadPost(element, "facebook post");
        if (bad is not null)
        {
            return bad;
        }

        var entry = new SourceEntry(post!.Id!, at) { ThreadKey = post.Id, ReplyCount = post.Comments?.Summary?.TotalCount ?? 0 };
        return IsBareShare(post) ? entry with { Skipped = true } : entry with { Item = ToInteraction(post, at!.Value, pageId, ownListing: true) };
    }

    /// <summary>An entry of the Page's <c>/tagged</c>: someone else's post that names the Page, stored as a comment to it.</summary>
    public static SourceEntry ToTaggedEntry(JsonElement element, string pageId)
    {
        var (post, at, bad) = ReadPost(element, "facebook tagged post");
        if (bad is not null)
        {
            return bad;
        }

        var entry = new SourceEntry(post!.Id!, at);
        return IsBareShare(post) ? entry with { Skipped = true } : entry with { Item = ToInteraction(post, at!.Value, pageId, ownListing: false) };
    }

    /// <summary>The comments of one post, every level, each mapped with the post as its thread; bad ones are reported and the rest kept.</summary>
    public static ThreadRead ToThread(IEnumerable<JsonElement> comments, string postId, string pageId)
    {
        var items = new List<Interaction>();
        var bad = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var element in comments)
        {
            var (comment, id, at, problem) = GraphItems.Read(element, FacebookJson.Default.FacebookComment, c => c.Id, "created_time", c => c.CreatedTime);
            if (problem is not null)
            {
                bad.Add($"facebook comment {id ?? "without id"}: {problem}");
            }
            else if (seen.Add(id!))
            {
                items.Add(ToInteraction(comment!, at!.Value, postId, pageId));
            }
        }

        return new ThreadRead(items, bad);
    }

    /// <summary>A post as an interaction; <paramref name="ownListing"/>: listed by the Page's <c>/posts</c>, which holds only its own.</summary>
    public static Interaction ToInteraction(FacebookPost post, DateTimeOffset createdAt, string pageId, bool ownListing)
    {
        var isBrand = post.From?.Id is { } from ? from == pageId : ownListing;
        return new Interaction
        {
            PlatformId = post.Id!,
            Text = post.Message?.Trim() ?? "",
            Kind = isBrand ? InteractionKind.Post : InteractionKind.Comment,
            Platform = Channel.Facebook,
            Author = isBrand && post.From is null ? pageId : AuthorOf(post.From, isBrand),
            AuthorIsBrand = isBrand,
            CreatedAt = createdAt,
            ThreadId = post.Id,
            Likes = post.Reactions?.Summary?.TotalCount,
            Replies = post.Comments?.Summary?.TotalCount,

            // Graph leaves "shares" out when nobody shared the post.
            Shares = post.Shares?.Count ?? 0,
        };
    }

    public static Interaction ToInteraction(FacebookComment comment, DateTimeOffset createdAt, string postId, string pageId)
    {
        var isBrand = IsPage(comment.From, pageId);
        var parent = comment.Parent?.Id;
        return new Interaction
        {
            PlatformId = comment.Id!,
            Text = comment.Message?.Trim() ?? "",
            Kind = string.IsNullOrEmpty(parent) ? InteractionKind.Comment : InteractionKind.Reply,
            Platform = Channel.Facebook,
            Author = AuthorOf(comment.From, isBrand),
            AuthorIsBrand = isBrand,
            CreatedAt = createdAt,
            ParentId = string.IsNullOrEmpty(parent) ? postId : parent,
            ThreadId = postId,
            Likes = comment.LikeCount,
            Replies = comment.CommentCount,
        };
    }

    /// <summary>One raw post with its time, or the entry that says why it cannot be used.</summary>
    private static (FacebookPost? Post, DateTimeOffset? At, SourceEntry? Bad) ReadPost(JsonElement element, string what)
    {
        var (post, id, at, problem) = GraphItems.Read(element, FacebookJson.Default.FacebookPost, p => p.Id, "created_time", p => p.CreatedTime);
        return (post, at, problem is null ? null : SourceEntry.Bad(id ?? "?", at, $"{what} {id ?? "without id"}", problem));
    }

    /// <summary>A share of someone else's post that adds no words of the Page's own.</summary>
    private static bool IsBareShare(FacebookPost post) =>
        string.Equals(post.StatusType, "shared_story", StringComparison.OrdinalIgnoreCase) && string.IsNullOrWhiteSpace(post.Message);

    private static bool IsPage(FacebookActor? from, string pageId) => from?.Id is { } id && id == pageId;

    private static string? AuthorOf(FacebookActor? from, bool isBrand) =>
        isBrand ? (string.IsNullOrWhiteSpace(from!.Name) ? from.Id : from.Name.Trim()) : from?.Id;
}
