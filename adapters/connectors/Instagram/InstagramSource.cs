using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Engagement.Connectors.Platforms;
using Engagement.Core.Ports;

namespace Engagement.Connectors.Instagram;

/// <summary>
/// Instagram professional accounts for the shared crawl plan, through the Graph API with Facebook Login (docs:
/// instagram-api/reference/ig-user/media, ig-media/comments, ig-comment/replies, ig-user/tags):
/// <list type="bullet">
/// <item>the account is the Instagram professional account's id (<c>17841…</c>), stable where the handle is not;</item>
/// <item>posts: <c>/{account}/media</c>, newest first, from the backfill depth on (<c>since</c>), following <c>paging.next</c>;</item>
/// <item>inbound: <c>/{account}/tags</c>, media of other accounts that tag the brand, paged by its <c>after</c>
/// cursor alone (the edge gives no <c>next</c> link);</item>
/// <item>threads: <c>/{media}/comments</c> with their replies expanded, 50 a page (Instagram's maximum), and
/// <c>/{comment}/replies</c> pages when a comment's replies are paged.</item>
/// </list>
/// </summary>
internal sealed partial class InstagramSource(InstagramClient client) : ISocialSource
{
    public const string PlatformName = "instagram";

    public const string Syntax = "the Instagram professional account's id (digits, such as 17841452210987654: the instagram_business_account of its Facebook Page)";

    // The fields asked for are those of the documented responses; the mapper reads a subset.
    public const string MediaFields = "id,caption,comments_count,like_count,media_product_type,media_type,media_url,permalink,shortcode,thumbnail_url,timestamp,username,is_comment_enabled,is_shared_to_feed";
    public const string TagFields = "id,caption,media_type,media_product_type,permalink,timestamp,username,comments_count,like_count";
    public const string ReplyFields = "id,text,timestamp,username,from,user,like_count,hidden,parent_id";
    public const string CommentFields = $"id,text,timestamp,username,from,user,like_count,hidden,parent_id,media{{id,media_product_type}},replies{{{ReplyFields}}}";

    /// <summary>Instagram lists at most 50 comments a page.</summary>
    public const int CommentsPageSize = 50;

    /// <summary>Most pages of one thread (top-level comments and paged replies together) read in one go.</summary>
    private const int MaxThreadPages = 200;

    public string? ValidateAccount(string account) =>
        IdPattern().IsMatch(account.Trim()) ? null : $"'{account}' is not an Instagram account: give {Syntax}; a handle can change and is not read";

    public Task<string> ResolveAccountAsync(SourceCall call, CancellationToken cancellationToken) =>
        ValidateAccount(call.Channel.Account) is { } problem ? throw ConnectorFaultException.Permanent(problem) : Task.FromResult(call.Channel.Account.Trim());

    public async Task<SourcePage> ListPostsAsync(SourceCall call, string? pageToken, CancellationToken cancellationToken)
    {
        var url = pageToken is null
            ? client.Url($"{Uri.EscapeDataString(call.AccountId!)}/media", ("fields", MediaFields), ("limit", Invariant(client.Settings.PageSize)), ("since", client.Since(call.Settings.BackfillDays)))
            : client.PageUrl(pageToken);
        var (items, next, _) = await client.ListAsync(url, call, cancellationToken).ConfigureAwait(false) ?? throw AccountGone(call);
        return new SourcePage(items.Select(i => InstagramMapper.ToMediaEntry(i, call.AccountId!)).ToList(), next);
    }

    public bool HasInbound(SourceCall call) => true;

    /// <summary>One page of <c>/tags</c>; the page token is the <c>after</c> cursor, and an empty page, or one that gives no new cursor, ends the list.</summary>
    public async Task<SourcePage> ListInboundAsync(SourceCall call, string? pageToken, CancellationToken cancellationToken)
    {
        (string, string)[] query = [("fields", TagFields), ("limit", Invariant(client.Settings.InboundPageSize))];
        var url = client.Url($"{Uri.EscapeDataString(call.AccountId!)}/tags", pageToken is null ? query : [.. query, ("after", pageToken)]);
        var (items, _, cursors) = await client.ListAsync(url, call, cancellationToken).ConfigureAwait(false) ?? throw AccountGone(call);
        var after = cursors?.After;
        var next = items.Count == 0 || string.IsNullOrEmpty(after) || after == pageToken ? null : after;
        return new SourcePage(items.Select(i => InstagramMapper.ToTagEntry(i, call.AccountId!)).ToList(), next);
    }

    public async Task<ThreadRead> ReadThreadAsync(SourceCall call, string threadKey, CancellationToken cancellationToken)
    {
        var comments = new List<InstagramTopLevel>();
        var pages = 0;
        Uri? url = client.Url($"{Uri.EscapeDataString(threadKey)}/comments", ("fields", CommentFields), ("limit", Invariant(CommentsPageSize)));
        while (url is not null && pages++ < MaxThreadPages)
        {
            if (await client.ListAsync(url, call, cancellationToken).ConfigureAwait(false) is not { } page)
            {
                return new ThreadRead([], [$"instagram media {threadKey}: its comments can no longer be read (the media was deleted, or is hidden from this token)"]);
            }

            foreach (var comment in page.Items)
            {
                var (replies, more) = InstagramMapper.ExpandedReplies(comment);
                var all = replies.ToList();
                for (var next = client.NextOf(more); next is not null && pages++ < MaxThreadPages;)
                {
                    // A comment deleted meanwhile takes its replies with it: what was expanded is kept.
                    var rest = await client.ListAsync(client.PageUrl(next), call, cancellationToken).ConfigureAwait(false);
                    all.AddRange(rest?.Items ?? []);
                    next = rest?.Next;
                }

                comments.Add(new InstagramTopLevel(comment, all));
            }

            url = page.Next is null ? null : new Uri(page.Next);
        }

        return InstagramMapper.ToThread(comments, threadKey, call.AccountId!);
    }

    private static ConnectorFaultException AccountGone(SourceCall call) =>
        ConnectorFaultException.Permanent($"the Instagram account {call.AccountId} can no longer be read (not a professional account, disconnected from its Page, or this token has no role on it)");

    private static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex("^[0-9]{5,25}$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}
