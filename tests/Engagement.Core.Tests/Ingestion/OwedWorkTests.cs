using Engagement.Core.Domain;
using Engagement.Core.Ingestion;
using Engagement.Core.Ports;
using Engagement.Core.Tests.Fakes;

namespace Engagement.Core.Tests.Ingestion;

public sealed class OwedWorkTests
{
    private readonly CoreHarness _core = new(pageSize: 2);

    [Fact]
    public async Task ARelayThatFailsStopsAndKeepsTheRestInOrderForTheNextTick()
    {
        var at = _core.Time.GetUtcNow();
        foreach (var page in new[] { 3, 1, 2 })
        {
            await _core.Outbox.PutAsync(new ChannelIngested("acme", "instagram", "r1", page, 1, 0, [], "v1", at.AddMinutes(page)));
        }

        _core.Events.FailNext = 1;
        var failed = await _core.Owed.RelayEventsAsync();
        var relayed = await _core.Owed.RelayEventsAsync();

        Assert.Equal((0, 3), failed);
        Assert.Equal((3, 0), relayed);
        Assert.Equal([1, 2, 3], _core.Events.Published.Select(e => e.Page)); // oldest first
        Assert.Empty(_core.Outbox.Owed);
    }

    [Fact]
    public async Task APageWithMoreOwesTheNextAndTheLastPageEndsTheRun()
    {
        _core.Connector.Add("acme/ig", CoreHarness.Conversation());
        await _core.RegisterAsync("acme", ("instagram", "acme/ig"));
        await _core.Schedule.RunNowAsync("acme");

        Assert.True(_core.Queue.TryDequeue(out var first));
        await _core.Ingestion.HandleAsync(first);
        var owing = (await _core.Clients.GetChannelAsync("acme", "instagram"))!;
        await _core.DrainAsync();
        var done = (await _core.Clients.GetChannelAsync("acme", "instagram"))!;

        Assert.Equal(new ChannelContinuation(first.RunId, 2, _core.Time.GetUtcNow()), owing.Continuation);
        Assert.Null(done.Continuation);
        Assert.Empty(_core.Outbox.Owed);
    }

    [Fact]
    public async Task AStalledPageOfADisabledChannelOrOneWaitingOnAThrottleIsNotQueuedAgain()
    {
        _core.Connector.Add("acme/ig", CoreHarness.Conversation());
        _core.Connector.Add("acme/fb", CoreHarness.Conversation());
        await _core.RegisterAsync("acme", ("instagram", "acme/ig"), ("facebook", "acme/fb"));
        await _core.Schedule.RunNowAsync("acme");
        Assert.True(_core.Queue.TryDequeue(out var a));
        Assert.True(_core.Queue.TryDequeue(out var b));
        await _core.Ingestion.HandleAsync(a);
        _core.Connector.ResumeAt = _core.Time.GetUtcNow().AddHours(1); // the second channel's next page waits an hour
        await _core.Ingestion.HandleAsync(b);
        while (_core.Queue.TryDequeue(out _))
        {
            // Both continuations are lost.
        }

        var disabled = (await _core.Clients.GetChannelAsync("acme", a.ChannelId))! with { Enabled = false };
        await _core.Clients.UpsertChannelAsync(disabled);
        _core.Time.Advance(TimeSpan.FromMinutes(11));

        Assert.Equal(0, await _core.Owed.ResumeStalledAsync());
        Assert.Equal(RunStatuses.Throttled, (await _core.Clients.GetChannelAsync("acme", b.ChannelId))!.LastRunStatus);

        _core.Time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(1, await _core.Owed.ResumeStalledAsync());
        Assert.True(_core.Queue.TryDequeue(out var resumed));
        Assert.Equal((b.ChannelId, b.RunId, 2, IngestReasons.Resume), (resumed.ChannelId, resumed.RunId, resumed.Page, resumed.Reason));
    }
}
