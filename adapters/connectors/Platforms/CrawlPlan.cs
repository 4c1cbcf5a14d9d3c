using Engagement.Core.Domain;
using Engagement.Core.Ports;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Engagement.Connectors.Platforms;

/// <summary>
/// The one crawl plan of every social connector. A sweep reads, in order:
/// <list type="number">
/// <item>the brand's posts, newest first, down to a horizon: the backfill depth for a new channel, otherwise the
/// older of the last watermark and the thread window (so the posts whose threads are watched are listed again, with
/// fresh counters), never beyond the backfill depth;</item>
/// <item>the inbound stream (mentions, notifications), newest first, down to its own watermark, where the platform has one;</item>
/// <item>the threads found on the way: a post's thread when it is first seen with replies, and again while it is
/// inside the thread window only when its reply counter changed.</item>
/// </list>
/// Every job stays within its budget (records and calls) and stops before a rate limit when headers show the window
/// nearly used; the cursor says where the sweep is, and has-more continues it in the next job. A thread is read whole
/// within one job (Mastodon caps a context at 4,096 replies each way), so a job can overshoot by one thread.
/// </summary>
internal sealed partial class CrawlPlan(TimeProvider time, IOptions<PlatformsOptions> options, ILogger<CrawlPlan> logger)
{
    public async Task<ConnectorPage> RunAsync(ISocialSource source, ConnectorRequest request, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var state = CrawlState.Decode(request.Cursor);
        if (state is null && request.Cursor is not null)
        {
            LogRestart(request.Channel.ClientId, request.Channel.Id);
        }

        state ??= new CrawlState();
        var tracker = new RateLimitTracker();
        var token = await request.Token.GetAsync(cancellationToken).ConfigureAwait(false);
        var call = new SourceCall(request.Channel, state.Account, token, request.Settings, tracker);
        var run = new Run(request.Budget, tracker, options.Value.RateLimitReserve, now);
        try
        {
            if (state.Account is null)
            {
                state.Account = await source.ResolveAccountAsync(call, cancellationToken).ConfigureAwait(false);

                // An account that needed a call to resolve is progress worth keeping; one that is already the id is not.
                run.Steps += tracker.Calls > 0 ? 1 : 0;
            }

            call = call.WithAccount(state.Account);
            state.Sweep ??= StartSweep(state, request.Settings, now);
            while (state.Sweep is { } sweep && run.CanGoOn())
            {
                switch (sweep.Phase)
                {
                    case CrawlSweep.Posts:
                        await PostsStepAsync(source, call, state, sweep, run, cancellationToken).ConfigureAwait(false);
                        break;
                    case CrawlSweep.Inbound:
                        await InboundStepAsync(source, call, sweep, run, cancellationToken).ConfigureAwait(false);
                        break;
                    default:
                        await ThreadStepAsync(source, call, state, sweep, run, cancellationToken).ConfigureAwait(false);
                        break;
                }

                run.Steps++;
            }
        }
        catch (ConnectorFaultException fault) when (fault.Kind == ConnectorFaultKind.Throttled && run.Steps > 0)
        {
            // Keep what was read: store it, and let the continuation wait for the platform.
            run.ResumeAt = fault.ThrottledUntil;
            LogThrottledMidway(request.Channel.ClientId, request.Channel.Id, run.Steps, fault.ThrottledUntil);
        }

        return new ConnectorPage(LastOfEach(run.Items), run.Errors, state.Encode(), state.Sweep is not null)
        {
            RateLimit = tracker.Last,
            ResumeAt = state.Sweep is null ? null : run.ResumeAt,
            Skipped = run.Skipped,
        };
    }

    /// <summary>
    /// One item per platform id, in the order first seen, with the last version read: an item can be read twice in
    /// a job (a post, then again as a thread's root), and the later read knows its thread.
    /// </summary>
    private static List<Interaction> LastOfEach(List<Interaction> items)
    {
        var last = new Dictionary<string, Interaction>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            last[item.PlatformId] = item;
        }

