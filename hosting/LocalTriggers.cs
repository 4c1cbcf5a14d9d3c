using Engagement.Core.Alerts;
using Engagement.Core.Configuration;
using Engagement.Core.Domain;
using Engagement.Core.Ingestion;
using Engagement.Core.Scheduling;
using Engagement.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Engagement.LocalHost;

/// <summary>The local timer waits until <paramref name="WaitingUntil"/>; <paramref name="LastTick"/> is what its previous tick did.</summary>
public sealed record TimerProgress(DateTimeOffset WaitingUntil, TickResult? LastTick);

/// <summary>
/// The timer and queue triggers for hosts without the Functions runtime (<c>engage serve</c>, <c>engage demo</c>),
/// with the runtime's semantics: the timer never overlaps itself and runs a late tick once.
/// </summary>
public sealed partial class LocalTriggers(
    ScheduleService schedule,
    OwedWork owed,
    ReplyAlerts alerts,
    IngestionService ingestion,
    IngestQueue queue,
    IOptions<EngagementOptions> options,
    TimeProvider time,
    ILoggerFactory loggers)
{
    private readonly ILogger _logger = loggers.CreateLogger<LocalTriggers>();

    /// <summary>A worker that feeds the ingest-jobs queue to the same handler the IngestChannel function calls.</summary>
    public async Task<QueueWorker> CreateIngestWorkerAsync(QueueWorkerOptions? workerOptions = null, Action<IngestJob, IngestOutcome>? observe = null, Action<PoisonLetter>? poisoned = null)
    {
        await queue.EnsureCreatedAsync().ConfigureAwait(false);
        return new QueueWorker(
            queue.Queue,
            queue.Poison,
            async (message, ct) =>
            {
                var job = IngestQueue.Parse(message);
                await ingestion.HandleAsync(job, observe, ct).ConfigureAwait(false);
            },
            workerOptions ?? new QueueWorkerOptions(),
            time,
            loggers.CreateLogger<QueueWorker>(),
            poisoned,
            GivenUpAsync);
    }

    /// <summary>A job the queue gave up on marks its channel failed with the poison letter's reason; a message that is no job has no channel.</summary>
    private async Task GivenUpAsync(PoisonLetter letter, CancellationToken cancellationToken)
    {
        IngestJob job;
        try
        {
            job = IngestQueue.Parse(letter.Message);
        }
        catch (Exception e) when (FaultClassifier.IsPermanent(e))
        {
            return;
        }

        await ingestion.RecordGivenUpAsync(job, letter.Reason, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Ticks on <see cref="EngagementOptions.ScheduleTickCron"/> until cancelled. <paramref name="progress"/> hears, each
    /// time the loop starts waiting, until when it waits and the tick it has just run, so a test can follow the timer.
    /// </summary>
    public async Task RunTimerAsync(IProgress<TimerProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        TickResult? last = null;
        ClientSchedule.TryParse(options.Value.ScheduleTickCron, out var cron, out _);
        while (!cancellationToken.IsCancellationRequested)
        {
            var now = time.GetUtcNow();
            var next = cron!.GetNextOccurrence(now, TimeZoneInfo.Utc);
            if (next is null)
            {
                return;
            }

            progress?.Report(new TimerProgress(next.Value, last));
            try
            {
                // One awaited tick at a time: a slow tick delays the next rather than overlapping it, and when it
                // overruns several occurrences the loop computes the next one from now, so they run once.
                await Task.Delay(next.Value - now, time, cancellationToken).ConfigureAwait(false);
                last = await schedule.TickAsync(cancellationToken).ConfigureAwait(false);
                var settled = await owed.SettleAsync(cancellationToken).ConfigureAwait(false);
                var raised = await alerts.RaiseDueAsync(cancellationToken).ConfigureAwait(false);
                LogTick(last.DueClients, last.JobsEnqueued, settled.EventsRelayed, settled.ChannelsResumed, raised);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A failed tick must not stop the timer: the next occurrence tries again, as the Functions timer does.
                LogTickFailed(e);
                last = null;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Schedule tick: {DueClients} clients due, {Jobs} jobs queued, {Relayed} events relayed, {Resumed} stalled channels resumed, {Alerts} reply-needed alerts")]
    private partial void LogTick(int dueClients, int jobs, int relayed, int resumed, int alerts);

    [LoggerMessage(Level = LogLevel.Error, Message = "Schedule tick failed")]
    private partial void LogTickFailed(Exception exception);
}
