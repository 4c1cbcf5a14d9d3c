using System.Globalization;
using System.Text.Json;
using Engagement.Connectors.Platforms;
using Engagement.Core.Domain;
using Engagement.Core.Ports;
using Microsoft.Extensions.Options;

namespace Engagement.Connectors.YouTube;

/// <summary>
/// YouTube for the shared crawl plan, one quota unit per call:
/// <list type="bullet">
/// <item>the account is resolved once (<c>channels?id=</c> or <c>?forHandle=</c>) to its channel id, uploads playlist and
/// handle, kept in the cursor;</item>
/// <item>posts: the uploads playlist (<c>playlistItems</c>, newest first, <c>pageToken</c>), each page's videos read
/// by id (<c>videos?part=snippet,statistics</c>) for their text and counters; <c>commentCount</c> is the counter that
/// says a video's comments changed;</item>
/// <item>inbound: <c>commentThreads?allThreadsRelatedToChannelId=</c>, new top-level comments on any of the channel's
/// videos, newest first; a thread with replies has them read;</item>
/// <item>threads: a video's comment threads (<c>commentThreads?videoId=&amp;part=snippet,replies</c>, every page), and
/// for a thread that carries only some of its replies, all of them (<c>comments?parentId=</c>, every page).</item>
/// </list>
/// </summary>
internal sealed class YouTubeSource(YouTubeClient client, IOptions<PlatformsOptions> options) : ISocialSource
{
    public const string PlatformName = "youtube";

    /// <summary>Replies per <c>comments.list</c> page: the API's maximum.</summary>
    public const int RepliesPageSize = 100;

    /// <summary>
    /// Most calls one video's comments may take in a job: 100 units, a hundredth of the default daily quota. A video
    /// with more is read newest threads first, and the rest waits for its next change.
    /// </summary>
    public const int MostCallsPerThread = 100;

    private YouTubeOptions Settings => options.Value.YouTube;

    private Uri BaseUrl => Settings.BaseUrl ?? new YouTubeOptions().BaseUrl!;

    public string? ValidateAccount(string account) => YouTubeAccount.TryParse(account, out _, out var problem) ? null : problem;

    public async Task<string> ResolveAccountAsync(SourceCall call, CancellationToken cancellationToken)
    {
        if (!YouTubeAccount.TryParse(call.Channel.Account, out var account, out var problem))
        {
            throw ConnectorFaultException.Permanent(problem!);
        }

        _ = call.Token ?? throw YouTubeClient.NoKey();
        var channel = await client.GetChannelAsync(BaseUrl, account!, call, cancellationToken).ConfigureAwait(false)
            ?? throw ConnectorFaultException.Permanent($"YouTube has no channel {call.Channel.Account} (deleted, or the handle is misspelt)");
        var uploads = channel.ContentDetails?.RelatedPlaylists?.Uploads;
        return new YouTubeChannelRef(channel.Id!, string.IsNullOrWhiteSpace(uploads) ? "UU" + channel.Id![2..] : uploads, channel.Snippet?.CustomUrl ?? account!.Handle).Encode();
    }

    public async Task<SourcePage> ListPostsAsync(SourceCall call, string? pageToken, CancellationToken cancellationToken)
    {
        var brand = YouTubeChannelRef.Decode(call.AccountId!);
        var list = await PageAsync(token => Url("playlistItems", [new("part", "snippet,contentDetails"), new("playlistId", brand.Uploads), new("maxResults", Invariant(Math.Clamp(Settings.PageSize, 1, 50)))], token), pageToken, call, cancellationToken).ConfigureAwait(false)
            ?? throw ConnectorFaultException.Permanent($"the uploads playlist {brand.Uploads} of {call.Channel.Account} no longer exists");
        var ids = list.Items.Select(VideoIdOf).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var videos = new Dictionary<string, YouTubeVideo>(StringComparer.Ordinal);
        if (ids.Count > 0)
        {
            var found = await client.ListAsync(Url("videos", [new("part", "snippet,statistics"), new("id", string.Join(',', ids))], null), call, cancellationToken).ConfigureAwait(false);
            foreach (var raw in found?.Items ?? [])
            {
                if (VideoOf(raw) is { Id: { } id } video)
                {
                    videos[id] = video;
                }
            }
        }

        return new SourcePage(list.Items.Select(i => YouTubeMapper.ToVideoEntry(i, videos, brand)).ToList(), Next(list, pageToken));
    }

    public bool HasInbound(SourceCall call) => true;

    public async Task<SourcePage> ListInboundAsync(SourceCall call, string? pageToken, CancellationToken cancellationToken)
    {
        var brand = YouTubeChannelRef.Decode(call.AccountId!);
        var list = await PageAsync(token => Url("commentThreads", [new("part", "snippet"), new("allThreadsRelatedToChannelId", brand.ChannelId), new("order", "time"), new("maxResults", Invariant(CommentsPageSize)), new("textFormat", "html")], token), pageToken, call, cancellationToken).ConfigureAwait(false)
            ?? YouTubeList.Empty;
        return new SourcePage(list.Items.Select(i => YouTubeMapper.ToInboundEntry(i, brand)).ToList(), Next(list, pageToken));
    }

