using Engagement.Core.Domain;
using Engagement.Core.Ingestion;
using Engagement.Core.Ports;
using Engagement.Core.Tests.Fakes;
using Engagement.Ml.Vocabulary;

namespace Engagement.Core.Tests.Ingestion;

/// <summary>
/// A job whose page has more goes on to its run's next pages itself while its time allows, each page recorded as a
/// queued one is; past the time, on a throttle, or after a failure, the queue has the next page.
/// </summary>
public sealed class ReadOnTests
{
    private readonly CoreHarness _core = new(pageSize: 2, readOnSeconds: 30);
    private readonly IngestJob _job = new() { ClientId = "acme", ChannelId = "instagram", RunId = "r1" };

    public ReadOnTests() =>
        _core.Connector.Add("acme/ig", [.. Enumerable.Range(1, 7).Select(i => CoreHarness.Item($"p{i}", $"2026-11-0{i}T09:00:00Z", brand: true, text: $"Nuova collezione {i}, link in bio"))]);

    [Fact]
    public async Task AJobReadsOnToItsRunsEndPageByPageWithoutAQueueMessage()
    {
        await _core.RegisterAsync("acme", ("instagram", "acme/ig"));
        var pages = new List<(int Page, int Stored, bool HasMore)>();

        var outcome = await _core.Ingestion.HandleAsync(_job, (job, page) => pages.Add((job.Page, page.Stored, page.HasMore)));

        Assert.Equal([(1, 2, true), (2, 2, true), (3, 2, true), (4, 1, false)], pages);
        Assert.Equal((RunStatuses.Succeeded, 4, 7, 7, false), (outcome.Status, outcome.Pages, outcome.Fetched, outcome.Stored, outcome.HasMore));
        Assert.Equal(0, _core.Queue.Count);
        Assert.Empty(_core.Queue.Delayed);
        await TheRunEndedAtItsFourthPageAsync();
    }

    [Fact]
    public async Task PastItsTimeAJobQueuesTheNextPageAndOwesItOnTheChannel()
    {
        await _core.RegisterAsync("acme", ("instagram", "acme/ig"));

        // Each platform read takes 20 s: the second page is read 40 s in, past the job's 30, so the third goes to the queue.
        _core.Connector.OnFetch = _ => _core.Time.Advance(TimeSpan.FromSeconds(20));
        var outcome = await _core.Ingestion.HandleAsync(_job);

        Assert.Equal((2, 4, true), (outcome.Pages, outcome.Stored, outcome.HasMore));
        Assert.True(_core.Queue.TryDequeue(out var next));
        Assert.Equal((3, IngestReasons.Continuation), (next.Page, next.Reason));
        Assert.Equal(3, (await _core.Clients.GetChannelAsync("acme", "instagram"))!.Continuation!.Page);
        await _core.Ingestion.HandleAsync(next);
        Assert.Equal(7, await _core.Interactions.CountAsync("acme"));
    }

    [Fact]
    public async Task AThrottledPageIsQueuedForWhenThePlatformAllowsNotReadOn()
    {
        var until = _core.Time.GetUtcNow().AddMinutes(5);
        _core.Connector.ResumeAt = until;
        await _core.RegisterAsync("acme", ("instagram", "acme/ig"));

        var outcome = await _core.Ingestion.HandleAsync(_job);

        Assert.Equal((1, RunStatuses.Throttled, until), (outcome.Pages, outcome.Status, outcome.ResumeAt));
        Assert.Equal(0, _core.Queue.Count);
        Assert.True(_core.Queue.Delayed.TryDequeue(out var resume));
        Assert.Equal((2, IngestReasons.Resume), (resume.Job.Page, resume.Job.Reason));
    }

