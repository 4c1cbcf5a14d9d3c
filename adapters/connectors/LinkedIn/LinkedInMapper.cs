using System.Text.Json;
using Engagement.Connectors.Platforms;
using Engagement.Core.Domain;
using Engagement.Ml.Vocabulary;

namespace Engagement.Connectors.LinkedIn;

/// <summary>
/// Maps an organization's posts and the comments under them to interactions, with no I/O. The rules:
/// <list type="bullet">
/// <item>text: a post's commentary from LinkedIn's little text to plain text (<see cref="LittleText"/>); a comment's
/// message as it is (plain text); an image or document alone keeps an empty text;</item>
/// <item>the brand is the organization, told by its URN resolved once: a post's <c>author</c>, a comment's
/// <c>actor</c> (an admin who writes as the page is the organization, the person only its <c>agent</c>);</item>
/// <item>kind: the organization's post is a post; a comment on it a comment (parent: the post), a comment on a
/// comment (<c>parentComment</c>) a reply; the thread is the post asked for (a comment's <c>object</c> is the
/// activity behind it, which the Posts API never shows);</item>
/// <item>a reshare of another post (<c>reshareContext</c>) with no commentary is recognised and skipped, as boosts are;
/// with commentary, the commentary is the organization speaking and is stored as its post; either way its own
/// comments are read;</item>
/// <item>metrics: reactions of every type as likes and comments of every level as replies (<c>socialMetadata</c>);
/// a comment's likes and replies; shares and reach need the share statistics API and are not read;</item>
/// <item>times: epoch milliseconds; authors: URNs (members' are stored as pseudonyms by the core).</item>
/// </list>
/// </summary>
internal static class LinkedInMapper
{
    public const string Platform = "linkedin";

    /// <summary>
    /// An entry of the organization's posts, with its counters from <paramref name="metadata"/>; its thread is read when
    /// it has comments, or once when its counters could not be read.
    /// </summary>
    public static SourceEntry ToPostEntry(JsonElement element, string organization, IReadOnlyDictionary<string, LinkedInSocialMetadata> metadata)
    {
        var (post, problem) = RawItems.Read(element, LinkedInJson.Default.LinkedInPost);
        var id = post?.Id ?? RawItems.IdOf(element);
        var at = post?.CreatedAt is { } ms ? FromMilliseconds(ms) : null;
        problem ??= string.IsNullOrWhiteSpace(id) ? "it has no id" : at is null ? "createdAt is missing or not a time" : null;
        if (problem is not null)
        {
            return SourceEntry.Bad(id ?? "?", at, $"linkedin post {id ?? "without id"}", problem);
        }

        var counters = metadata.GetValueOrDefault(post!.Id!);
        var comments = counters?.CommentSummary?.Count;
        var entry = new SourceEntry(post.Id!, at) { ThreadKey = post.Id, ReplyCount = comments ?? 0, ReadThreadOnce = comments is null };
        if (post.ReshareContext is not null && string.IsNullOrWhiteSpace(LittleText.ToPlainText(post.Commentary)))
        {
            return entry with { Skipped = true };
        }

        var isBrand = post.Author is null || post.Author == organization;
        return entry with
        {
            Item = new Interaction
            {
                PlatformId = post.Id!,
                Text = LittleText.ToPlainText(post.Commentary),
                Kind = isBrand ? InteractionKind.Post : InteractionKind.Comment,
                Platform = Channel.LinkedIn,
                Author = post.Author ?? organization,
                AuthorIsBrand = isBrand,
                CreatedAt = (post.PublishedAt is { } published ? FromMilliseconds(published) : null) ?? at!.Value,
                ThreadId = post.Id,
                Likes = counters?.ReactionSummaries?.Values.Sum(r => r.Count ?? 0),
                Replies = comments,
            },
        };
    }

    /// <summary>The counters of a <c>socialMetadata</c> batch by post URN; an entry that does not read is left out.</summary>
    public static IReadOnlyDictionary<string, LinkedInSocialMetadata> ToMetadata(LinkedInMetadataBatch? batch)
    {
        var counters = new Dictionary<string, LinkedInSocialMetadata>(StringComparer.Ordinal);
        foreach (var (urn, element) in batch?.Results ?? [])
        {
            if (RawItems.Read(element, LinkedInJson.Default.LinkedInSocialMetadata).Item is { } metadata)
            {
                counters[urn] = metadata;
            }
        }

        return counters;
    }

    /// <summary>One raw comment, or why it cannot be stored.</summary>
    public static (LinkedInComment? Comment, string? Urn, string? Problem) ReadComment(JsonElement element)
    {
        var (comment, problem) = RawItems.Read(element, LinkedInJson.Default.LinkedInComment);
        var urn = comment?.CommentUrn ?? comment?.Urn ?? RawItems.IdOf(element, "commentUrn") ?? RawItems.IdOf(element);
        problem ??= string.IsNullOrWhiteSpace(comment!.CommentUrn ?? comment.Urn) ? "it has no commentUrn"
            : comment.Created?.Time is not { } ms || FromMilliseconds(ms) is null ? "created.time is missing or not a time"
            : null;
        return problem is null ? (comment, urn, null) : (null, urn, $"linkedin comment {urn ?? "without id"}: {problem}");
    }

    /// <summary>The comments of one post and their replies, each with the post as its thread; bad ones are reported, the rest kept, each once.</summary>
    public static ThreadRead ToThread(IEnumerable<JsonElement> comments, string postUrn, string organization, IEnumerable<string> badRecords)
    {
        var items = new List<Interaction>();
        var bad = badRecords.ToList();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var element in comments)
        {
            var (comment, urn, problem) = ReadComment(element);
            if (problem is not null)
            {
                bad.Add(problem);
                continue;
            }

            if (!seen.Add(urn!))
            {
                continue;
            }

            var parent = string.IsNullOrWhiteSpace(comment!.ParentComment) ? null : comment.ParentComment;
            var isBrand = comment.Actor == organization;
            items.Add(new Interaction
            {
                PlatformId = urn!,
                Text = comment.Message?.Text?.Trim() ?? "",
                Kind = parent is null ? InteractionKind.Comment : InteractionKind.Reply,
                Platform = Channel.LinkedIn,
                Author = comment.Actor ?? comment.Created?.Actor,
                AuthorIsBrand = isBrand,
                CreatedAt = FromMilliseconds(comment.Created!.Time!.Value)!.Value,
                ParentId = parent ?? postUrn,
                ThreadId = postUrn,
                Likes = comment.LikesSummary?.TotalLikes ?? comment.LikesSummary?.AggregatedTotalLikes,
                Replies = comment.CommentsSummary?.AggregatedTotalComments ?? comment.CommentsSummary?.TotalFirstLevelComments,
            });
        }

        return new ThreadRead(items, bad);
    }

    /// <summary>Whether a comment has replies to read (or may have: its counters are missing).</summary>
    public static bool HasReplies(LinkedInComment comment) =>
        comment.ParentComment is null && (comment.CommentsSummary is not { } counts || (counts.AggregatedTotalComments ?? counts.TotalFirstLevelComments ?? 1) > 0);

    private static DateTimeOffset? FromMilliseconds(long ms) =>
        ms is > 0 and < 253_402_300_800_000 ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
}
