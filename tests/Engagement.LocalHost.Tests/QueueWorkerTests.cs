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
        var poisoned = PoisonLetter.TryParse((await queue.Poison.ReceiveMessageAsync()).Value.MessageText)!;
        Assert.Equal("r1", IngestQueue.Parse(poisoned.Message).RunId);
        Assert.Equal(("failed 5 times, last: boom", 5), (poisoned.Reason, poisoned.DequeueCount));
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

    [Fact]
    public async Task AMessageThatIsNotBase64GoesToPoisonAtOnceWithItsReasonAndTheGoodOnesBesideItAreHandled()
    {
        var queue = _pipeline.Get<IngestQueue>();
        var raw = new QueueClient(azurite.ConnectionString, queue.Queue.Name);
        await queue.EnqueueAsync(new IngestJob { ClientId = "acme", ChannelId = "instagram", RunId = "r1" });
        await raw.SendMessageAsync("not base64 {!}");
        await queue.EnqueueAsync(new IngestJob { ClientId = "acme", ChannelId = "facebook", RunId = "r1" });
        var handled = new List<string>();
        var worker = Worker((m, _) => { lock (handled) { handled.Add(IngestQueue.Parse(m).ChannelId); } return Task.CompletedTask; });

        await worker.DrainAsync().WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(["facebook", "instagram"], handled.Order(StringComparer.Ordinal));
        var letter = PoisonLetter.TryParse((await queue.Poison.ReceiveMessageAsync()).Value.MessageText)!;
        Assert.Equal(("the message is not base64, so it is no ingest job", "not base64 {!}", 1L), (letter.Reason, letter.Message, letter.DequeueCount));
        Assert.Equal(0, (await queue.Queue.GetPropertiesAsync()).Value.ApproximateMessagesCount);
    }

    [Theory]
    [InlineData("not json", "the message is not a JSON ingest job")]
    [InlineData("""{"clientId":"../x","channelId":"instagram","runId":"r"}""", "the ingest job message has an invalid client id, channel id, run id or page")]
    [InlineData(null, "the message has 5000 characters; an ingest job has at most 4096")]
    public async Task AMessageThatIsNoJobIsTriedOnceAndPoisonedWithItsReason(string? body, string reason)
    {
        var queue = _pipeline.Get<IngestQueue>();
        body ??= new string('x', 5_000);
        await queue.Queue.SendMessageAsync(body);
        var tries = 0;
        var letters = new List<PoisonLetter>();
        var worker = new QueueWorker(queue.Queue, queue.Poison, (m, _) => { tries++; IngestQueue.Parse(m); return Task.CompletedTask; }, new QueueWorkerOptions { VisibilityTimeout = TimeSpan.Zero }, TimeProvider.System, NullLogger.Instance, letters.Add);

        await worker.DrainAsync().WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(1, tries);
        var letter = PoisonLetter.TryParse((await queue.Poison.ReceiveMessageAsync()).Value.MessageText)!;
        Assert.Equal((reason, body, 1L), (letter.Reason, letter.Message, letter.DequeueCount));
        Assert.Equal(reason, Assert.Single(letters).Reason);
    }

    [Fact]
    public async Task MessagesLeasedByAProcessThatDiedAreTakenBackWithinOneLeaseNotTenMinutes()
    {
        var queue = _pipeline.Get<IngestQueue>();
        await queue.EnqueueAsync(new IngestJob { ClientId = "acme", ChannelId = "instagram", RunId = "r1" });
        var lease = TimeSpan.FromSeconds(2);
        _ = (await queue.Queue.ReceiveMessagesAsync(8, lease)).Value; // the dead process took it and never came back
        var handled = 0;
        var worker = new QueueWorker(queue.Queue, queue.Poison, (_, _) => { handled++; return Task.CompletedTask; }, new QueueWorkerOptions { LeaseTime = lease }, TimeProvider.System, NullLogger.Instance);

        var started = TimeProvider.System.GetTimestamp();
        await worker.DrainAsync().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(1, handled);
        Assert.InRange(TimeProvider.System.GetElapsedTime(started), TimeSpan.Zero, TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task AJobLongerThanItsLeaseKeepsItsMessageAndIsHandledOnce()
    {
        var queue = _pipeline.Get<IngestQueue>();
        await queue.EnqueueAsync(new IngestJob { ClientId = "acme", ChannelId = "instagram", RunId = "r1" });
        var lease = TimeSpan.FromSeconds(1.5);
        var seenByOthers = 0;
        var worker = new QueueWorker(
            queue.Queue,
            queue.Poison,
            async (_, ct) =>
            {
                for (var i = 0; i < 8; i++)
                {
                    await Task.Delay(500, ct);
                    seenByOthers += (await queue.Queue.ReceiveMessagesAsync(8, TimeSpan.FromSeconds(30), ct)).Value.Length;
                }
            },
            new QueueWorkerOptions { LeaseTime = lease },
            TimeProvider.System,
            NullLogger.Instance);

        Assert.Equal(1, await worker.RunOnceAsync());

        Assert.Equal(0, seenByOthers); // 4 s of work, 1.5 s leases: renewed, never visible to another worker
        Assert.Equal(0, (await queue.Queue.GetPropertiesAsync()).Value.ApproximateMessagesCount); // and deleted with the renewed receipt
    }

    private QueueWorker Worker(Func<string, CancellationToken, Task> handle)
    {
        var queue = _pipeline.Get<IngestQueue>();
        var options = new QueueWorkerOptions { VisibilityTimeout = TimeSpan.Zero };
        return new QueueWorker(queue.Queue, queue.Poison, handle, options, TimeProvider.System, NullLogger.Instance);
    }
}
