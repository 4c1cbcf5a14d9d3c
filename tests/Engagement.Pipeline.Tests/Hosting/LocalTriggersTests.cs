using System.Collections.Concurrent;
using Azure.Storage.Queues.Models;
using Engagement.Pipeline.Hosting;
using Engagement.Pipeline.Queues;
using Engagement.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Engagement.Pipeline.Tests.Hosting;

[Collection(AzuriteCollection.Name)]
public sealed class LocalTriggersTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task TheLocalTimerTicksOnItsCronAndRunsALateTickOnce()
    {
        var ticks = new TickCounter();
        await using var pipeline = new TestPipeline(
            azurite,
            now: new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero),
            configure: s => s.AddLogging(b => b.AddProvider(ticks)));
        pipeline.WriteImport("a.jsonl", [ApiContract.Line("1", "2026-11-01T10:00:00Z")]);
        await pipeline.Get<PipelineRunner>().RegisterAsync([new CatalogClient("acme", "Acme", "Europe/Rome", null, null, [new("instagram", "import", "a.jsonl", null, null)])]);
        using var stop = new CancellationTokenSource();
        var timer = pipeline.Get<LocalTriggers>().RunTimerAsync(stop.Token);

        pipeline.Time.Advance(TimeSpan.FromSeconds(61));
        await ticks.WaitForAsync(1);
        await Task.Delay(300); // let the loop go back to waiting for its next occurrence
        pipeline.Time.Advance(TimeSpan.FromMinutes(10)); // nine occurrences missed at once
        await ticks.WaitForAsync(2);
        await Task.Delay(300);
        await stop.CancelAsync();
        await timer;

        Assert.Equal(2, ticks.Count);
        QueueProperties queued = await pipeline.Get<IngestQueue>().Queue.GetPropertiesAsync();
        Assert.Equal(1, queued.ApproximateMessagesCount);
    }

    /// <summary>Counts the timer's "Schedule tick" log lines.</summary>
    private sealed class TickCounter : ILoggerProvider, ILogger
    {
        private readonly ConcurrentQueue<string> _ticks = new();

        public int Count => _ticks.Count;

        public async Task WaitForAsync(int count)
        {
            for (var i = 0; i < 200 && _ticks.Count < count; i++)
            {
                await Task.Delay(25);
            }
        }

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var message = formatter(state, exception);
            if (message.StartsWith("Schedule tick", StringComparison.Ordinal))
            {
                _ticks.Enqueue(message);
            }
        }

        public void Dispose()
        {
        }
    }
}
