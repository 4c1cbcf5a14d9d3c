using System.Threading.Channels;
using Azure.Storage.Queues.Models;
using Engagement.Storage;
using Engagement.Testing;

namespace Engagement.LocalHost.Tests;

public sealed class LocalTriggersTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task TheLocalTimerTicksOnItsCronAndRunsALateTickOnce()
    {
        await using var pipeline = new TestPipeline(azurite, now: new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero));
        pipeline.WriteImport("acme/a.jsonl", [ApiContract.Line("1", "2026-11-01T10:00:00Z")]);
        await pipeline.Get<PipelineRunner>().RegisterAsync([new CatalogClient("acme", "Acme", "Europe/Rome", null, null, [new("instagram", "import", "acme/a.jsonl", null, null)])]);
        var steps = Channel.CreateUnbounded<TimerProgress>();
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var timer = pipeline.Get<LocalTriggers>().RunTimerAsync(new Observer(steps.Writer), stop.Token);

        var waiting = await steps.Reader.ReadAsync(stop.Token);
        pipeline.Time.Advance(TimeSpan.FromSeconds(61));
        var afterFirst = await steps.Reader.ReadAsync(stop.Token);
        pipeline.Time.Advance(TimeSpan.FromMinutes(10)); // nine occurrences missed at once
        var afterLate = await steps.Reader.ReadAsync(stop.Token);
        await stop.CancelAsync();
        await timer;

        Assert.Equal(new DateTimeOffset(2026, 11, 27, 9, 1, 0, TimeSpan.Zero), waiting.WaitingUntil);
        Assert.Null(waiting.LastTick);
        Assert.Equal(1, afterFirst.LastTick!.DueClients);
        Assert.Equal(new DateTimeOffset(2026, 11, 27, 9, 2, 0, TimeSpan.Zero), afterFirst.WaitingUntil);
        // One tick for the nine missed occurrences, then the next occurrence after now, not after the missed ones.
        Assert.Equal(0, afterLate.LastTick!.DueClients);
        Assert.Equal(new DateTimeOffset(2026, 11, 27, 9, 12, 0, TimeSpan.Zero), afterLate.WaitingUntil);
        Assert.False(steps.Reader.TryRead(out _));
        QueueProperties queued = await pipeline.Get<IngestQueue>().Queue.GetPropertiesAsync();
        Assert.Equal(1, queued.ApproximateMessagesCount);
    }

    /// <summary>Hands each step to the test as it happens, on the timer's own thread.</summary>
    private sealed class Observer(ChannelWriter<TimerProgress> writer) : IProgress<TimerProgress>
    {
        public void Report(TimerProgress value) => writer.TryWrite(value);
    }
}
