using Engagement.Core.Configuration;
using Engagement.Core.Domain;
using Engagement.Core.Ports;
using Engagement.Core.Reporting;
using Engagement.Core.Scoring;
using Engagement.Ml;
using Engagement.Ml.Vocabulary;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Engagement.Core.Ingestion;

/// <summary>
/// What one job did: one page, or, when it read on to its run's next pages itself, all of them (<paramref name="Pages"/>),
/// with the counts summed and the last page's state. <paramref name="ResumeAt"/> is when a throttled job, or its
/// continuation, runs again.
/// </summary>
public sealed record IngestOutcome(string Status, int Fetched, int Stored, int Errors, bool HasMore, double DurationMs, DateTimeOffset? ResumeAt = null, int Pages = 1)
{
    public static IngestOutcome Skipped { get; } = new(RunStatuses.Skipped, 0, 0, 0, false, 0);

    /// <summary>This outcome followed by the page the job read on to: counts summed, the later page's state kept.</summary>
    public IngestOutcome Then(IngestOutcome next) => next with
    {
        Status = Status == RunStatuses.CompletedWithErrors && next.Status == RunStatuses.Succeeded ? Status : next.Status,
        Fetched = Fetched + next.Fetched,
        Stored = Stored + next.Stored,
        Errors = Errors + next.Errors,
        DurationMs = DurationMs + next.DurationMs,
        Pages = Pages + next.Pages,
    };
}