        return items.Select(i => i.PlatformId).Distinct(StringComparer.Ordinal).Select(id => last[id]).ToList();
    }

    /// <summary>Where a new sweep stops reading posts and inbound items.</summary>
    internal static CrawlSweep StartSweep(CrawlState state, ChannelSettings settings, DateTimeOffset now)
    {
        var backfill = now.AddDays(-settings.BackfillDays);
        var window = now.AddDays(-settings.ThreadWindowDays);
        var horizon = state.Watermark is { } watermark ? Max(backfill, watermark < window ? watermark : window) : backfill;
        var inbound = state.InboundWatermark is { } inboundWatermark ? Max(backfill, inboundWatermark) : backfill;
        return new CrawlSweep { Phase = CrawlSweep.Posts, Horizon = horizon, InboundHorizon = inbound };
    }

    private static async Task PostsStepAsync(ISocialSource source, SourceCall call, CrawlState state, CrawlSweep sweep, Run run, CancellationToken cancellationToken)
    {
        var page = await source.ListPostsAsync(call, sweep.PageToken, cancellationToken).ConfigureAwait(false);
        var windowStart = run.Now.AddDays(-call.Settings.ThreadWindowDays);
        var ended = Walk(page, sweep.Horizon, run, entry =>
        {
            sweep.Newest = Max(sweep.Newest, entry.SortAt);
            if (entry.ThreadKey is not { } key)
            {
                return;
            }

            var replies = entry.ReplyCount ?? 0;
            var seen = state.Counters.TryGetValue(key, out var known);
            var changed = seen ? known![0] != replies && (entry.SortAt is null || entry.SortAt >= windowStart) : entry.ReadThreadOnce || replies > 0;
            Queue(sweep, key, changed);
            state.Counters[key] = [replies, (entry.SortAt ?? run.Now).ToUnixTimeSeconds()];
        });
        sweep.PageToken = ended ? null : page.NextPageToken;
        if (ended)
        {
            sweep.Phase = source.HasInbound(call) ? CrawlSweep.Inbound : CrawlSweep.Reading;
        }
    }

    private static async Task InboundStepAsync(ISocialSource source, SourceCall call, CrawlSweep sweep, Run run, CancellationToken cancellationToken)
    {
        var page = await source.ListInboundAsync(call, sweep.PageToken, cancellationToken).ConfigureAwait(false);
        var ended = Walk(page, sweep.InboundHorizon, run, entry =>
        {
            sweep.InboundNewest = Max(sweep.InboundNewest, entry.SortAt);

            // Inbound items are new by construction (the listing stops at the last watermark): read their threads once.
            if (entry.ThreadKey is { } key)
            {
                Queue(sweep, key, entry.ReadThreadOnce || entry.ReplyCount > 0);
            }
        });
        sweep.PageToken = ended ? null : page.NextPageToken;
        if (ended)
        {
            sweep.Phase = CrawlSweep.Reading;
        }
    }

    /// <summary>Takes a listing page's entries down to the horizon; true when the listing ends here.</summary>
    private static bool Walk(SourcePage page, DateTimeOffset horizon, Run run, Action<SourceEntry> take)
    {
        foreach (var entry in page.Entries)
        {
            if (entry.SortAt is { } at && at < horizon)
            {
                return true;
            }

            run.Take(entry);
            take(entry);
        }

        return page.NextPageToken is null;
    }

    private static void Queue(CrawlSweep sweep, string key, bool read)
    {
        if (read && !sweep.Threads.Contains(key))
        {
            sweep.Threads.Add(key);
        }
    }

    private static async Task ThreadStepAsync(ISocialSource source, SourceCall call, CrawlState state, CrawlSweep sweep, Run run, CancellationToken cancellationToken)
    {
        if (sweep.Threads.Count == 0)
        {
            FinishSweep(state, sweep, call.Settings, run.Now);
            return;
        }

        var key = sweep.Threads[0];
        var thread = await source.ReadThreadAsync(call, key, cancellationToken).ConfigureAwait(false);
        run.Items.AddRange(thread.Items);
        run.Errors.AddRange(thread.BadRecords);
        run.Skipped += thread.Skipped;
        sweep.Threads.RemoveAt(0);
    }

    /// <summary>Moves the watermarks to the newest items the sweep saw and forgets counters of posts past the thread window.</summary>
    private static void FinishSweep(CrawlState state, CrawlSweep sweep, ChannelSettings settings, DateTimeOffset now)
    {
        state.Watermark = Max(state.Watermark, sweep.Newest);
        state.InboundWatermark = Max(state.InboundWatermark, sweep.InboundNewest);
        var oldest = now.AddDays(-settings.ThreadWindowDays).ToUnixTimeSeconds();
        foreach (var key in state.Counters.Where(c => c.Value.Length < 2 || c.Value[1] < oldest).Select(c => c.Key).ToList())
        {
            state.Counters.Remove(key);
        }

        foreach (var key in state.Counters.OrderByDescending(c => c.Value[1]).Skip(CrawlState.MaxCounters).Select(c => c.Key).ToList())
        {
            state.Counters.Remove(key);
        }

        state.Sweep = null;
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static DateTimeOffset? Max(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : Max(a.Value, b.Value);

    /// <summary>What one job has gathered, and whether its budget lets it go on.</summary>
    private sealed class Run(PageBudget budget, RateLimitTracker tracker, double reserve, DateTimeOffset now)
    {
        public DateTimeOffset Now { get; } = now;

        public List<Interaction> Items { get; } = [];

        public List<string> Errors { get; } = [];

        public int Skipped { get; set; }

        public int Steps { get; set; }

        public DateTimeOffset? ResumeAt { get; set; }

        public bool CanGoOn()
        {
            if (Items.Count + Errors.Count + Skipped >= budget.MaxItems || tracker.Calls >= budget.MaxRequests)
            {
                return false;
            }

            // Slow down before the limit: with the window nearly used, stop and resume once it resets.
            if (tracker.Last is { } limit && limit.IsNear(reserve) && limit.ResetAt is { } reset && reset > Now)
            {
                ResumeAt = reset;
                return false;
            }

            return true;
        }

        public void Take(SourceEntry entry)
        {
            if (entry.Item is { } item)
            {
                Items.Add(item);
            }
            else if (entry.BadRecord is { } bad)
            {
                Errors.Add(bad);
            }
            else if (entry.Skipped)
            {
                Skipped++;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The cursor of {ClientId}/{ChannelId} could not be read (another version?); starting the channel again")]
    private partial void LogRestart(string clientId, string channelId);

    [LoggerMessage(Level = LogLevel.Information, Message = "{ClientId}/{ChannelId} throttled after {Steps} steps; keeping what was read and resuming at {Until}")]
    private partial void LogThrottledMidway(string clientId, string channelId, int steps, DateTimeOffset? until);
}
