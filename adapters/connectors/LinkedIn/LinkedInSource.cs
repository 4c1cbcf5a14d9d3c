using System.Globalization;
using System.Text.Json;
using Engagement.Connectors.Platforms;
using Engagement.Core.Ports;

namespace Engagement.Connectors.LinkedIn;

/// <summary>
/// LinkedIn organizations (Company Pages) for the shared crawl plan, through the Community Management API (docs:
/// community-management/shares/posts-api, comments-api, social-metadata-api, organization-lookup-api):
/// <list type="bullet">
/// <item>the account is the organization's id, or its vanity name resolved once
/// (<c>/organizations?q=vanityName</c>); its URN is kept in the cursor;</item>
/// <item>posts: <c>/posts?q=author&amp;sortBy=CREATED</c>, newest first, by <c>start</c>/<c>count</c> until a page comes
/// back short, with the page's counters from one <c>/socialMetadata?ids=List(…)</c> batch;</item>
/// <item>threads: <c>/socialActions/{post}/comments</c>, then <c>/socialActions/{comment}/comments</c> for each comment
/// with replies (threads have two levels);</item>
/// <item>no inbound stream: mentions come only as URNs from the notifications API, of posts the token often cannot read.</item>
/// </list>
/// </summary>
internal sealed class LinkedInSource(LinkedInClient client) : ISocialSource
{
    public const string PlatformName = "linkedin";

    /// <summary>Most pages of one thread (comments and replies together) read in one go.</summary>
    private const int MaxThreadPages = 200;

    public string? ValidateAccount(string account) => LinkedInAccount.TryParse(account, out _, out var problem) ? null : problem;

    public async Task<string> ResolveAccountAsync(SourceCall call, CancellationToken cancellationToken)
    {
        if (!LinkedInAccount.TryParse(call.Channel.Account, out var account, out var problem))
        {
            throw ConnectorFaultException.Permanent(problem!);
        }

        if (account!.Id is { } id)
        {
            return LinkedInAccount.UrnOf(id);
        }

        var url = client.Url("organizations", $"q=vanityName&vanityName={Uri.EscapeDataString(account.VanityName!)}");
        var found = await client.GetAsync(url, LinkedInJson.Default.LinkedInCollection, call, cancellationToken).ConfigureAwait(false);
        return found?.Elements?.Select(e => RawItems.IdOf(e)).FirstOrDefault(i => !string.IsNullOrEmpty(i)) is { } resolved
            ? LinkedInAccount.UrnOf(resolved)
            : throw ConnectorFaultException.Permanent($"there is no LinkedIn organization with the vanity name '{account.VanityName}'");
    }

    /// <summary>One page of the organization's posts; the page token is the next <c>start</c>.</summary>
    public async Task<SourcePage> ListPostsAsync(SourceCall call, string? pageToken, CancellationToken cancellationToken)
    {
        var start = int.TryParse(pageToken, NumberStyles.None, CultureInfo.InvariantCulture, out var at) ? at : 0;
        var count = client.Settings.PageSize;
        var url = client.Url("posts", $"author={LinkedInClient.Encode(call.AccountId!)}&q=author&count={Invariant(count)}&start={Invariant(start)}&sortBy=CREATED");
        var page = await client.GetAsync(url, LinkedInJson.Default.LinkedInCollection, call, cancellationToken).ConfigureAwait(false)
            ?? throw ConnectorFaultException.Permanent($"LinkedIn has no organization {call.AccountId} (deleted, or the id is wrong)");
        var elements = page.Elements ?? [];
        var metadata = await MetadataAsync(elements, call, cancellationToken).ConfigureAwait(false);
        var entries = elements.Select(e => LinkedInMapper.ToPostEntry(e, call.AccountId!, metadata)).ToList();
        var ended = elements.Count < count || (page.Paging?.Total is { } total && start + elements.Count >= total);
        return new SourcePage(entries, ended ? null : Invariant(start + elements.Count));
    }

    public bool HasInbound(SourceCall call) => false;

    public Task<SourcePage> ListInboundAsync(SourceCall call, string? pageToken, CancellationToken cancellationToken) =>
        Task.FromResult(new SourcePage([], null));

    /// <summary>A post's comments, then the replies of each comment that has some, every page of each.</summary>
    public async Task<ThreadRead> ReadThreadAsync(SourceCall call, string threadKey, CancellationToken cancellationToken)
    {
        var pages = 0;
        var comments = await CommentsAsync(threadKey, call, () => ++pages, cancellationToken).ConfigureAwait(false);
        if (comments is null)
        {
            return new ThreadRead([], [$"linkedin post {threadKey}: its comments can no longer be read (the post was deleted)"]);
        }

        var all = comments.ToList();
        var bad = new List<string>();
        foreach (var element in comments)
        {
            if (LinkedInMapper.ReadComment(element) is not ({ } comment, { } urn, null) || !LinkedInMapper.HasReplies(comment) || pages >= MaxThreadPages)
            {
                continue;
            }

            var replies = await CommentsAsync(urn, call, () => ++pages, cancellationToken).ConfigureAwait(false);
            if (replies is null)
            {
                bad.Add($"linkedin comment {urn}: its replies can no longer be read (the comment was deleted)");
            }

            all.AddRange(replies ?? []);
        }

        return LinkedInMapper.ToThread(all, threadKey, call.AccountId!, bad);
    }

    /// <summary>Every page of the comments on <paramref name="urn"/> (a post or a comment), or null when it is gone.</summary>
    private async Task<List<JsonElement>?> CommentsAsync(string urn, SourceCall call, Func<int> countPage, CancellationToken cancellationToken)
    {
        var count = client.Settings.CommentsPageSize;
        var comments = new List<JsonElement>();
        for (var start = 0; countPage() <= MaxThreadPages;)
        {
            var url = client.Url($"socialActions/{LinkedInClient.Encode(urn)}/comments", $"start={Invariant(start)}&count={Invariant(count)}");
            if (await client.GetAsync(url, LinkedInJson.Default.LinkedInCollection, call, cancellationToken).ConfigureAwait(false) is not { } page)
            {
                return start == 0 ? null : comments;
            }

            var elements = page.Elements ?? [];
            comments.AddRange(elements);
            start += elements.Count;
            if (elements.Count < count || (page.Paging?.Total is { } total && start >= total))
            {
                break;
            }
        }

        return comments;
    }

    /// <summary>The counters of a page's posts in one batch; a post missing from it has its thread read once.</summary>
    private async Task<IReadOnlyDictionary<string, LinkedInSocialMetadata>> MetadataAsync(IReadOnlyList<JsonElement> posts, SourceCall call, CancellationToken cancellationToken)
    {
        var ids = posts.Select(p => RawItems.IdOf(p)).Where(id => !string.IsNullOrWhiteSpace(id)).Distinct(StringComparer.Ordinal).ToList();
        if (ids.Count == 0)
        {
            return new Dictionary<string, LinkedInSocialMetadata>();
        }

        var url = client.Url("socialMetadata", $"ids=List({string.Join(',', ids.Select(id => LinkedInClient.Encode(id!)))})");
        var batch = await client.GetAsync(url, LinkedInJson.Default.LinkedInMetadataBatch, call, cancellationToken).ConfigureAwait(false);
        return LinkedInMapper.ToMetadata(batch);
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
