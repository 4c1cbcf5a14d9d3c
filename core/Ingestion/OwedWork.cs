using Engagement.Core.Configuration;
using Engagement.Core.Domain;
using Engagement.Core.Ports;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Engagement.Core.Ingestion;

/// <summary>What the tick settled: events relayed from the outbox (and left there), and stalled channels queued again.</summary>
public sealed record OwedWorkResult(int EventsRelayed, int EventsLeft, int ChannelsResumed);

/// <summary>
/// What the schedule tick settles besides due clients. Events a job could not publish are relayed from the outbox,
/// oldest first, publish then delete (at least once: consumers dedupe by run id and page). A run that stopped mid-way
/// (its continuation lost or given up, the cursor mid-file) is found by its channel's owed page being overdue: the
/// channel is shown failed with why, a Runs row says so, and the page is queued again.
/// </summary>
public sealed partial class OwedWork(
    IClientStore clients,
    IEventOutbox outbox,
    IEngagementEvents events,
    IIngestQueue queue,
    IRunStore runs,
    IOptions<EngagementOptions> options,
    TimeProvider time,
    ILogger<OwedWork> logger)
{
    public async Task<OwedWorkResult> SettleAsync(CancellationToken cancellationToken = default)
    {
        var (relayed, left) = await RelayEventsAsync(cancellationToken).ConfigureAwait(false);
        var resumed = await ResumeStalledAsync(cancellationToken).ConfigureAwait(false);
        return new OwedWorkResult(relayed, left, resumed);
    }

    /// <summary>Publishes the outbox oldest first; the first failure stops the relay (said once) and keeps the rest in order.</summary>
    public async Task<(int Relayed, int Left)> RelayEventsAsync(CancellationToken cancellationToken = default)
    {
        var owed = await outbox.ListAsync(cancellationToken).ConfigureAwait(false);
        var relayed = 0;
        foreach (var ingested in owed)
        {
            try
            {
                await events.PublishAsync(ingested, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogRelayFailed(owed.Count - relayed, FaultClassifier.Describe(e));
                return (relayed, owed.Count - relayed);
            }

            await outbox.DeleteAsync(ingested, cancellationToken).ConfigureAwait(false);
            relayed++;
        }

        if (relayed > 0)
        {
            LogRelayed(relayed);
        }

        return (relayed, 0);
    }

    /// <summary>
    /// Queues again the owed page of every enabled channel whose page is overdue by the grace period. The claim is
    /// versioned, so two ticks, or a tick and the job itself finishing meanwhile, queue it at most once; the page's due
    /// time moves to now, so a page that stalls again is found again a grace period later.
    /// </summary>
    public async Task<int> ResumeStalledAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var grace = TimeSpan.FromMinutes(options.Value.StalledAfterMinutes);
        var overdue = await clients.ListOverdueAsync(now - grace, cancellationToken).ConfigureAwait(false);
        var resumed = 0;
        foreach (var stalled in overdue)
        {
            var (channel, owed) = (stalled.Channel, stalled.Channel.Continuation);
            if (owed is null || !channel.Enabled || await clients.GetAsync(channel.ClientId, cancellationToken).ConfigureAwait(false) is not { Enabled: true })
            {
                continue;
            }

            var reason = $"stalled: page {owed.Page} of run {owed.RunId} was due at {IngestionService.Format(owed.DueAt)} and did not run (its job was lost or given up); queued again at {IngestionService.Format(now)}";
            if (!await clients.TryMarkStalledAsync(stalled, reason, now, now, cancellationToken).ConfigureAwait(false))
            {
                continue;
            }

            await runs.AddAsync(new RunRecord
            {
                ClientId = channel.ClientId,
                RunId = owed.RunId,
                ChannelId = channel.Id,
                Page = owed.Page,
                Status = RunStatuses.Failed,
                Error = reason,
                StartedAt = now,
            }, cancellationToken).ConfigureAwait(false);
            await queue.EnqueueAsync(new IngestJob { ClientId = channel.ClientId, ChannelId = channel.Id, RunId = owed.RunId, Page = owed.Page, Reason = IngestReasons.Resume }, cancellationToken).ConfigureAwait(false);
            LogResumed(channel.ClientId, channel.Id, owed.Page, owed.RunId, owed.DueAt);
            resumed++;
        }

        return resumed;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Relayed {Relayed} events from the outbox")]
    private partial void LogRelayed(int relayed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Relaying the outbox stopped with {Left} events left ({Reason}); the next tick tries again")]
    private partial void LogRelayFailed(int left, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{ClientId}/{ChannelId} stalled: page {Page} of run {RunId} was due at {DueAt}; the channel is marked failed and the page queued again")]
    private partial void LogResumed(string clientId, string channelId, int page, string runId, DateTimeOffset dueAt);
}