    [Fact]
    public async Task AFailedPageIsRetriedByItsMessageFromThePageTheChannelOwes()
    {
        // The third page's first read fails as a platform's 503 does: the job throws, so the queue tries its message again.
        _core.Connector.Fail("acme/ig", null, null, new HttpRequestException("503 Service Unavailable"));
        await _core.RegisterAsync("acme", ("instagram", "acme/ig"));

        await Assert.ThrowsAsync<HttpRequestException>(() => _core.Ingestion.HandleAsync(_job));
        Assert.Equal(4, await _core.Interactions.CountAsync("acme"));
        Assert.Equal(3, (await _core.Clients.GetChannelAsync("acme", "instagram"))!.Continuation!.Page);

        // The retry is the first page's message; the channel's cursor and owed page say where the run is.
        var pages = new List<int>();
        var outcome = await _core.Ingestion.HandleAsync(_job, (job, _) => pages.Add(job.Page));

        Assert.Equal([3, 4], pages);
        Assert.Equal((2, 3), (outcome.Pages, outcome.Stored));
        Assert.Equal(7, await _core.Interactions.CountAsync("acme"));
        var runs = await _core.Runs.ListRecentAsync("acme", 10);
        Assert.Equal([(1, RunStatuses.Succeeded), (2, RunStatuses.Succeeded), (3, RunStatuses.Failed), (3, RunStatuses.Succeeded), (4, RunStatuses.Succeeded)],
            runs.Reverse().Select(r => (r.Page, r.Status)));
        Assert.Equal(["p1", "p2", "p3", "p4", "p5", "p6", "p7"], _core.Interactions.All.Select(r => r.Classified.Interaction.PlatformId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task AMessageGivenUpNamesThePageThatFailedNotThePageItWasQueuedFor()
    {
        _core.Connector.Fail("acme/ig", null, new HttpRequestException("503 Service Unavailable"));
        await _core.RegisterAsync("acme", ("instagram", "acme/ig"));
        await Assert.ThrowsAsync<HttpRequestException>(() => _core.Ingestion.HandleAsync(_job));

        await _core.Ingestion.RecordGivenUpAsync(_job, "failed 5 times");

        Assert.StartsWith("page 2 was given up by the queue: failed 5 times", (await _core.Clients.GetChannelAsync("acme", "instagram"))!.LastRunError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APersonErasedWhileTheJobReadsOnIsLeftOutOfTheLaterPages()
    {
        var core = new CoreHarness(pageSize: 2, readOnSeconds: 30);
        core.Connector.Add("acme/comments",
            CoreHarness.Item("p1", "2026-11-01T09:00:00Z", brand: true),
            CoreHarness.Item("c1", "2026-11-01T10:00:00Z", InteractionKind.Comment, parent: "p1"),
            CoreHarness.Item("c2", "2026-11-01T11:00:00Z", InteractionKind.Comment, parent: "p1"),
            CoreHarness.Item("c3", "2026-11-01T12:00:00Z", InteractionKind.Comment, parent: "p1"));
        await core.RegisterAsync("acme", ("instagram", "acme/comments"));

        // Erased as the run reads the erasures a second time (the first page's read after its write): the second page
        // was already read ahead. Whether it leaves the person out before its write or removes the row after it, the row
        // is not kept.
        core.Erasures.BeforeList = async n =>
        {
            if (n == 2)
            {
                await core.Erasure.EraseAsync("acme", "@customer-c3");
            }
        };
        var outcome = await core.Ingestion.HandleAsync(_job);

        Assert.Equal(2, outcome.Pages);
        Assert.Equal(2, core.Connector.Requests.Count); // the page read ahead was the one written
        Assert.Equal(["c1", "c2", "p1"], core.Interactions.All.Select(r => r.Classified.Interaction.PlatformId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task APersonErasedAfterThePageReadTheErasuresButBeforeItsRowsLandedIsRemovedOnceTheyHave()
    {
        var core = await APostWithTwoCommentsAsync(pageSize: 10);

        // The erasure is recorded and sweeps the table while the page's write is on its way: its sweep finds nothing.
        core.Interactions.BeforeNextWrite = () => core.Erasure.EraseAsync("acme", "@customer-c2").GetAwaiter().GetResult();
        var outcome = await core.Ingestion.HandleAsync(_job);

        Assert.Equal(2, outcome.Stored);
        Assert.Equal(["c1", "p1"], core.Interactions.All.Select(r => r.Classified.Interaction.PlatformId).Order(StringComparer.Ordinal));
        Assert.Equal(2, (await core.Daily.QueryAsync("acme", new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 1))).Sum(d => d.Interactions));
    }

    [Fact]
    public async Task AJobsFirstPageReadsTheErasuresItselfSoAnOldListNeverLetsAnErasedPersonIn()
    {
        var core = await APostWithTwoCommentsAsync(pageSize: 2);
        await core.Ingestion.HandleAsync(_job);
        Assert.True(core.Queue.TryDequeue(out var next));

        // Erased between the run's two jobs; the second job's read after its write fails, as a process that stops there
        // would leave it. Had the page kept the first job's list, c2 would have been written and left.
        await core.Erasure.EraseAsync("acme", "@customer-c2");
        core.Erasures.BeforeList = _ => core.Interactions.All.Any(r => r.Classified.Interaction.PlatformId == "c2")
            ? throw new IOException("storage unavailable")
            : Task.CompletedTask;
        await core.Ingestion.HandleAsync(next);

        Assert.Equal(["c1", "p1"], core.Interactions.All.Select(r => r.Classified.Interaction.PlatformId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task WithReadingOnOffEveryNextPageIsAQueueMessage()
    {
        var core = new CoreHarness(pageSize: 2);
        core.Connector.Add("acme/ig", CoreHarness.Item("p1", "2026-11-01T09:00:00Z"), CoreHarness.Item("p2", "2026-11-02T09:00:00Z"), CoreHarness.Item("p3", "2026-11-03T09:00:00Z"));
        await core.RegisterAsync("acme", ("instagram", "acme/ig"));

        var outcome = await core.Ingestion.HandleAsync(_job);

        Assert.Equal((1, 2, true), (outcome.Pages, outcome.Stored, outcome.HasMore));
        Assert.True(core.Queue.TryDequeue(out var next));
        Assert.Equal(2, next.Page);
    }

    [Fact]
    public async Task TheNextPageSendsItsRowsWhileTheLastPageStillMovesItsCursorAndTheCursorMovesInOrder()
    {
        await _core.RegisterAsync("acme", ("instagram", "acme/ig"));
        var cursors = new List<string?>();

        // The first page's cursor move waits until the second page's rows are stored: a job that began its next page only
        // once the last had ended would wait here for good, and the wait gives up.
        _core.Clients.BeforeRecordRun = async cursor =>
        {
            if (cursor == "2")
            {
                await SecondPageStoredAsync(_core);
            }

            lock (cursors)
            {
                cursors.Add(cursor);
            }
        };
        var pages = new List<int>();

        var outcome = await _core.Ingestion.HandleAsync(_job, (job, _) => pages.Add(job.Page));

        Assert.Equal([1, 2, 3, 4], pages);
        Assert.Equal(["2", "4", "6", "7"], cursors);
        Assert.Equal((RunStatuses.Succeeded, 4, 7), (outcome.Status, outcome.Pages, outcome.Stored));
        await TheRunEndedAtItsFourthPageAsync();
    }

    [Fact]
    public async Task WhenTheLastPageFailsToMoveItsCursorThePageBegunBesideItRecordsNothingAndTheRetryResumesThere()
    {
        await _core.RegisterAsync("acme", ("instagram", "acme/ig"));
        _core.Clients.BeforeRecordRun = async cursor =>
        {
            if (cursor == "2")
            {
                await SecondPageStoredAsync(_core);
                throw new IOException("storage unavailable");
            }
        };

        await Assert.ThrowsAsync<IOException>(() => _core.Ingestion.HandleAsync(_job));

        // The second page's rows are stored, but nothing says so: no Runs row, and the cursor has not moved.
        var runs = await _core.Runs.ListRecentAsync("acme", 10);
        Assert.DoesNotContain(runs, r => r.Page == 2);
        Assert.Contains(runs, r => (r.Page, r.Status) == (1, RunStatuses.Failed));
        var channel = (await _core.Clients.GetChannelAsync("acme", "instagram"))!;
        Assert.Equal((null, RunStatuses.Failed, "storage unavailable"), (channel.Cursor, channel.LastRunStatus, channel.LastRunError));

        _core.Clients.BeforeRecordRun = null;
        var pages = new List<int>();
        var outcome = await _core.Ingestion.HandleAsync(_job, (job, _) => pages.Add(job.Page));

        Assert.Equal([1, 2, 3, 4], pages);
        Assert.Equal(7, outcome.Stored);
        Assert.Equal(("7", null), ((await _core.Clients.GetChannelAsync("acme", "instagram"))!.Cursor, (await _core.Clients.GetChannelAsync("acme", "instagram"))!.Continuation));
        Assert.Equal(7, await _core.Interactions.CountAsync("acme"));
    }

    [Fact]
    public async Task AChannelMovedByAnotherWriterWhileThePageBeforeIsUnderWayIsReadAgainOnceThatPageHasEnded()
    {
        await _core.RegisterAsync("acme", ("instagram", "acme/ig"));

        // As the second page reads its channel, another writer has moved the cursor and owed page (another run's): not
        // where the first page began or leaves them. The first page moves its cursor only after that read, so the second
        // waits for it (its move lands over the other writer's, as any page's in flight does) and reads the channel again.
        var lists = 0;
        var secondRead = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _core.Clients.BeforeListChannels = async n =>
        {
            Interlocked.Increment(ref lists);
            if (n == 2)
            {
                var channel = (await _core.Clients.GetChannelAsync("acme", "instagram"))!;
                await _core.Clients.UpsertChannelAsync(channel with { Cursor = "5", Continuation = new ChannelContinuation("r9", 1, _core.Time.GetUtcNow()) });
            }
        };
        _core.Clients.AfterListChannels = () =>
        {
            if (Volatile.Read(ref lists) == 2)
            {
                secondRead.TrySetResult();
            }
        };
        _core.Clients.BeforeRecordRun = async cursor =>
        {
            if (cursor == "2")
            {
                await secondRead.Task.WaitAsync(TimeSpan.FromSeconds(10));
            }
        };

        var outcome = await _core.Ingestion.HandleAsync(_job);

        Assert.Equal((4, 7), (outcome.Pages, outcome.Stored));
        Assert.Equal(5, lists); // four pages, and the second page's read again
        Assert.Equal(4, _core.Connector.Requests.Count); // the page read ahead still served: the channel was where the first page left it
        Assert.Equal(("7", null), ((await _core.Clients.GetChannelAsync("acme", "instagram"))!.Cursor, (await _core.Clients.GetChannelAsync("acme", "instagram"))!.Continuation));
    }

    /// <summary>A harness with a brand post and two customers' comments on it registered on one channel.</summary>
    private static async Task<CoreHarness> APostWithTwoCommentsAsync(int pageSize)
    {
        var core = new CoreHarness(pageSize: pageSize);
        core.Connector.Add("acme/comments",
            CoreHarness.Item("p1", "2026-11-01T09:00:00Z", brand: true),
            CoreHarness.Item("c1", "2026-11-01T10:00:00Z", InteractionKind.Comment, parent: "p1"),
            CoreHarness.Item("c2", "2026-11-01T11:00:00Z", InteractionKind.Comment, parent: "p1"));
        await core.RegisterAsync("acme", ("instagram", "acme/comments"));
        return core;
    }

    /// <summary>A Runs row for each of the four pages, the cursor at the end with nothing owed, and the seven in the figures.</summary>
    private async Task TheRunEndedAtItsFourthPageAsync()
    {
        Assert.Equal([1, 2, 3, 4], (await _core.Runs.ListRecentAsync("acme", 10)).Select(r => r.Page).Order());
        var channel = (await _core.Clients.GetChannelAsync("acme", "instagram"))!;
        Assert.Equal(("7", null), (channel.Cursor, channel.Continuation));
        Assert.Equal(7, (await _core.Daily.QueryAsync("acme", new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30))).Sum(d => d.Interactions));
    }

    /// <summary>Waits until the second page's rows are stored (four rows), at most 10 s.</summary>
    private static async Task SecondPageStoredAsync(CoreHarness core)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        while (await core.Interactions.CountAsync("acme") < 4)
        {
            if (System.Diagnostics.Stopwatch.GetElapsedTime(started) > TimeSpan.FromSeconds(10))
            {
                throw new TimeoutException("the second page's rows were not sent while the first page moved its cursor");
            }

            await Task.Delay(5);
        }
    }
}
