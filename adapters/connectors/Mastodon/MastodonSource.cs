using System.Text.Json;
using Engagement.Connectors.Platforms;
using Engagement.Core.Ports;
using Microsoft.Extensions.Options;

namespace Engagement.Connectors.Mastodon;

/// <summary>
/// Mastodon for the shared crawl plan (docs: methods/accounts, statuses, notifications):
/// <list type="bullet">
/// <item>the account is resolved once on its own server (<c>/api/v1/accounts/lookup</c>) and its id kept in the cursor;</item>
/// <item>posts: <c>/api/v1/accounts/:id/statuses</c>, newest first, following <c>Link: rel="next"</c>;</item>
/// <item>inbound, with a token only: <c>/api/v1/notifications?types[]=mention&amp;types[]=quote</c>;</item>
/// <item>threads: <c>/api/v1/statuses/:id/context</c> under a brand post; for a reply found outside its thread, the
/// status and its context, so every status of a thread is stored with the thread's root.</item>
/// </list>
/// </summary>
internal sealed class MastodonSource(MastodonClient client, IOptions<PlatformsOptions> options) : ISocialSource
{
    public const string PlatformName = "mastodon";

    public string? ValidateAccount(string account) => MastodonAccount.TryParse(account, out _, out var problem) ? null : problem;

    public async Task<string> ResolveAccountAsync(SourceCall call, CancellationToken cancellationToken)
    {
        var (server, account) = ServerOf(call);
        var found = await client.LookupAsync(server, account.Username, call, cancellationToken).ConfigureAwait(false);
        return found.Id!;
    }

    public async Task<SourcePage> ListPostsAsync(SourceCall call, string? pageToken, CancellationToken cancellationToken)
    {
        var (server, account) = ServerOf(call);
        var url = PageUrl(server, pageToken)
            ?? PlatformUris.Combine(server, $"api/v1/accounts/{Uri.EscapeDataString(call.AccountId!)}/statuses", [new("limit", Invariant(options.Value.Mastodon.PageSize))]);
        var (items, next) = await client.ListAsync(url, call, cancellationToken).ConfigureAwait(false);
        var brand = BrandOf(call, account);
        return new SourcePage(items.Select(i => MastodonMapper.ToListedEntry(i, brand)).ToList(), Next(server, next));
    }

    public bool HasInbound(SourceCall call) => call.Token is not null;

    public async Task<SourcePage> ListInboundAsync(SourceCall call, string? pageToken, CancellationToken cancellationToken)
    {
        var (server, account) = ServerOf(call);
        var url = PageUrl(server, pageToken)
            ?? PlatformUris.Combine(server, "api/v1/notifications", [new("types[]", "mention"), new("types[]", "quote"), new("limit", Invariant(options.Value.Mastodon.NotificationsPageSize))]);
        var (items, next) = await client.ListAsync(url, call, cancellationToken).ConfigureAwait(false);
        var brand = BrandOf(call, account);
        return new SourcePage(items.Select(i => MastodonMapper.ToInboundEntry(i, brand)).ToList(), Next(server, next));
    }

    public async Task<ThreadRead> ReadThreadAsync(SourceCall call, string threadKey, CancellationToken cancellationToken)
    {
        var (server, account) = ServerOf(call);
        var brand = BrandOf(call, account);
        var (isRoot, id) = ThreadKeys.Parse(threadKey);
        if (isRoot)
        {
            var context = await client.GetContextAsync(server, id, call, cancellationToken).ConfigureAwait(false);
            return context is null
                ? Gone(id)
                : MastodonMapper.ToThread(context.Descendants ?? [], new MastodonThread(id, RootIsBrand: true), brand);
        }

        var status = await client.GetStatusAsync(server, id, call, cancellationToken).ConfigureAwait(false);
        var around = status is null ? null : await client.GetContextAsync(server, id, call, cancellationToken).ConfigureAwait(false);
        if (status is not { } self || around is null)
        {
            return Gone(id);
        }

        // The root is the first ancestor, or the status itself; every status of the thread is stored with it.
        var ancestors = around.Ancestors ?? [];
        var rootElement = ancestors.Count > 0 ? ancestors[0] : self;
        var (root, _) = MastodonMapper.Read(rootElement);
        var thread = new MastodonThread(root?.Id ?? id, root?.Account?.Id == brand.AccountId);
        return MastodonMapper.ToThread([.. ancestors, self, .. around.Descendants ?? []], thread, brand);
    }

    private static ThreadRead Gone(string id) =>
        new([], [$"mastodon status {id}: its thread can no longer be read (deleted, or hidden from this token)"]);

    private (Uri Server, MastodonAccount Account) ServerOf(SourceCall call)
    {
        if (!MastodonAccount.TryParse(call.Channel.Account, out var account, out var problem))
        {
            throw ConnectorFaultException.Permanent(problem!);
        }

        // A configured API root (a proxy) wins over the account's host; the handle keeps the account's host.
        return (options.Value.Mastodon.BaseUrl ?? account!.Server, account!);
    }

    /// <summary>The brand as its statuses are mapped: handles carry the account's own host, even behind a configured proxy.</summary>
    private static MastodonBrand BrandOf(SourceCall call, MastodonAccount account) => new(call.AccountId!, account.Server.Authority);

    private static Uri? PageUrl(Uri server, string? pageToken)
    {
        if (pageToken is null)
        {
            return null;
        }

        var url = new Uri(pageToken, UriKind.Absolute);
        return PlatformUris.SameOrigin(server, url) ? url : throw ConnectorFaultException.Permanent($"a paging link leads off {server.Host}; the token is only sent to the account's own server");
    }

    /// <summary>The next page's URL as the cursor keeps it; a link to another host is refused, since it would carry the token there.</summary>
    private static string? Next(Uri server, Uri? next) =>
        next is null ? null
        : PlatformUris.SameOrigin(server, next) ? next.AbsoluteUri
        : throw ConnectorFaultException.Permanent($"{server.Host} pages through another host ({next.Host}); give the account as that host's profile URL, https://{next.Authority}/@user");

    private static string Invariant(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
