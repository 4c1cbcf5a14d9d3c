using System.Globalization;
using System.Text.Json;
using Engagement.Connectors.Meta;
using Engagement.Connectors.Platforms;
using Engagement.Core.Ports;

namespace Engagement.Connectors.Facebook;

/// <summary>
/// Facebook Pages for the shared crawl plan (docs: graph-api/reference/page, page-post, object/comments):
/// <list type="bullet">
/// <item>the account is the Page id, or its alias resolved once (<c>GET /{alias}?fields=id,name,username</c>) and
/// kept in the cursor;</item>
/// <item>posts: <c>/{page}/posts</c> with their counters expanded, newest first, from the backfill depth on
/// (<c>since</c>), following <c>paging.next</c>;</item>
/// <item>inbound: <c>/{page}/tagged</c>, posts by others that tag the Page;</item>
/// <item>threads: <c>/{post}/comments?filter=stream</c>, every level in one chronological list, to its last page.</item>
/// </list>
/// The token is a Page access token, sent as a bearer header.
/// </summary>
internal sealed class FacebookSource(FacebookClient client) : ISocialSource
{
    public const string PlatformName = "facebook";

    // The fields asked for are those of the documented responses; the mapper reads a subset.
    public const string PageFields = "id,name,username";
    public const string PostFields = "id,created_time,updated_time,message,message_tags,story,from,permalink_url,status_type,parent_id,is_hidden,is_published,full_picture,shares,comments.filter(stream).limit(0).summary(true),reactions.limit(0).summary(true)";
    public const string TaggedFields = "id,message,message_tags,created_time,from,permalink_url,status_type";
    public const string CommentFields = "id,message,message_tags,created_time,from,parent{id},comment_count,like_count,is_hidden,can_hide,permalink_url,attachment";

    /// <summary>Most pages of one thread read in one go: 200 pages of 100 comments.</summary>
    private const int MaxThreadPages = 200;

    public string? ValidateAccount(string account) => FacebookAccount.TryParse(account, out _, out var problem) ? null : problem;

    public async Task<string> ResolveAccountAsync(SourceCall call, CancellationToken cancellationToken)
    {
        var account = AccountOf(call);
        if (account.Id is { } id)
        {
            return id;
        }

        var page = await client.GetAsync(client.Url(Uri.EscapeDataString(account.Alias!), ("fields", PageFields)), call, cancellationToken).ConfigureAwait(false);
        return page is { ValueKind: JsonValueKind.Object } found && RawItems.IdOf(found) is { Length: > 0 } resolved
            ? resolved
            : throw ConnectorFaultException.Permanent($"there is no Facebook Page '{account.Alias}' (misspelt alias, or a Page this token cannot see)");
    }

    public Task<SourcePage> ListPostsAsync(SourceCall call, string? pageToken, CancellationToken cancellationToken) =>
        ListAsync(call, pageToken, "posts", PostFields, client.Settings.PageSize, FacebookMapper.ToPostEntry, cancellationToken);

    public bool HasInbound(SourceCall call) => true;

    public Task<SourcePage> ListInboundAsync(SourceCall call, string? pageToken, CancellationToken cancellationToken) =>
        ListAsync(call, pageToken, "tagged", TaggedFields, client.Settings.InboundPageSize, FacebookMapper.ToTaggedEntry, cancellationToken);

    public async Task<ThreadRead> ReadThreadAsync(SourceCall call, string threadKey, CancellationToken cancellationToken)
    {
        var comments = new List<JsonElement>();
        var url = client.Url(
            $"{Uri.EscapeDataString(threadKey)}/comments",
            ("filter", "stream"),
            ("order", "chronological"),
            ("summary", "true"),
            ("limit", Invariant(client.Settings.CommentsPageSize)),
            ("fields", CommentFields));
        for (var pages = 0; url is not null && pages < MaxThreadPages; pages++)
        {
            if (await client.ListAsync(url, call, cancellationToken).ConfigureAwait(false) is not { } page)
            {
                return new ThreadRead([], [$"facebook post {threadKey}: its comments can no longer be read (the post was deleted, or is hidden from this token)"]);
            }

            comments.AddRange(page.Items);
            url = page.Next is null ? null : new Uri(page.Next);
        }

        return FacebookMapper.ToThread(comments, threadKey, call.AccountId!);
    }

    /// <summary>One page of a listing edge of the Page, from the backfill depth on (<c>since</c>), newest first.</summary>
    private async Task<SourcePage> ListAsync(SourceCall call, string? pageToken, string edge, string fields, int size, Func<JsonElement, string, SourceEntry> map, CancellationToken cancellationToken)
    {
        var url = pageToken is null
            ? client.Url($"{Uri.EscapeDataString(call.AccountId!)}/{edge}", ("fields", fields), ("limit", Invariant(size)), ("since", client.Since(call.Settings.BackfillDays)))
            : client.PageUrl(pageToken);
        var (items, next, _) = await client.ListAsync(url, call, cancellationToken).ConfigureAwait(false)
            ?? throw ConnectorFaultException.Permanent($"the Facebook Page {call.AccountId} can no longer be read (deleted or unpublished, or this token has no role on it)");
        return new SourcePage(items.Select(i => map(i, call.AccountId!)).ToList(), next);
    }

    private static FacebookAccount AccountOf(SourceCall call) =>
        FacebookAccount.TryParse(call.Channel.Account, out var account, out var problem) ? account! : throw ConnectorFaultException.Permanent(problem!);

    private static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);
}