    public async Task<ThreadRead> ReadThreadAsync(SourceCall call, string threadKey, CancellationToken cancellationToken)
    {
        var brand = YouTubeChannelRef.Decode(call.AccountId!);
        var (videoId, threadId) = YouTubeThreadKeys.Parse(threadKey);
        var items = new List<Interaction>();
        var bad = new List<string>();
        var calls = 0;
        if (threadId is not null)
        {
            return await RepliesAsync(threadId, videoId, brand, call, bad, cancellationToken).ConfigureAwait(false) is { } replies
                ? new ThreadRead(replies, bad)
                : new ThreadRead([], [$"youtube comment {threadId}: its replies can no longer be read (deleted)"]);
        }

        string? pageToken = null;
        do
        {
            var list = await client.ListAsync(Url("commentThreads", [new("part", "snippet,replies"), new("videoId", videoId!), new("order", "time"), new("maxResults", Invariant(CommentsPageSize)), new("textFormat", "html")], pageToken), call, cancellationToken).ConfigureAwait(false);
            calls++;
            if (list is null)
            {
                return new ThreadRead(items, [.. bad, $"youtube video {videoId}: its comments can no longer be read (deleted or private)"]);
            }

            foreach (var raw in list.Items)
            {
                var thread = YouTubeMapper.ToThread(raw, brand);
                items.AddRange(thread.TopLevel);
                bad.AddRange(thread.BadRecords);
                if (thread.LacksReplies && calls < MostCallsPerThread)
                {
                    var all = await RepliesAsync(thread.Id!, thread.VideoId ?? videoId, brand, call, bad, cancellationToken).ConfigureAwait(false);
                    calls++;
                    items.AddRange(all ?? thread.Replies);
                }
                else
                {
                    items.AddRange(thread.Replies);
                }
            }

            pageToken = Next(list, pageToken);
        }
        while (pageToken is not null && calls < MostCallsPerThread);

        if (pageToken is not null)
        {
            bad.Add($"youtube video {videoId}: only its newest comment threads were read ({MostCallsPerThread} calls); older ones are read when its count changes again");
        }

        return new ThreadRead(items, bad);
    }

    /// <summary>Every reply of one thread (<c>comments?parentId=</c>, all pages), or null when the thread is gone.</summary>
    private async Task<List<Interaction>?> RepliesAsync(string threadId, string? videoId, YouTubeChannelRef brand, SourceCall call, List<string> bad, CancellationToken cancellationToken)
    {
        var replies = new List<Interaction>();
        string? pageToken = null;
        do
        {
            var list = await client.ListAsync(Url("comments", [new("part", "snippet"), new("parentId", threadId), new("maxResults", Invariant(RepliesPageSize)), new("textFormat", "html")], pageToken), call, cancellationToken).ConfigureAwait(false);
            if (list is null)
            {
                return null;
            }

            replies.AddRange(YouTubeMapper.ToReplies(list.Items, brand, videoId, bad));
            pageToken = Next(list, pageToken);
        }
        while (pageToken is not null);

        return replies;
    }

    /// <summary>A listing page; a page token the API no longer takes starts the listing again (rows are idempotent).</summary>
    private async Task<YouTubeList?> PageAsync(Func<string?, Uri> url, string? pageToken, SourceCall call, CancellationToken cancellationToken)
    {
        var list = await client.ListAsync(url(pageToken), call, cancellationToken).ConfigureAwait(false);
        return list is { Expired: true } && pageToken is not null
            ? await client.ListAsync(url(null), call, cancellationToken).ConfigureAwait(false)
            : list;
    }

    /// <summary>The next page's token; none, or the same one again (which would loop), ends the listing.</summary>
    private static string? Next(YouTubeList list, string? current) => list.NextPageToken == current ? null : list.NextPageToken;

    private int CommentsPageSize => Math.Clamp(Settings.CommentsPageSize, 1, 100);

    private Uri Url(string resource, List<KeyValuePair<string, string>> query, string? pageToken)
    {
        if (pageToken is not null)
        {
            query.Add(new("pageToken", pageToken));
        }

        return PlatformUris.Combine(BaseUrl, resource, query);
    }

    private static string? VideoIdOf(JsonElement raw) =>
        raw.ValueKind == JsonValueKind.Object && raw.TryGetProperty("contentDetails", out var details) && details.ValueKind == JsonValueKind.Object
            && details.TryGetProperty("videoId", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;

    private static YouTubeVideo? VideoOf(JsonElement raw)
    {
        try
        {
            return raw.ValueKind == JsonValueKind.Object ? JsonSerializer.Deserialize(raw, YouTubeJson.Default.YouTubeVideo) : null;
        }
        catch (JsonException)
        {
            return null; // its playlist entry reports it, as a video that cannot be read
        }
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