/// <summary>
/// Handles one ingestion job: fetch a bounded page since the cursor, classify it, store it, mark the days it touched
/// (recomputed when the run ends or pauses), and only then advance the cursor, so a crash at any step replays the
/// page instead of losing it, and a run that stops half-way leaves its days marked for the channel's next page.
/// A job whose page has more goes on to the run's next page itself while <see cref="EngagementOptions.IngestReadOnSeconds"/>
/// allows, page by page as if each were queued (its own Runs row, cursor move and owed page); past that time, or when
/// the platform asks to wait, the next page goes to the queue.
/// Connector faults are handled by kind: a throttle queues the job again for when the platform allows it (no try
/// used), a permanent fault marks the channel and completes the job, anything else throws so the queue retries.
/// </summary>
public sealed partial class IngestionService(
    IClientStore clients,
    IInteractionStore interactions,
    DailyRecompute recompute,
    IRunStore runs,
    ILabelCorrectionStore corrections,
    IIngestQueue queue,
    IEngagementEvents events,
    IEventOutbox outbox,
    IEnumerable<IChannelConnector> connectors,
    ISecretStore secrets,
    IPseudonymKey pseudonymKey,
    IErasureStore erasures,
    EngagementClassifier classifier,
    IOptions<EngagementOptions> options,
    TimeProvider time,
    ILogger<IngestionService> logger)
{
    /// <summary>The one signal of an item without words, in place of the classifier's text signals.</summary>
    public const string NoTextSignal = "no text: labelled by its kind (a post is broadcast, an answer relational)";

    /// <summary>Longest a queue message may stay invisible (the service allows seven days).</summary>
    internal static readonly TimeSpan MaxDelay = TimeSpan.FromDays(6);

    private readonly bool _publishes = events is not NoEngagementEvents;

    private readonly RunRows _runRows = new();

    private readonly ReadAhead _readAhead = new(time);

    private readonly Dictionary<string, IChannelConnector> _connectors =
        connectors.ToDictionary(c => c.Platform, StringComparer.OrdinalIgnoreCase);

    public Task<IngestOutcome> HandleAsync(IngestJob job, CancellationToken cancellationToken = default) =>
        HandleAsync(job, null, cancellationToken);

    /// <summary>Handles a job and the pages it reads on to; <paramref name="pageDone"/> is told of each page as it ends.</summary>
    public async Task<IngestOutcome> HandleAsync(IngestJob job, Action<IngestJob, IngestOutcome>? pageDone, CancellationToken cancellationToken = default)
    {
        var since = time.GetTimestamp();
        var page = Begin(job, since, null, null, cancellationToken);
        IngestOutcome? done = null;
        while (true)
        {
            // The page the job reads on to begins once this page's rows are ready to go out, beside this page while it
            // is still storing (a page that has already ended hands on as before). At most two pages are under way.
            var next = await page.Begins.ConfigureAwait(false);
            var following = next is null || page.Done.IsFaulted || page.Done.IsCanceled
                ? null
                : Begin(next.Job, since, next, page.Done.IsCompleted ? null : page, cancellationToken);
            PageResult result;
            try
            {
                result = await page.Done.ConfigureAwait(false);
            }
            catch when (following is not null)
            {
                // The page begun beside it stops before it records anything: wait it out, and report this page's fault.
                await following.Done.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default).ConfigureAwait(false);
                throw;
            }

            pageDone?.Invoke(result.Job, result.Outcome);
            done = done is null ? result.Outcome : done.Then(result.Outcome);
            if (following is null)
            {
                return done;
            }

            page = following;
        }
    }

    private PageInFlight Begin(IngestJob job, long since, ReadOnPage? from, PageInFlight? previous, CancellationToken cancellationToken)
    {
        var page = new PageInFlight(previous, from);
        page.Done = HandlePageAsync(job, since, page, cancellationToken);
        return page;
    }

    /// <summary>The page a job handled (its number as the channel owes it) and what it did.</summary>
    private readonly record struct PageResult(IngestJob Job, IngestOutcome Outcome);

    private async Task<PageResult> HandlePageAsync(IngestJob job, long since, PageInFlight inFlight, CancellationToken cancellationToken)
    {
        try
        {
            return await HandlePageCoreAsync(job, since, inFlight, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            inFlight.Ended();
        }
    }

    private async Task<PageResult> HandlePageCoreAsync(IngestJob job, long since, PageInFlight inFlight, CancellationToken cancellationToken)
    {
        var startedAt = time.GetUtcNow();
        var started = time.GetTimestamp();

        // At once: a page is a chain of round trips, and these do not depend on each other. The channel is taken from the
        // client's channels, which the write needs anyway for the brand's handles: one query instead of a point read and
        // a query.
        var (client, channels, channel) = await ReadClientAsync(job, cancellationToken).ConfigureAwait(false);
        if (inFlight.Previous is not null)
        {
            // Begun beside the page before, which may not have moved the cursor yet: the read is taken at the cursor that
            // page moves it to. Moved by anyone else meanwhile, it is read again once that page has ended.
            if (inFlight.Carry(channel) is { } carried)
            {
                channel = carried;
            }
            else
            {
                await inFlight.AfterPreviousAsync().ConfigureAwait(false);
                (client, channels, channel) = await ReadClientAsync(job, cancellationToken).ConfigureAwait(false);
            }
        }

        if (client is null || channel is null)
        {
            // Nothing to retry for: say so once, in the log and a Runs row (there is no channel row to hang it on).
            var unknown = client is null
                ? $"client '{job.ClientId}' is not registered: register it with 'engage clients add', then run it again"
                : $"channel '{job.ChannelId}' of client '{job.ClientId}' is not registered: add it with 'engage channels add', then run it again";
            LogPermanent(job.ClientId, job.ChannelId, unknown);
            var spent = await RecordAsync(job, startedAt, started, RunStatuses.Failed, 0, 0, 0, unknown, null, null, cancellationToken, channelRow: false).ConfigureAwait(false);
            return new(job, new IngestOutcome(RunStatuses.Failed, 0, 0, 0, false, spent));
        }

        if (!channel.Enabled)
        {
            LogSkipped(job.ClientId, job.ChannelId);
            return new(job, IngestOutcome.Skipped);
        }

        job = AtOwedPage(job, channel);

        if (!_connectors.TryGetValue(channel.Platform, out var connector))
        {
            // Retrying cannot fix a channel nobody can read: record it and let the message go.
            var problem = $"no connector for platform '{channel.Platform}'";
            await inFlight.AfterPreviousAsync().ConfigureAwait(false);
            await RecordAsync(job, startedAt, started, RunStatuses.Failed, 0, 0, 0, problem, null, null, cancellationToken, continuation: ContinuationChange.Ended).ConfigureAwait(false);
            return new(job, new IngestOutcome(RunStatuses.Failed, 0, 0, 0, false, 0));
        }

        var request = RequestFor(channel);
        var ahead = _readAhead.Take(job, request);
        ConnectorPage page;
        try
        {
            page = await (ahead?.Page ?? connector.FetchAsync(request, cancellationToken)).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (ConnectorFaultException fault) when (fault.Kind == ConnectorFaultKind.Throttled)
        {
            await inFlight.AfterPreviousAsync().ConfigureAwait(false);
            return new(job, await DeferAsync(job, client, startedAt, started, fault, cancellationToken).ConfigureAwait(false));
        }
        catch (Exception fault) when (fault is not OperationCanceledException && FaultClassifier.IsPermanent(fault))
        {
            // Five tries would fail five times: say why once, on the channel and the run, and let the message go.
            await inFlight.AfterPreviousAsync().ConfigureAwait(false);
            return new(job, await FailAtOnceAsync(job, startedAt, started, fault, cancellationToken).ConfigureAwait(false));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Recorded once the page before has ended, so its cursor move does not cover this page's failure.
            await inFlight.AfterPreviousAsync().ConfigureAwait(false);
            await RecordFailureAsync(job, startedAt, started, e).ConfigureAwait(false);
            throw;
        }

        try
        {
            return await StoreAsync(job, client, channel, channels, connector, page, ahead?.Classified, since, startedAt, started, inFlight, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception fault) when (fault is not (OperationCanceledException or PreviousPageFailedException) && FaultClassifier.IsPermanent(fault))
        {
            // Storage refusing access (403) fails every try alike: said once, and the run ends with the cursor kept.
            _runRows.Forget(job.ClientId, job.ChannelId);
            _readAhead.Forget(job.ClientId, job.ChannelId);
            await inFlight.AfterPreviousAsync().ConfigureAwait(false);
            return new(job, await FailAtOnceAsync(job, startedAt, started, fault, cancellationToken).ConfigureAwait(false));
        }
        catch (Exception e)
        {
            // A write that failed half-way may have stored rows under the run's tag that memory does not hold; the page
            // is replayed from the cursor it started at, so the one read after it serves no job.
            _runRows.Forget(job.ClientId, job.ChannelId);
            _readAhead.Forget(job.ClientId, job.ChannelId);
            if (e is OperationCanceledException or PreviousPageFailedException)
            {
                throw;
            }

            await inFlight.AfterPreviousAsync().ConfigureAwait(false);
            await RecordFailureAsync(job, startedAt, started, e).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The client row and its channels, read together, and the job's channel among them.</summary>
    private async Task<(ClientDefinition? Client, IReadOnlyList<ChannelDefinition> Channels, ChannelDefinition? Channel)> ReadClientAsync(IngestJob job, CancellationToken cancellationToken)
    {
        var clientRead = clients.GetAsync(job.ClientId, cancellationToken);
        var channels = await clients.ListChannelsAsync(job.ClientId, cancellationToken).ConfigureAwait(false);
        return (await clientRead.ConfigureAwait(false), channels, channels.FirstOrDefault(c => string.Equals(c.Id, job.ChannelId, StringComparison.Ordinal)));
    }

    /// <summary>What a connector is asked for a channel: its cursor, the job budget, its settings and its token.</summary>
    public ConnectorRequest RequestFor(ChannelDefinition channel) => new(
        channel,
        channel.Cursor,
        new PageBudget(options.Value.IngestPageSize, options.Value.IngestRequestBudget),
        ChannelSettings.For(channel),
        ChannelToken.From(channel.SecretName, secrets));

    /// <summary>
    /// Classifies a page. An item with words goes through the classifier; one without (media only: a photo, a
    /// sticker) is not classified as if it had words, but labelled by its metadata: a brand post, or an item of
    /// unknown kind, is broadcast (a picture pushed to followers); a comment, reply or DM answers someone and is
    /// relational. Its one signal says so. The rule sits here, so every connector treats such items the same.
    /// </summary>
    public IReadOnlyList<ClassifiedInteraction> Classify(IReadOnlyList<Interaction> items)
    {
        var worded = items.Where(i => i.HasText).ToList();
        var verdicts = worded.Count == 0 ? [] : classifier.ClassifyBatch(worded.Select(i => ScoreRequest.Of(i).ToClassifierInput()).ToList());
        var next = 0;
        return items
            .Select(item =>
            {
                if (!item.HasText)
                {
                    var relational = item.Kind is InteractionKind.Comment or InteractionKind.Reply or InteractionKind.Dm;
                    return new ClassifiedInteraction(item, relational ? EngagementLabels.Relational : EngagementLabels.Broadcast, relational ? 1f : 0f, [NoTextSignal], classifier.ModelVersion);
                }

                var verdict = verdicts[next++];
                return new ClassifiedInteraction(item, verdict.Label, verdict.RelationalProbability, verdict.Signals, classifier.ModelVersion);
            })
            .ToList();
    }

    /// <summary>
    /// A retried message resumes its run where the channel's cursor is, which is the page the channel owes: a job that
    /// read on, or one that stopped after its cursor moved, has moved it past the message's page. Its Runs row, outbox
    /// row and log then name the page it handles.
    /// </summary>
    private static IngestJob AtOwedPage(IngestJob job, ChannelDefinition channel) =>
        channel.Continuation is { } owed && owed.RunId == job.RunId && owed.Page > job.Page ? job with { Page = owed.Page } : job;

    /// <summary>Whether a job that began at <paramref name="since"/> still reads on to its run's next page itself.</summary>
    private bool ReadsOn(long since) =>
        options.Value.IngestReadOnSeconds > 0 && time.GetElapsedTime(since) < TimeSpan.FromSeconds(options.Value.IngestReadOnSeconds);

    private async Task<PageResult> StoreAsync(
        IngestJob job,
        ClientDefinition client,
        ChannelDefinition channel,
        IReadOnlyList<ChannelDefinition> channels,
        IChannelConnector connector,
        ConnectorPage page,
        Task<IReadOnlyList<ClassifiedInteraction>>? classifiedAhead,
        long since,
        DateTimeOffset startedAt,
        long started,
        PageInFlight inFlight,
        CancellationToken cancellationToken)
    {
        // A job reads on to its run's next page while its time allows, unless the platform asked to wait. That page is
        // read and classified while this one is written: by this job when it reads on, and, where one process drains
        // the queue, by the job that follows.
        var resumeAt = page.HasMore && page.ResumeAt is { } at && at > time.GetUtcNow() ? at : (DateTimeOffset?)null;
        var goesOnNow = page.HasMore && resumeAt is null;
        var readsOn = goesOnNow && ReadsOn(since);
        if (goesOnNow && (readsOn || options.Value.IngestReadAhead == true))
        {
            _readAhead.Start(job, RequestFor(channel with { Cursor = page.NextCursor }), connector, Classify);
        }

        // The corrections the write applies and the erasures it leaves out, asked for while the page is filtered and
        // classified. When this process wrote the run's last page, the reads after that write serve, and a page begun
        // beside this one takes these: the reads after each page's write catch any made since (a correction missed is
        // written back, a person erased is removed), so a continuation page reads each once. A job's first page reads
        // the erasures itself: a run's pages can be hours apart (a throttle), and a row written from an old list would
        // stay if the process stopped before the read after its write.
        var held = _runRows.Begin(job.ClientId, job.ChannelId, job.RunId, startedAt);
        var correctionsRead = held.Corrections ??= ReadAhead.Observe(CorrectedLabelsAsync(job.ClientId, job.ChannelId, cancellationToken));
        var erased = inFlight.From is null || held.Erasures is null
            ? held.Erasures = ReadAhead.Observe(erasures.ListAsync(job.ClientId, cancellationToken))
            : held.Erasures;

        var status = resumeAt is not null ? RunStatuses.Throttled : page.Errors.Count > 0 ? RunStatuses.CompletedWithErrors : RunStatuses.Succeeded;
        var notes = page.Errors.ToList();
        if (resumeAt is { } waitUntil)
        {
            notes.Insert(0, $"throttled until {Format(waitUntil)}: stopped before the platform's rate limit; the next page waits until then");
        }

        var error = notes.Count > 0 ? string.Join('\n', notes) : null;
        var owed = page.HasMore ? new ContinuationChange(new ChannelContinuation(job.RunId, job.Page + 1, resumeAt ?? time.GetUtcNow())) : ContinuationChange.Ended;
        var next = job with { Page = job.Page + 1, Reason = IngestReasons.Continuation };
        if (readsOn)
        {
            // The next page begins now, beside this one's writes, at the cursor and owed page this page records.
            inFlight.ReadOn(new ReadOnPage(next, channel, channel with
            {
                Cursor = page.NextCursor ?? channel.Cursor,
                Continuation = owed.Next,
                LastRunStatus = status,
                LastRunError = error is null ? null : Truncate(error),
            }));
        }

        var classified = classifiedAhead is null
            ? Classify(await WithoutErasedAsync(job.ClientId, page.Items, i => i, erased, cancellationToken).ConfigureAwait(false))
            : await WithoutErasedAsync(job.ClientId, await classifiedAhead.WaitAsync(cancellationToken).ConfigureAwait(false), c => c.Interaction, erased, cancellationToken).ConfigureAwait(false);
        var stored = await WriteRowsAsync(job, client, classified, startedAt, held, await correctionsRead.ConfigureAwait(false), channels, inFlight, cancellationToken).ConfigureAwait(false);

        // What follows records the page, and a run's end recomputes its days: both after the page before has ended.
        await inFlight.AfterPreviousAsync().ConfigureAwait(false);
        IReadOnlyList<DateOnly> days = [];
        if (!page.HasMore || resumeAt is not null)
        {
            days = await recompute.RecomputeMarkedAsync(client, job.ChannelId, await HeldAsync(job, held, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            if (!page.HasMore)
            {
                _runRows.Forget(job.ClientId, job.ChannelId);
            }
        }
        foreach (var bad in page.Errors)
        {
            LogBadRecord(job.ClientId, job.ChannelId, bad);
        }

        // Warnings are about records kept: reported where bad records are, but neither counted nor a status.
        foreach (var warning in page.Warnings)
        {
            LogRecordWarning(job.ClientId, job.ChannelId, warning);
        }

        // Owed before the cursor moves: a crash after this replays the page and rewrites the same outbox row.
        // A last page that stored nothing still announces the days its run recomputed. Without an events topic there is
        // nobody to tell, and nothing is owed.
        var ingested = _publishes && (stored > 0 || days.Count > 0) ? new ChannelIngested(job.ClientId, job.ChannelId, job.RunId, job.Page, stored, page.Errors.Count, days, classifier.ModelVersion, time.GetUtcNow()) : null;
        if (ingested is not null)
        {
            await outbox.PutAsync(ingested, cancellationToken).ConfigureAwait(false);
        }

        var fetched = page.Items.Count + page.Errors.Count;
        var warnings = page.Warnings.Count > 0 ? string.Join('\n', page.Warnings) : null;
        var duration = await RecordAsync(job, startedAt, started, status, fetched, stored, page.Errors.Count, error, warnings, page.NextCursor, cancellationToken, continuation: owed, seen: channel).ConfigureAwait(false);
        if (resumeAt is { } resume)
        {
            await queue.EnqueueAsync(next with { Reason = IngestReasons.Resume }, DelayUntil(resume), cancellationToken).ConfigureAwait(false);
        }
        else if (goesOnNow && !readsOn)
        {
            await queue.EnqueueAsync(next, cancellationToken).ConfigureAwait(false);
        }

        if (ingested is not null)
        {
            await PublishOwedAsync(ingested, cancellationToken).ConfigureAwait(false);
        }

        LogIngested(job.ClientId, job.ChannelId, job.Page, stored, page.Errors.Count, page.HasMore);
        return new(job, new IngestOutcome(status, fetched, stored, page.Errors.Count, page.HasMore, duration, resumeAt));
    }

    /// <summary>
    /// A throttle is not a failure: the same page is queued again as a new message that stays invisible until the
    /// platform allows calls, and this message completes, so none of its tries is used. The days the run stored so far
    /// are recomputed now rather than after the wait.
    /// </summary>
    private async Task<IngestOutcome> DeferAsync(IngestJob job, ClientDefinition client, DateTimeOffset startedAt, long started, ConnectorFaultException fault, CancellationToken cancellationToken)
    {
        await recompute.RecomputeMarkedAsync(client, job.ChannelId, cancellationToken).ConfigureAwait(false);
        var until = fault.ThrottledUntil ?? time.GetUtcNow().AddMinutes(1);
        await queue.EnqueueAsync(job with { Reason = IngestReasons.Resume }, DelayUntil(until), cancellationToken).ConfigureAwait(false);
        LogThrottled(job.ClientId, job.ChannelId, until, fault.Message);
        var owed = new ContinuationChange(new ChannelContinuation(job.RunId, job.Page, until));
        var duration = await RecordAsync(job, startedAt, started, RunStatuses.Throttled, 0, 0, 0, $"throttled until {Format(until)}: {fault.Message}", null, null, cancellationToken, continuation: owed).ConfigureAwait(false);
        return new IngestOutcome(RunStatuses.Throttled, 0, 0, 0, true, duration, until);
    }

    /// <summary>
    /// Publishes a page's event and deletes its outbox row. A failure is said once and leaves the row, which the
    /// schedule tick relays: the page is stored and its cursor moved, so the job itself has succeeded.
    /// </summary>
    private async Task PublishOwedAsync(ChannelIngested ingested, CancellationToken cancellationToken)
    {
        try
        {
            await events.PublishAsync(ingested, cancellationToken).ConfigureAwait(false);
            await outbox.DeleteAsync(ingested, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogPublishDeferred(ingested.ClientId, ingested.ChannelId, ingested.Page, FaultClassifier.Describe(e));
        }
    }

    /// <summary>
    /// The queue gave up on a job (its last try failed, or its message was poisoned): the channel says so with the
    /// reason, instead of the status of its last page, until a page runs again.
    /// </summary>
    public async Task RecordGivenUpAsync(IngestJob job, string reason, CancellationToken cancellationToken = default)
    {
        var channel = await clients.GetChannelAsync(job.ClientId, job.ChannelId, cancellationToken).ConfigureAwait(false);
        if (channel is null)
        {
            return;
        }

        job = AtOwedPage(job, channel);

        var then = channel.Continuation is null
            ? "the next scheduled run reads on from the cursor"
            : $"the schedule tick queues page {channel.Continuation.Page} again once it is {options.Value.StalledAfterMinutes} minutes overdue";
        var error = $"page {job.Page} was given up by the queue: {reason}; {then}";
        LogGivenUp(job.ClientId, job.ChannelId, job.Page, reason);
        await clients.RecordRunAsync(job.ClientId, job.ChannelId, null, RunStatuses.Failed, Truncate(error), time.GetUtcNow(), cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A permanent fault: said once, in the log, the Runs row and the channel row; the run ends with its cursor kept.</summary>
    private async Task<IngestOutcome> FailAtOnceAsync(IngestJob job, DateTimeOffset startedAt, long started, Exception fault, CancellationToken cancellationToken)
    {
        var reason = FaultClassifier.Describe(fault);
        LogPermanent(job.ClientId, job.ChannelId, reason);
        var duration = await RecordAsync(job, startedAt, started, RunStatuses.Failed, 0, 0, 0, reason, null, null, cancellationToken, continuation: ContinuationChange.Ended).ConfigureAwait(false);
        return new IngestOutcome(RunStatuses.Failed, 0, 0, 0, false, duration);
    }

    /// <summary>A fault worth retrying: recorded once per try, then rethrown so the queue retries with its back-off.</summary>
    private async Task RecordFailureAsync(IngestJob job, DateTimeOffset startedAt, long started, Exception e)
    {
        LogFailed(e, job.ClientId, job.ChannelId, job.Page);
        await RecordAsync(job, startedAt, started, RunStatuses.Failed, 0, 0, 0, e.Message, null, null, CancellationToken.None).ConfigureAwait(false);
    }

    private TimeSpan DelayUntil(DateTimeOffset until)
    {
        var delay = until - time.GetUtcNow();
        return delay < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : delay > MaxDelay ? MaxDelay : delay;
    }

    internal static string Format(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// What is stored of a classified interaction: the brand's handle as written, anyone else's (an unknown author
    /// included) only as a pseudonym, @mentions of people in the text as their pseudonyms (the brand's own handles
    /// kept); whether it asks, or a customer complains (what the inbox and the reply-needed alerts look for); its local
    /// day; and the agency's label when it corrected this interaction. The classifier has already seen the text as
    /// written, and the masked text still mentions someone, so the model's cue means the same on a stored text.
    /// </summary>
    internal static StoredItem ToStored(ReadOnlySpan<byte> key, string clientId, TimeZoneInfo zone, ClassifiedInteraction item, IReadOnlySet<string> brandHandles, string? correctedLabel = null)
    {
        var interaction = item.Interaction;
        var masked = Pseudonyms.MaskMentions(key, clientId, interaction.Text, brandHandles);
        return new StoredItem(
            masked == interaction.Text ? item : item with { Interaction = interaction with { Text = masked } },
            interaction.AuthorIsBrand == true ? interaction.Author : Pseudonyms.Of(key, clientId, interaction.Author),
            Questions.IsQuestion(interaction.Text),
            interaction.AuthorIsBrand == false && Complaints.IsComplaint(interaction.Text),
            DailyAggregator.LocalDate(interaction.CreatedAt, zone),
            correctedLabel);
    }

    /// <summary>
    /// The page (its items as read, or as classified ahead) without the items of people erased from the client: a
    /// replay does not bring them back.
    /// </summary>
    private async Task<IReadOnlyList<T>> WithoutErasedAsync<T>(string clientId, IReadOnlyList<T> items, Func<T, Interaction> interaction, Task<IReadOnlySet<string>> erasedRead, CancellationToken cancellationToken)
    {
        var erased = await erasedRead.ConfigureAwait(false);
        if (erased.Count == 0 || items.Count == 0)
        {
            return items;
        }

        var key = await pseudonymKey.GetAsync(cancellationToken).ConfigureAwait(false);
        return items.Where(item => interaction(item) is var i && (i.AuthorIsBrand == true || Pseudonyms.Of(key, clientId, i.Author) is not { } p || !erased.Contains(p))).ToList();
    }

    /// <summary>
    /// The brand's own handles, whose mentions stay as written: the accounts of the client's channels, and the authors
    /// of the page's brand items.
    /// </summary>
    private static HashSet<string> BrandHandles(IReadOnlyList<ChannelDefinition> channels, IReadOnlyList<ClassifiedInteraction> page) =>
        channels.Select(c => c.Account)
            .Concat(page.Where(c => c.Interaction.AuthorIsBrand == true).Select(c => c.Interaction.Author ?? ""))
            .Select(Pseudonyms.Normalize)
            .Where(h => h.Length > 0)
            .SelectMany(h => h.IndexOf('@', StringComparison.Ordinal) is > 0 and var at ? [h, h[..at]] : new[] { h })
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// Writes a page's rows with the agencies' corrections applied: a replay or a new model rewrites the model's
    /// verdict, never an agency's label. A correction made while the page was being written may have set its row just
    /// before this write replaced it, so corrections are read again afterwards and any the page missed are written back.
    /// </summary>
    private async Task<int> WriteRowsAsync(
        IngestJob job,
        ClientDefinition client,
        IReadOnlyList<ClassifiedInteraction> classified,
        DateTimeOffset startedAt,
        RunRows.Held held,
        Dictionary<string, string> before,
        IReadOnlyList<ChannelDefinition> channels,
        PageInFlight inFlight,
        CancellationToken cancellationToken)
    {
        if (classified.Count == 0)
        {
            inFlight.Stored();
            return 0;
        }

        var zone = TimeZoneInfo.FindSystemTimeZoneById(client.TimeZone);
        var key = await pseudonymKey.GetAsync(cancellationToken).ConfigureAwait(false);
        var brand = BrandHandles(channels, classified);
        var rows = classified.Select(c => ToStored(key, job.ClientId, zone, c, brand, before.GetValueOrDefault(IdOf(job, c))) with { Writer = held.Writer }).ToList();
        // After the page before's rows: a run's pages send their rows in order, one page's transactions at a time.
        await inFlight.PreviousStoredAsync().ConfigureAwait(false);
        var stored = await interactions.UpsertAsync(job.ClientId, job.ChannelId, rows, startedAt, cancellationToken).ConfigureAwait(false);
        inFlight.Stored();

        // The page's days are owed a recompute once its rows are stored and before the cursor moves past them; a run
        // pays for them once, when it ends or pauses, so a run's cost per row does not grow with how many rows surround
        // each page. The mark and the second reads of corrections and erasures do not depend on each other: they go out
        // together.
        var marking = recompute.MarkAsync(client, job.ChannelId, classified.Select(c => c.Interaction.CreatedAt), cancellationToken);
        var afterRead = CorrectedLabelsAsync(job.ClientId, job.ChannelId, cancellationToken);
        var erasedAfter = erasures.ListAsync(job.ClientId, cancellationToken);
        await Task.WhenAll(marking, afterRead, erasedAfter).ConfigureAwait(false);
        var after = await afterRead.ConfigureAwait(false);
        held.Corrections = afterRead;
        held.Erasures = erasedAfter;

        // A person erased since the page read the erasures: the erasure's own sweep may have run before these rows were
        // stored, so they are removed here. An erasure recorded after this read finds the rows in its sweep.
        var erasedSince = await erasedAfter.ConfigureAwait(false) is { Count: > 0 } erasedNow
            ? rows.Where(r => r.Classified.Interaction.AuthorIsBrand != true && r.Author is { } author && erasedNow.Contains(author)).ToList()
            : [];
        if (erasedSince.Count > 0)
        {
            await interactions.DeleteAsync(job.ClientId, erasedSince.Select(r => AsRow(job, r)).ToList(), cancellationToken).ConfigureAwait(false);
            rows = rows.Except(erasedSince).ToList();
            stored -= erasedSince.Count;
        }

        var missed = rows
            .Select(r => (Row: r, Label: after.GetValueOrDefault(IdOf(job, r.Classified))))
            .Where(m => m.Label is not null && m.Label != m.Row.CorrectedLabel)
            .Select(m => m.Row with { CorrectedLabel = m.Label })
            .ToList();
        if (missed.Count > 0)
        {
            await interactions.UpsertAsync(job.ClientId, job.ChannelId, missed, startedAt, cancellationToken).ConfigureAwait(false);
        }

        // Held as stored: the later copy of a row wins, as it does in storage, so after the page before's.
        await inFlight.AfterPreviousAsync().ConfigureAwait(false);
        _runRows.Add(job.ClientId, job.ChannelId, held, missed.Count == 0 ? rows : rows.Concat(missed));
        return stored;
    }

    /// <summary>
    /// The rows this process wrote in the run, as storage holds them now: corrections and erasures made since a page
    /// was written changed or removed its rows in storage, so both are read again and applied. Null when memory was
    /// dropped: the recompute then reads every row from storage.
    /// </summary>
    private async Task<HeldRows?> HeldAsync(IngestJob job, RunRows.Held held, CancellationToken cancellationToken)
    {
        if (_runRows.Rows(held) is not { } rows)
        {
            return null;
        }

        var correctionsRead = CorrectedLabelsAsync(job.ClientId, job.ChannelId, cancellationToken);
        var erased = await erasures.ListAsync(job.ClientId, cancellationToken).ConfigureAwait(false);
        var corrected = await correctionsRead.ConfigureAwait(false);
        if (erased.Count == 0 && corrected.Count == 0)
        {
            return new HeldRows(held.Writer, held.Since, rows);
        }

        var current = new List<StoredInteraction>(rows.Count);
        foreach (var row in rows)
        {
            if (row.Author is { } author && erased.Contains(author))
            {
                continue;
            }

            current.Add(corrected.TryGetValue(InteractionIds.Of(job.ChannelId, row.PlatformId), out var label) && label != row.Label ? row with { Label = label } : row);
        }

        return new HeldRows(held.Writer, held.Since, current);
    }

    /// <summary>A row just written, as the store names it for a delete.</summary>
    private static InteractionRow AsRow(IngestJob job, StoredItem row) => new(
        IdOf(job, row.Classified),
        job.ChannelId,
        row.Classified.Interaction,
        row.Label,
        row.Classified.Label,
        row.Classified.RelationalProbability,
        row.Classified.ModelVersion,
        row.CorrectedLabel is not null);

    private static string IdOf(IngestJob job, ClassifiedInteraction item) => InteractionIds.Of(job.ChannelId, item.Interaction.PlatformId);

    private async Task<Dictionary<string, string>> CorrectedLabelsAsync(string clientId, string channelId, CancellationToken cancellationToken)
    {
        var list = await corrections.ListAsync(clientId, channelId, cancellationToken).ConfigureAwait(false);
        return list.ToDictionary(c => c.InteractionId, c => c.Label, StringComparer.Ordinal);
    }

    private async Task<double> RecordAsync(
        IngestJob job,
        DateTimeOffset startedAt,
        long started,
        string status,
        int fetched,
        int stored,
        int errors,
        string? error,
        string? warnings,
        string? cursor,
        CancellationToken cancellationToken,
        bool channelRow = true,
        ContinuationChange? continuation = null,
        ChannelDefinition? seen = null)
    {
        var duration = time.GetElapsedTime(started).TotalMilliseconds;

        // The channel row (which moves the cursor) and the Runs row do not depend on each other: they go out together.
        var channelWrite = channelRow
            ? clients.RecordRunAsync(job.ClientId, job.ChannelId, cursor, status, error is null ? null : Truncate(error), time.GetUtcNow(), continuation, seen, cancellationToken)
            : Task.CompletedTask;
        var runWrite = runs.AddAsync(new RunRecord
        {
            ClientId = job.ClientId,
            RunId = job.RunId,
            ChannelId = job.ChannelId,
            Page = job.Page,
            Status = status,
            Fetched = fetched,
            Stored = stored,
            Errors = errors,
            Error = error,
            Warnings = warnings,
            StartedAt = startedAt,
            DurationMs = Math.Round(duration, 1),
            ModelVersion = classifier.ModelVersion,
        }, cancellationToken);
        await Task.WhenAll(channelWrite, runWrite).ConfigureAwait(false);
        return duration;
    }

    private static string Truncate(string error) => error.Length <= 1_000 ? error : error[..1_000] + "…";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job for {ClientId}/{ChannelId} skipped: the channel is disabled")]
    private partial void LogSkipped(string clientId, string channelId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Bad record in {ClientId}/{ChannelId}: {Problem}")]
    private partial void LogBadRecord(string clientId, string channelId, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Record kept with a warning in {ClientId}/{ChannelId}: {Warning}")]
    private partial void LogRecordWarning(string clientId, string channelId, string warning);

    [LoggerMessage(Level = LogLevel.Information, Message = "Ingested {ClientId}/{ChannelId} page {Page}: {Stored} stored, {Errors} bad, more: {HasMore}")]
    private partial void LogIngested(string clientId, string channelId, int page, int stored, int errors, bool hasMore);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{ClientId}/{ChannelId} throttled until {Until}: {Reason}; queued again for then")]
    private partial void LogThrottled(string clientId, string channelId, DateTimeOffset until, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "{ClientId}/{ChannelId} cannot be read: {Reason}; the channel is marked failed and the job is not retried")]
    private partial void LogPermanent(string clientId, string channelId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Event of {ClientId}/{ChannelId} page {Page} not published ({Reason}); it stays in the outbox for the schedule tick to relay")]
    private partial void LogPublishDeferred(string clientId, string channelId, int page, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "{ClientId}/{ChannelId} page {Page} given up by the queue: {Reason}; the channel is marked failed")]
    private partial void LogGivenUp(string clientId, string channelId, int page, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Ingestion of {ClientId}/{ChannelId} page {Page} failed")]
    private partial void LogFailed(Exception exception, string clientId, string channelId, int page);
}
