using Azure.Storage.Queues.Models;
using Engagement.Core.Domain;
using Engagement.Core.Ingestion;
using Engagement.Core.Ports;
using Engagement.Core.Registration;
using Engagement.Core.Scheduling;
using Engagement.Storage;
using Engagement.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Engagement.LocalHost.Tests;

/// <summary>
/// Each kind of connector fault through the local queue worker on Azurite, with the Functions queue semantics:
/// what happens to the message, its dequeue count, the poison queue, the channel row and the Runs row.
/// </summary>
public sealed class ConnectorFaultQueueTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private readonly FaultingConnector _connector = new();
    private TestPipeline _pipeline = null!;

    public async Task InitializeAsync()
    {
        _pipeline = new TestPipeline(azurite, configure: s => s.AddSingleton<IChannelConnector>(_connector));
        await _pipeline.Get<IngestQueue>().EnsureCreatedAsync();
        var registered = await _pipeline.Get<ClientRegistration>().RegisterAsync("aurora", new ClientRequest("Aurora", "Europe/Rome", null, null, [new ChannelRequest("masto", FaultingConnector.Name, "aurora", null, null)]));
        Assert.True(registered.IsValid);
        await _pipeline.Get<ScheduleService>().RunNowAsync("aurora");
    }

    public async Task DisposeAsync() => await _pipeline.DisposeAsync();

    [Fact]
    public async Task AThrottledJobCompletesItsMessageAndComesBackAsANewOneWithNoTryUsed()
    {
        _connector.Next = ConnectorFaultException.Throttled(_pipeline.Time.GetUtcNow().AddSeconds(2), "the platform asked to wait");
        var queue = _pipeline.Get<IngestQueue>();
        var worker = await Worker();

        await worker.RunOnceAsync();

        Assert.Equal(1, _connector.Calls);
        QueueMessage[] hidden = await queue.Queue.ReceiveMessagesAsync(8);
        Assert.Empty(hidden); // the new message waits until the throttle ends
        Assert.Equal(1, (await queue.Queue.GetPropertiesAsync()).Value.ApproximateMessagesCount);
        var run = Assert.Single(await _pipeline.Get<IRunStore>().ListRecentAsync("aurora", 5));
        Assert.Equal(RunStatuses.Throttled, run.Status);
        Assert.StartsWith("throttled until ", run.Error, StringComparison.Ordinal);

        var resumed = await ReceiveWithinAsync(queue, TimeSpan.FromSeconds(10));

        Assert.Equal(1, resumed.DequeueCount); // a fresh message: none of its five tries was used
        Assert.Equal(IngestReasons.Resume, IngestQueue.Parse(resumed.MessageText).Reason);
        Assert.Null((await queue.Poison.PeekMessageAsync()).Value);
    }

    [Fact]
    public async Task ALocalRunDoesNotWaitForAJobThrottledForLongAndSaysWhenItResumes()
    {
        var until = _pipeline.Time.GetUtcNow().AddMinutes(30);
        _connector.Next = ConnectorFaultException.Throttled(until, "the platform asked to wait");

        var result = await _pipeline.Get<PipelineRunner>().RunAsync([], tick: false).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal((1, 0, 1, until), (result.JobsDone, result.Failed, result.Throttled, result.ResumeAt!.Value));
        Assert.Equal(1, (await _pipeline.Get<IngestQueue>().Queue.GetPropertiesAsync()).Value.ApproximateMessagesCount); // still there, for later
    }

    [Fact]
    public async Task APermanentFaultIsTriedOnceMarksTheChannelAndNeverReachesPoison()
    {
        _connector.Always = ConnectorFaultException.Permanent("the account @aurora@mastodon.example does not exist (deleted, suspended or misspelt)");
        var queue = _pipeline.Get<IngestQueue>();
        var worker = await Worker();

        for (var i = 0; i < 3; i++)
        {
            await worker.RunOnceAsync();
        }

        Assert.Equal(1, _connector.Calls);
        Assert.Equal(0, (await queue.Queue.GetPropertiesAsync()).Value.ApproximateMessagesCount);
        Assert.Null((await queue.Poison.PeekMessageAsync()).Value);
        var channel = await _pipeline.Get<IClientStore>().GetChannelAsync("aurora", "masto");
        Assert.Equal((RunStatuses.Failed, _connector.Always.Message), (channel!.LastRunStatus, channel.LastRunError));
    }

    [Fact]
    public async Task ALocalRunCountsAMessageItGaveUpOnAsAFailedJob()
    {
        await _pipeline.Get<IngestQueue>().Queue.SendMessageAsync("not json");

        var result = await _pipeline.Get<PipelineRunner>().RunAsync([], tick: false).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal((2, 1), (result.JobsDone, result.Failed));
    }

    [Fact]
    public async Task ATransientFaultIsRetriedFiveTimesThenPoisoned()
    {
        _connector.Always = ConnectorFaultException.Transient("mastodon.example answered 503");
        var queue = _pipeline.Get<IngestQueue>();
        var worker = await Worker();

        for (var i = 0; i < 10 && _connector.Calls < 6; i++)
        {
            await worker.RunOnceAsync();
        }

        Assert.Equal(5, _connector.Calls);
        Assert.NotNull((await queue.Poison.PeekMessageAsync()).Value);
        Assert.Equal(RunStatuses.Failed, (await _pipeline.Get<IRunStore>().ListRecentAsync("aurora", 1))[0].Status);
    }

    [Fact]
    public async Task TheErrorOfAFailedRunIsClearedFromTheChannelRowByTheNextSuccess()
    {
        _connector.Next = ConnectorFaultException.Permanent("import file 'x.jsonl' does not exist under the import root");
        var worker = await Worker();
        await worker.RunOnceAsync();
        await _pipeline.Get<ScheduleService>().RunNowAsync("aurora");

        await worker.RunOnceAsync();

        var channel = await _pipeline.Get<IClientStore>().GetChannelAsync("aurora", "masto");
        Assert.Equal(RunStatuses.Succeeded, channel!.LastRunStatus);
        Assert.Null(channel.LastRunError);
        var row = (await azurite.Tables.GetTableClient(_pipeline.Prefix + "Channels").GetEntityAsync<Azure.Data.Tables.TableEntity>("aurora", "masto")).Value;
        Assert.False(row.ContainsKey("LastRunError")); // as a BI tool sees it: no stale error beside "succeeded"
    }

    private async Task<QueueWorker> Worker() =>
        await _pipeline.Get<LocalTriggers>().CreateIngestWorkerAsync(new QueueWorkerOptions { VisibilityTimeout = TimeSpan.Zero });

    private static async Task<QueueMessage> ReceiveWithinAsync(IngestQueue queue, TimeSpan limit)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (waited.Elapsed < limit)
        {
            QueueMessage? message = await queue.Queue.ReceiveMessageAsync();
            if (message is not null)
            {
                return message;
            }

            await Task.Delay(250);
        }

        throw new TimeoutException("the throttled job did not come back");
    }

    /// <summary>A connector that fails as told, then reads an empty page.</summary>
    private sealed class FaultingConnector : IChannelConnector
    {
        public const string Name = "faulting";

        public string Platform => Name;

        public Exception? Next { get; set; }

        public Exception? Always { get; set; }

        public int Calls { get; private set; }

        public string? Validate(ChannelDefinition channel) => null;

        public Task<ConnectorPage> FetchAsync(ConnectorRequest request, CancellationToken cancellationToken = default)
        {
            Calls++;
            if (Always is { } always)
            {
                throw always;
            }

            if (Next is { } next)
            {
                Next = null;
                throw next;
            }

            return Task.FromResult(new ConnectorPage([], [], "0", HasMore: false));
        }
    }
}
