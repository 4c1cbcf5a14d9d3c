using System.Text.Json;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Storage.Queues.Models;
using Engagement.Core.Domain;
using Engagement.Core.Ingestion;
using Engagement.Core.Ports;
using Engagement.Core.Scheduling;
using Engagement.Storage;
using Engagement.Testing;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.DependencyInjection;

namespace Engagement.LocalHost.Tests;

/// <summary>
/// Work a job leaves owed, settled by the schedule tick, on Azurite with the real pipeline: an event that failed to
/// publish (the outbox), and a run that stopped mid-file (a lost continuation, a page given up during a table outage).
/// Storage faults are real: requests sent to a port where nothing listens, or signed with a wrong key.
/// </summary>
public sealed class OwedWorkTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    // Pages of four, each its own queue message: these tests lose or give up the message of a page.
    private static readonly Dictionary<string, string?> PagesOfFour = new() { ["Engagement:IngestPageSize"] = "4", ["Engagement:IngestReadOnSeconds"] = "0" };

    // Ten lines over four days with replies across pages: pages of four are 4 + 4 + 2.
    private static readonly string[] Lines =
    [
        ApiContract.Line("1", "2026-11-01T09:00:00Z", "post", true, null, "Nuova collezione in negozio da sabato"),
        ApiContract.Line("2", "2026-11-01T10:00:00Z", "comment", false, "1", "Avete la taglia M?"),
        ApiContract.Line("3", "2026-11-01T10:30:00Z", "reply", true, "2", "Sì, ti aspettiamo in negozio!"),
        ApiContract.Line("4", "2026-11-02T08:00:00Z", "comment", false, "1", "Che belli i colori"),
        ApiContract.Line("5", "2026-11-02T09:00:00Z", "dm", false, null, "Buongiorno, spedite in Svizzera?"),
        ApiContract.Line("6", "2026-11-02T12:00:00Z", "reply", true, "5", "Certo, in tre giorni lavorativi"),
        ApiContract.Line("7", "2026-11-03T09:00:00Z", "post", true, null, "Orari del ponte: sabato 9-19"),
        ApiContract.Line("8", "2026-11-03T10:00:00Z", "comment", false, "7", "E domenica?"),
        ApiContract.Line("9", "2026-11-04T09:00:00Z", "reply", true, "8", "Domenica chiuso, a presto!"),
        ApiContract.Line("10", "2026-11-04T11:00:00Z", "comment", false, "7", "Grazie mille"),
    ];

    [Fact]
    public async Task AnEventThatFailsToPublishStaysInTheOutboxAndTheNextTickRelaysItSoEachStoredPageIsToldOnce()
    {
        var events = new FlakyEvents { FailPage = 2 };
        await using var pipeline = new TestPipeline(azurite, settings: PagesOfFour, configure: s => s.AddSingleton<IEngagementEvents>(events));
        await RegisterAsync(pipeline);

        var result = await pipeline.Get<PipelineRunner>().RunAsync(["acme"], tick: false);

        // The job is not failed by its event: the page is stored and its cursor moved.
        Assert.Equal(0, result.Failed);
        Assert.Equal(Lines.Length, result.Stored);
        Assert.Equal([1, 3], events.Pages);
        Assert.Equal(2, Assert.Single(await pipeline.Get<IEventOutbox>().ListAsync()).Page);

        var settled = await pipeline.Get<OwedWork>().SettleAsync();
        var again = await pipeline.Get<OwedWork>().SettleAsync();

        Assert.Equal(1, settled.EventsRelayed);
        Assert.Equal(0, again.EventsRelayed);
        Assert.Equal([1, 2, 3], events.Pages);
        Assert.Equal(Lines.Length, events.Published.Sum(e => e.Stored));
        Assert.Empty(await pipeline.Get<IEventOutbox>().ListAsync());
    }

    [Fact]
    public async Task AChannelWhoseContinuationIsLostShowsStalledAndTheTickAfterTheGraceResumesItToACleanRunsTotals()
    {
        var events = new FlakyEvents();
        await using var pipeline = new TestPipeline(azurite, settings: PagesOfFour, configure: s => s.AddSingleton<IEngagementEvents>(events));
        await RegisterAsync(pipeline);
        await pipeline.Get<ScheduleService>().RunNowAsync("acme");
        var queue = pipeline.Get<IngestQueue>();
        var worker = await pipeline.Get<LocalTriggers>().CreateIngestWorkerAsync();
        var owed = pipeline.Get<OwedWork>();

        Assert.Equal(1, await worker.RunOnceAsync()); // page 1, which queues page 2 ...
        await queue.Queue.ClearMessagesAsync(); // ... and page 2's message is lost
        var owing = await ChannelAsync(pipeline);
        Assert.Equal(2, owing.Continuation!.Page);
        Assert.Equal(0, await owed.ResumeStalledAsync()); // within the grace period: the page may still be on its way

        pipeline.Time.Advance(TimeSpan.FromMinutes(11));
        var resumed = await owed.ResumeStalledAsync();
        var stalled = await ChannelAsync(pipeline);

        Assert.Equal(1, resumed);
        Assert.Equal(0, await owed.ResumeStalledAsync()); // queued once, not at every tick
        Assert.Equal(RunStatuses.Failed, stalled.LastRunStatus);
        Assert.StartsWith("stalled: page 2 of run ", stalled.LastRunError, StringComparison.Ordinal);
        Assert.Contains(await pipeline.Get<IRunStore>().ListRecentAsync("acme", 10), r => r.Status == RunStatuses.Failed && r.Page == 2 && r.Error!.StartsWith("stalled", StringComparison.Ordinal));

        await worker.DrainAsync();

        await AssertLikeACleanRunAsync(pipeline, events);
    }

    [Fact]
    public async Task APageGivenUpDuringATableOutageMarksItsChannelFailedAndIsResumedOnceStorageIsBack()
    {
        var events = new FlakyEvents();
        var outage = new BatchFault();
        await using var pipeline = new TestPipeline(azurite, settings: PagesOfFour, configure: s =>
        {
            s.AddSingleton<IEngagementEvents>(events);
            s.AddAzureClients(b => b.ConfigureDefaults(o => o.AddPolicy(outage, HttpPipelinePosition.BeforeTransport)));
        });
        await RegisterAsync(pipeline);
        await pipeline.Get<ScheduleService>().RunNowAsync("acme");
        var queue = pipeline.Get<IngestQueue>();
        var worker = await pipeline.Get<LocalTriggers>().CreateIngestWorkerAsync(new QueueWorkerOptions { MaxDequeueCount = 1 });

        await worker.RunOnceAsync(); // page 1
        outage.Mode = BatchFault.Unreachable;
        await worker.RunOnceAsync(); // page 2 cannot write its rows: its only try fails and it is poisoned
        outage.Mode = BatchFault.None;

        var givenUp = await ChannelAsync(pipeline);
        Assert.True(outage.Hits > 0);
        Assert.Equal(RunStatuses.Failed, givenUp.LastRunStatus);
        Assert.StartsWith("page 2 was given up by the queue: failed 1 times", givenUp.LastRunError, StringComparison.Ordinal);
        Assert.Contains("queues page 2 again", givenUp.LastRunError, StringComparison.Ordinal);
        Assert.NotNull((await queue.Poison.PeekMessageAsync()).Value);
        Assert.Equal([1], events.Pages); // nothing told of the page that was not stored

        pipeline.Time.Advance(TimeSpan.FromMinutes(11));
        Assert.Equal(1, await pipeline.Get<OwedWork>().ResumeStalledAsync());
        await worker.DrainAsync();

        await AssertLikeACleanRunAsync(pipeline, events);
    }

    [Fact]
    public async Task StorageRefusingAccessFailsTheJobOnceWithWhatToCheck()
    {
        var refusal = new BatchFault { Mode = BatchFault.Refused };
        await using var pipeline = new TestPipeline(azurite, settings: PagesOfFour, configure: s =>
            s.AddAzureClients(b => b.ConfigureDefaults(o => o.AddPolicy(refusal, HttpPipelinePosition.BeforeTransport))));
        await RegisterAsync(pipeline);
        await pipeline.Get<ScheduleService>().RunNowAsync("acme");
        var queue = pipeline.Get<IngestQueue>();
        var worker = await pipeline.Get<LocalTriggers>().CreateIngestWorkerAsync();

        await worker.RunOnceAsync();

        Assert.Equal(1, refusal.Hits); // neither the SDK nor the queue tried again
        var run = Assert.Single(await pipeline.Get<IRunStore>().ListRecentAsync("acme", 10));
        Assert.Equal(RunStatuses.Failed, run.Status);
        Assert.StartsWith("storage refused access to ", run.Error, StringComparison.Ordinal);
        Assert.Contains("(403 ", run.Error, StringComparison.Ordinal);
        Assert.Contains("check the storage connection string or account key", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
        var channel = await ChannelAsync(pipeline);
        Assert.Equal(run.Error, channel.LastRunError);
        Assert.Null(channel.Continuation);
        Assert.Equal(0, (await queue.Queue.GetPropertiesAsync()).Value.ApproximateMessagesCount);
        Assert.Null((await queue.Poison.PeekMessageAsync()).Value);
    }

    /// <summary>Every row once, every page told once, the channel settled, and daily totals equal to a run that met no fault.</summary>
    private async Task AssertLikeACleanRunAsync(TestPipeline pipeline, FlakyEvents events)
    {
        var channel = await ChannelAsync(pipeline);
        Assert.Equal(RunStatuses.Succeeded, channel.LastRunStatus);
        Assert.Null(channel.LastRunError);
        Assert.Null(channel.Continuation);
        Assert.Equal(Lines.Length, await pipeline.Get<IInteractionStore>().CountAsync("acme"));
        Assert.Equal([1, 2, 3], events.Pages);
        Assert.Equal(Lines.Length, events.Published.Sum(e => e.Stored));

        // The same clock, so figures that depend on the time they are computed at compare like for like.
        await using var clean = new TestPipeline(azurite, now: pipeline.Time.GetUtcNow(), settings: PagesOfFour);
        await RegisterAsync(clean);
        await clean.Get<PipelineRunner>().RunAsync(["acme"], tick: false);
        Assert.Equal(await TotalsAsync(clean), await TotalsAsync(pipeline));
    }

    private static async Task<string> TotalsAsync(TestPipeline pipeline)
    {
        var days = await pipeline.Get<IDailyEngagementStore>().QueryAsync("acme", new DateOnly(2026, 10, 1), new DateOnly(2026, 11, 30));
        return JsonSerializer.Serialize(days);
    }

    private static async Task<ChannelDefinition> ChannelAsync(TestPipeline pipeline) =>
        (await pipeline.Get<IClientStore>().GetChannelAsync("acme", "instagram"))!;

    private static async Task RegisterAsync(TestPipeline pipeline)
    {
        pipeline.WriteImport("acme/instagram.jsonl", Lines);
        await pipeline.Get<PipelineRunner>().RegisterAsync([
            new CatalogClient("acme", "Acme", "Europe/Rome", null, null, [new("instagram", "import", "acme/instagram.jsonl", null, null)]),
        ]);
    }

    /// <summary>Records what is published; the first publish of <see cref="FailPage"/> fails as an unreachable topic does.</summary>
    private sealed class FlakyEvents : IEngagementEvents
    {
        private readonly Lock _gate = new();
        private bool _failed;

        public int FailPage { get; init; }

        public List<ChannelIngested> Published { get; } = [];

        public int[] Pages
        {
            get
            {
                lock (_gate)
                {
                    return [.. Published.Select(e => e.Page).Order()];
                }
            }
        }

        public Task PublishAsync(ChannelIngested ingested, CancellationToken cancellationToken = default)
        {
            lock (_gate)
            {
                if (ingested.Page == FailPage && !_failed)
                {
                    _failed = true;
                    throw new TimeoutException("the events topic did not answer");
                }

                Published.Add(ingested);
            }

            return Task.CompletedTask;
        }

        public Task PublishAsync(ReplyNeeded alert, CancellationToken cancellationToken = default) => Task.CompletedTask;
    }

    /// <summary>
    /// A storage fault on the table batches (the interaction writes): sent to a port where nothing listens (an outage
    /// the SDK retries), or signed with a wrong key, which Azurite refuses with a real 403.
    /// </summary>
    private sealed class BatchFault : HttpPipelinePolicy
    {
        public const int None = 0;
        public const int Unreachable = 1;
        public const int Refused = 2;

        private int _hits;

        public int Mode { get; set; }

        public int Hits => Volatile.Read(ref _hits);

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            Apply(message);
            await ProcessNextAsync(message, pipeline);
        }

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            Apply(message);
            ProcessNext(message, pipeline);
        }

        private void Apply(HttpMessage message)
        {
            if (Mode == None || !message.Request.Uri.Path.EndsWith("$batch", StringComparison.Ordinal))
            {
                return;
            }

            Interlocked.Increment(ref _hits);
            if (Mode == Refused)
            {
                message.Request.Headers.SetValue("Authorization", "SharedKey devstoreaccount1:" + Convert.ToBase64String(new byte[32]));
            }
            else
            {
                message.Request.Uri.Port = 9;
            }
        }
    }
}
