using Engagement.Core.Domain;
using Engagement.Core.Ingestion;
using Engagement.Core.Interchange;
using Engagement.Core.Registration;
using Engagement.Core.Scheduling;
using Engagement.Storage;

namespace Engagement.LocalHost;

/// <summary>Progress of a local run: jobs done and interactions stored so far.</summary>
public sealed record RunProgress(int JobsDone, int JobsKnown, int Stored, int Errors);

/// <summary>What a local run did. <paramref name="Throttled"/> jobs wait on the queue until <paramref name="ResumeAt"/>.</summary>
public sealed record LocalRunResult(int ScheduledJobs, int RequestedJobs, int JobsDone, int Fetched, int Stored, int Errors, int Failed, TimeSpan Elapsed, int Throttled = 0, DateTimeOffset? ResumeAt = null);

/// <summary>
/// Runs the pipeline in-process the way the Functions app runs it in Azure: register clients as the API does,
/// let the schedule tick fan out jobs, and drain the queue through the same handler as the queue trigger.
/// </summary>
public sealed class PipelineRunner(ClientRegistration registration, ScheduleService schedule, LocalTriggers triggers, TimeProvider time)
{
    /// <summary>Registers (or updates) each client; throws with the problems, keyed by field as the API gives them, when one is invalid.</summary>
    public async Task RegisterAsync(IEnumerable<CatalogClient> catalog, CancellationToken cancellationToken = default)
    {
        foreach (var client in catalog)
        {
            var result = await registration.RegisterAsync(client.Id, client.ToRequest(), cancellationToken).ConfigureAwait(false);
            if (!result.IsValid)
            {
                // Named by field as the API names them, in words rather than JSON, so the CLI can show it as one line.
                var problems = result.Errors.Select(e => $"{e.Key}: {string.Join("; ", e.Value)}");
                throw new InvalidDataException($"client '{client.Id}' was refused: {string.Join("; ", problems)}");
            }
        }
    }

    /// <summary>
    /// One tick, then a manual run of every listed client the tick did not find due, then the queue drained.
    /// </summary>
    public async Task<LocalRunResult> RunAsync(
        IReadOnlyCollection<string> clientIds,
        bool tick,
        IProgress<RunProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var started = time.GetTimestamp();
        var scheduled = tick ? await schedule.TickAsync(cancellationToken).ConfigureAwait(false) : new TickResult(0, 0, []);
        var requested = 0;
        foreach (var clientId in clientIds.Except(scheduled.ClientIds, StringComparer.Ordinal))
        {
            requested += (await schedule.RunNowAsync(clientId, cancellationToken).ConfigureAwait(false))?.Jobs ?? 0;
        }

        var gate = new Lock();
        int done = 0, known = scheduled.JobsEnqueued + requested, fetched = 0, stored = 0, errors = 0, failed = 0, waiting = 0;
        DateTimeOffset? resumeAt = null;
        void Observe(IngestJob job, IngestOutcome outcome)
        {
            lock (gate)
            {
                done++;
                waiting -= job.Reason == IngestReasons.Resume ? 1 : 0;
                if (outcome.ResumeAt is { } at)
                {
                    // A job put back for later: not this run's to wait for.
                    waiting++;
                    resumeAt = resumeAt is null || at > resumeAt ? at : resumeAt;
                }
                else
                {
                    known += outcome.HasMore ? 1 : 0;
                }

                fetched += outcome.Fetched;
                stored += outcome.Stored;
                errors += outcome.Errors;
                failed += outcome.Status == RunStatuses.Failed ? 1 : 0;
                progress?.Report(new RunProgress(done, known, stored, errors));
            }
        }

        // A job given up (poisoned at once, or after its last try) failed too, though no outcome says so.
        void Poisoned(PoisonLetter letter)
        {
            lock (gate)
            {
                done++;
                failed++;
                progress?.Report(new RunProgress(done, known, stored, errors));
            }
        }

        int Waiting()
        {
            lock (gate)
            {
                return Math.Max(0, waiting);
            }
        }

        var worker = await triggers.CreateIngestWorkerAsync(observe: Observe, poisoned: Poisoned).ConfigureAwait(false);
        await worker.DrainAsync(Waiting, cancellationToken).ConfigureAwait(false);
        return new LocalRunResult(scheduled.JobsEnqueued, requested, done, fetched, stored, errors, failed, time.GetElapsedTime(started), Waiting(), Waiting() > 0 ? resumeAt : null);
    }
}
