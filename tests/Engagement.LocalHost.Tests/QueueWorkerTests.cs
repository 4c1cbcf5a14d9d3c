using System.Text;
using Azure.Storage.Queues;
using Engagement.Core.Domain;
using Engagement.Storage;
using Engagement.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Engagement.LocalHost.Tests;

public sealed class QueueWorkerTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private readonly TestPipeline _pipeline = new(azurite);

    public async Task InitializeAsync() => await _pipeline.Get<IngestQueue>().EnsureCreatedAsync();

    public async Task DisposeAsync() => await _pipeline.DisposeAsync();

    [Fact]
    public async Task JobsAreBase64JsonOnTheWireAsTheFunctionsTriggerExpects()
    {
        var queue = _pipeline.Get<IngestQueue>();
        await queue.EnqueueAsync(new IngestJob { ClientId = "acme", ChannelId = "instagram", RunId = "r1" });

        var raw = new QueueClient(azurite.ConnectionString, queue.Queue.Name); // no decoding: the bytes as stored
        var message = (await raw.ReceiveMessageAsync()).Value;

        var json = Encoding.UTF8.GetString(Convert.FromBase64String(message.MessageText));
        Assert.Equal("acme", IngestQueue.Parse(json).ClientId);
    }

    [Fact]
    public async Task AMessageThatKeepsFailingMovesToThePoisonQueueAfterFiveTries()
    {
        var queue = _pipeline.Get<IngestQueue>();
        await queue.EnqueueAsync(new IngestJob { ClientId = "acme", ChannelId = "instagram", RunId = "r1" });
        var tries = 0;
        var worker = Worker((_, _) => { tries++; throw new InvalidOperationException("boom"); });

        for (var i = 0; i < 10 && tries < 6; i++)
        {
            await worker.RunOnceAsync();
        }

        Assert.Equal(5, tries);
        var poisoned = (await queue.Poison.ReceiveMessageAsync()).Value;
        Assert.Equal("r1", IngestQueue.Parse(poisoned.MessageText).RunId);
        Assert.Null((await queue.Queue.PeekMessageAsync()).Value);
    }

    [Fact]
    public async Task AFailedMessageIsRetriedAndDeletedOnceItSucceeds()
    {
        var queue = _pipeline.Get<IngestQueue>();
        await queue.EnqueueAsync(new IngestJob { ClientId = "acme", ChannelId = "instagram", RunId = "r1" });
        var tries = 0;
        var worker = Worker((_, _) => ++tries < 3 ? throw new InvalidOperationException("transient") : Task.CompletedTask);

        await worker.DrainAsync();

        Assert.Equal(3, tries);
        Assert.Null((await queue.Queue.PeekMessageAsync()).Value);
        Assert.Null((await queue.Poison.PeekMessageAsync()).Value);
    }

    private QueueWorker Worker(Func<string, CancellationToken, Task> handle)
    {
        var queue = _pipeline.Get<IngestQueue>();
        var options = new QueueWorkerOptions { VisibilityTimeout = TimeSpan.Zero };
        return new QueueWorker(queue.Queue, queue.Poison, handle, options, TimeProvider.System, NullLogger.Instance);
    }
}
