using Engagement.Core.Domain;
using Engagement.Core.Ports;
using Engagement.Core.Privacy;
using Microsoft.Extensions.Logging;

namespace Engagement.Core.Scheduling;

/// <summary>What one tick did.</summary>
public sealed record TickResult(int DueClients, int JobsEnqueued, IReadOnlyList<string> ClientIds);

/// <summary>A run that was queued: its id and how many channel jobs it holds.</summary>
public sealed record QueuedRun(string RunId, int Jobs);

/// <summary>Finds clients whose run is due and fans out one ingestion job per enabled channel.</summary>
public sealed partial class ScheduleService(
    IClientStore clients,
    IIngestQueue queue,
    RetentionService retention,
    TimeProvider time,
    ILogger<ScheduleService> logger)
{
    /// <summary>
    /// One tick. The next run is computed from now, not from the missed one, so a tick that comes late runs a
    /// client once rather than once per missed occurrence; the versioned claim keeps two concurrent ticks from both
    /// fanning out the same client.
    /// </summary>
    public async Task<TickResult> TickAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var due = await clients.ListDueAsync(now, cancellationToken).ConfigureAwait(false);
        var jobs = 0;
        var claimed = new List<string>();
        foreach (var (client, version) in due)
        {
            var next = ClientSchedule.Next(client.Schedule, client.TimeZone, now) ?? DateTimeOffset.MaxValue;
            if (!await clients.TryClaimRunAsync(client, version, next, cancellationToken).ConfigureAwait(false))
            {
                LogClaimLost(client.Id);
                continue;
            }

            claimed.Add(client.Id);
            await ApplyRetentionAsync(client, cancellationToken).ConfigureAwait(false);
            jobs += (await EnqueueChannelsAsync(client.Id, IngestReasons.Schedule, cancellationToken).ConfigureAwait(false)).Jobs;
            LogClientScheduled(client.Id, next);
        }

        return new TickResult(claimed.Count, jobs, claimed);
    }

    // Retention rides on the scheduled run; a failure is logged and tried again at the next run, never blocking this one.
    private async Task ApplyRetentionAsync(ClientDefinition client, CancellationToken cancellationToken)
    {
        try
        {
            if (await retention.ApplyAsync(client, cancellationToken).ConfigureAwait(false) is > 0 and var dropped)
            {
                LogRetention(client.Id, dropped, client.RetentionDays ?? 0);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogRetentionFailed(e, client.Id);
        }
    }

    /// <summary>Queues a run of every enabled channel of the client now, whatever its schedule says; null when there is no such client.</summary>
    public async Task<QueuedRun?> RunNowAsync(string clientId, CancellationToken cancellationToken = default) =>
        await clients.GetAsync(clientId, cancellationToken).ConfigureAwait(false) is null
            ? null
            : await EnqueueChannelsAsync(clientId, IngestReasons.Manual, cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// Queues a run of every enabled channel of <paramref name="platform"/> whose account is one of
    /// <paramref name="accounts"/>, across enabled clients: a platform said something changed there. Nothing is read
    /// here; the job reads the channel as any run does.
    /// </summary>
    public async Task<QueuedRun> RunAccountsAsync(string platform, IReadOnlyCollection<string> accounts, CancellationToken cancellationToken = default)
    {
        var runId = NewRunId();
        var count = 0;
        foreach (var client in await clients.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            if (!client.Enabled)
            {
                continue;
            }

            var channels = await clients.ListChannelsAsync(client.Id, cancellationToken).ConfigureAwait(false);
            foreach (var channel in channels.Where(c => c.Enabled && string.Equals(c.Platform, platform, StringComparison.OrdinalIgnoreCase) && accounts.Contains(c.Account.Trim())))
            {
                await queue.EnqueueAsync(new IngestJob { ClientId = client.Id, ChannelId = channel.Id, RunId = runId, Reason = IngestReasons.Webhook }, cancellationToken).ConfigureAwait(false);
                count++;
            }
        }

        return new QueuedRun(runId, count);
    }

    private async Task<QueuedRun> EnqueueChannelsAsync(string clientId, string reason, CancellationToken cancellationToken)
    {
        var runId = NewRunId();
        var channels = await clients.ListChannelsAsync(clientId, cancellationToken).ConfigureAwait(false);
        var count = 0;
        foreach (var channel in channels.Where(c => c.Enabled))
        {
            await queue.EnqueueAsync(new IngestJob { ClientId = clientId, ChannelId = channel.Id, RunId = runId, Reason = reason }, cancellationToken).ConfigureAwait(false);
            count++;
        }

        return new QueuedRun(runId, count);
    }

    private string NewRunId() => Guid.CreateVersion7(time.GetUtcNow()).ToString("N");

    [LoggerMessage(Level = LogLevel.Information, Message = "Client {ClientId} queued; next run at {NextRunAt}")]
    private partial void LogClientScheduled(string clientId, DateTimeOffset nextRunAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Client {ClientId} was claimed by another tick")]
    private partial void LogClaimLost(string clientId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention dropped the texts of {Dropped} interactions of {ClientId} older than {Days} days")]
    private partial void LogRetention(string clientId, int dropped, int days);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Retention of {ClientId} failed; it is tried again at the next run")]
    private partial void LogRetentionFailed(Exception e, string clientId);
}
