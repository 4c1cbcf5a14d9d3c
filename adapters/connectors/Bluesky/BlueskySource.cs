using Engagement.Connectors.Platforms;
using Engagement.Core.Domain;
using Engagement.Core.Ports;
using Microsoft.Extensions.Options;

namespace Engagement.Connectors.Bluesky;

/// <summary>
/// Bluesky for the shared crawl plan:
/// <list type="bullet">
/// <item>the account is resolved once to its DID (<c>resolveHandle</c> for a handle, <c>getProfile</c> for a DID) and kept in the cursor;</item>
/// <item>posts: <c>app.bsky.feed.getAuthorFeed?filter=posts_with_replies</c> on the public AppView, newest first, following
/// <c>cursor</c>; reposts are skipped;</item>
/// <item>inbound, with an app password only: a session is created at the service (once per job, and once more when it
/// expires), and <c>app.bsky.notification.listNotifications?reasons=reply,mention,quote</c> is read from the account's PDS;</item>
/// <item>threads: <c>getPostThread</c> under a brand post when its reply count changes; around a brand reply (its
/// parent too) when first seen; a reply whose own replies lie deeper than one call goes is read with another.</item>
/// </list>
/// One source serves one job (it is resolved per fetch), so the session it holds lives no longer than the job.
/// </summary>
internal sealed class BlueskySource(BlueskyClient client, IOptions<PlatformsOptions> options) : ISocialSource
{
    public const string PlatformName = "bluesky";

    /// <summary>Most extra calls one thread may take for replies deeper than <see cref="BlueskyOptions.ThreadDepth"/>.</summary>
    public const int MostDeeperReads = 20;

    private static readonly string[] Reasons = ["reply", "mention", "quote"];

    private BlueskySession? _session;

    private BlueskyOptions Settings => options.Value.Bluesky;

    private Uri AppView => Settings.BaseUrl ?? new BlueskyOptions().BaseUrl!;

    public string? ValidateAccount(string account) => BlueskyAccount.TryParse(account, out _, out var problem) ? null : problem;

    public async Task<string> ResolveAccountAsync(SourceCall call, CancellationToken cancellationToken)
    {
        var account = AccountOf(call);
        return account.IsDid
            ? (await client.GetProfileAsync(AppView, account.Actor, call, cancellationToken).ConfigureAwait(false)).Did!
            : await client.ResolveHandleAsync(AppView, account.Actor, call, cancellationToken).ConfigureAwait(false);
    }

    public async Task<SourcePage> ListPostsAsync(SourceCall call, string? pageToken, CancellationToken cancellationToken)
    {
        var page = await client.GetAuthorFeedAsync(AppView, call.AccountId!, Math.Clamp(Settings.PageSize, 1, 100), pageToken, call, cancellationToken).ConfigureAwait(false);
        var brand = new BlueskyBrand(call.AccountId!);
        return new SourcePage((page.Feed ?? []).Select(i => BlueskyMapper.ToListedEntry(i, brand)).ToList(), Next(page.Cursor, pageToken));
    }

    public bool HasInbound(SourceCall call) => call.Token is not null;

    public async Task<SourcePage> ListInboundAsync(SourceCall call, string? pageToken, CancellationToken cancellationToken)
    {
        var limit = Math.Clamp(Settings.NotificationsPageSize, 1, 100);
        _session ??= await SignInAsync(call, cancellationToken).ConfigureAwait(false);
        var page = await client.ListNotificationsAsync(_session, Reasons, limit, pageToken, call, cancellationToken).ConfigureAwait(false);
        if (page is null)
        {
            // Access tokens live minutes to hours: an expired one is made again, once.
            _session = await SignInAsync(call, cancellationToken).ConfigureAwait(false);
            page = await client.ListNotificationsAsync(_session, Reasons, limit, pageToken, call, cancellationToken).ConfigureAwait(false)
                ?? throw ConnectorFaultException.Permanent($"{_session.Pds.Host} says a session expired right after it was created: check the server's clock, or create a new app password");
        }

        var brand = new BlueskyBrand(call.AccountId!);
        return new SourcePage((page.Notifications ?? []).Select(n => BlueskyMapper.ToInboundEntry(n, brand)).ToList(), Next(page.Cursor, pageToken));
    }

    public async Task<ThreadRead> ReadThreadAsync(SourceCall call, string threadKey, CancellationToken cancellationToken)
    {
        var brand = new BlueskyBrand(call.AccountId!);
        var depth = Math.Clamp(Settings.ThreadDepth, 1, 1000);
        var (uri, parentHeight) = BlueskyThreadKeys.Parse(threadKey);
        var thread = BlueskyMapper.ToThread(await client.GetPostThreadAsync(AppView, uri, depth, parentHeight, call, cancellationToken).ConfigureAwait(false), brand);
        if (thread.Gone)
        {
            return new ThreadRead([], [$"bluesky post {uri}: its thread can no longer be read (deleted, or hidden by a block)"]);
        }

        var items = new List<Interaction>(thread.Items);
        var bad = new List<string>(thread.BadRecords);
        var deeper = new Queue<string>(thread.Deeper);
        for (var reads = 0; reads < MostDeeperReads && deeper.TryDequeue(out var below); reads++)
        {
            var more = BlueskyMapper.ToThread(await client.GetPostThreadAsync(AppView, below, depth, 0, call, cancellationToken).ConfigureAwait(false), brand);
            items.AddRange(more.Items.Where(i => i.PlatformId != below));
            bad.AddRange(more.BadRecords);
            foreach (var next in more.Deeper)
            {
                deeper.Enqueue(next);
            }
        }

        return new ThreadRead(items, bad);
    }

    /// <summary>A session from the channel's app password, checked to belong to the channel's account.</summary>
    private async Task<BlueskySession> SignInAsync(SourceCall call, CancellationToken cancellationToken)
    {
        var service = Settings.ServiceUrl ?? throw ConnectorFaultException.Permanent("Engagement__Platforms__Bluesky__ServiceUrl is empty: set it to where sessions are created (https://bsky.social)");
        var session = await client.CreateSessionAsync(service, AccountOf(call).Actor, call.Token!, call, cancellationToken).ConfigureAwait(false);
        return session.Did == call.AccountId
            ? session
            : throw ConnectorFaultException.Permanent($"the app password belongs to {session.Did}, not to the channel's account {call.AccountId}: give the channel a secret of its own account");
    }

    private static BlueskyAccount AccountOf(SourceCall call) =>
        BlueskyAccount.TryParse(call.Channel.Account, out var account, out var problem) ? account! : throw ConnectorFaultException.Permanent(problem!);

    /// <summary>The next page's cursor; none (or the same one again, which would loop) ends the listing.</summary>
    private static string? Next(string? cursor, string? current) =>
        string.IsNullOrEmpty(cursor) || cursor == current ? null : cursor;
}
