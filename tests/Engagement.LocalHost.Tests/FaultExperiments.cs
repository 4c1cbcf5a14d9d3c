using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Engagement.Core.Domain;
using Engagement.Core.Ingestion;
using Engagement.Core.Registration;
using Engagement.Core.Scheduling;
using Engagement.Storage;
using Engagement.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit.Abstractions;

namespace Engagement.LocalHost.Tests;

/// <summary>
/// One generated data set ingested cleanly once, then again on fresh storage under each fault: the tables must come out
/// identical (every interaction once with its label, every day's figures equal, every cursor at the end). Each
/// experiment writes its figures (jobs replayed, faults injected, bad inputs tried, rows lost, rows duplicated) to the
/// test output; docs/reliability.md lists them.
/// </summary>
public sealed class FaultExperiments(AzuriteFixture azurite, ITestOutputHelper output) : IClassFixture<AzuriteFixture>
{
    private const int PageSize = 20;

    private static readonly SemaphoreSlim CleanGate = new(1, 1);
    private static (Snapshot Snapshot, int Jobs)? _clean;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AzuriteKilledMidIngestAndRestartedOnItsFolderEndsWithTheCleanTables(bool readOn)
    {
        var clean = await CleanAsync();
        var folder = Directory.CreateTempSubdirectory("engagement-azurite-").FullName;
        var storage = await Azurite.StartAsync(folder);
        try
        {
            await using var pipeline = Pipeline(new Dictionary<string, string?>
            {
                ["AzureWebJobsStorage"] = storage.ConnectionString,
                ["Engagement:IngestReadOnSeconds"] = readOn ? "30" : "0",
            });
            await RegisterAsync(pipeline);
            await pipeline.Get<IngestQueue>().EnsureCreatedAsync();

            // The emulator saves its state every 5 s, and a kill loses what came since: tables and queues that Azure
            // would never lose. Once they are on disk, what the kill loses is rows and messages, which is the test.
            await Task.Delay(TimeSpan.FromSeconds(6));
            var counters = new Counters();
            var killed = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
            var running = storage;

            // Killed while the seventh page is under way, the first pages stored and (page by page) their messages
            // deleted: the job in flight fails against the dead emulator and its message is tried again once it is back.
            // A job that reads on has its run's earlier pages stored under the message it still holds.
            void KillAt(int count)
            {
                if (Interlocked.Increment(ref counters.Started) == count)
                {
                    _ = Task.Run(async () =>
                    {
                        await Task.Delay(200);
                        await running.KillAsync();
                        killed.TrySetResult(Volatile.Read(ref counters.Done));
                    });
                }
            }

            var worker = readOn
                ? Worker(pipeline.Services, counters, pageDone: _ => KillAt(6)) // the sixth page done: the seventh under way
                : Worker(pipeline.Services, counters, beforeJob: _ => KillAt(7));
            await RunNowAsync(pipeline.Services);

            var draining = DrainAsync(pipeline.Services, worker);
            var killedAfter = await killed.Task.WaitAsync(TimeSpan.FromMinutes(1));

            // Down longer than the SDK's retries last (about 3 s), so jobs in flight fail and the queue retries them.
            await Task.Delay(TimeSpan.FromSeconds(8));
            storage = await Azurite.StartAsync(folder, storage.BlobPort, storage.QueuePort, storage.TablePort);
            var failedPolls = await draining;

            // Whatever the emulator lost (it saves every few seconds), the product's own resume finishes it: a run of
            // each client reads every channel on from its cursor, as the next tick or `engage ingest` would.
            var resumes = 0;
            while (!Same(clean.Snapshot.Cursors, (await Snapshot.ReadAsync(pipeline.Services)).Cursors) && resumes < 3)
            {
                resumes++;
                await RunNowAsync(pipeline.Services);
                await DrainAsync(pipeline.Services, worker);
            }

            var figures = await CompareAsync(readOn ? "Azurite killed mid-ingest, jobs reading on" : "Azurite killed mid-ingest", pipeline.Services, clean, counters, faults: 1, badInputs: 0);
            output.WriteLine($"killed after {killedAfter} jobs; failed tries {counters.Failed}; failed polls {failedPolls}; resume runs {resumes}");
            Assert.True(counters.Failed + failedPolls > 0, "the kill failed no request: it came too late to test anything");
            AssertSame(clean.Snapshot, figures);
        }
        finally
        {
            await storage.DisposeAsync();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task JobsReplayedAfterTheyCompletedAndTwiceAtOnceEndWithTheCleanTables()
    {
        var clean = await CleanAsync();
        await using var pipeline = Pipeline();
        await RegisterAsync(pipeline);
        var counters = new Counters();
        var queue = pipeline.Get<IngestQueue>();
        var replayed = new ConcurrentDictionary<(string, string, int), bool>();
        var sent = 0;

        // The first time each channel's page 2 completes, its message is queued again once; page 4's twice at once.
        var worker = Worker(pipeline.Services, counters, afterJob: async (job, message) =>
        {
            var copies = job.Page switch { 2 => 1, 4 => 2, _ => 0 };
            if (copies > 0 && replayed.TryAdd((job.ClientId, job.ChannelId, job.Page), true))
            {
                Interlocked.Add(ref sent, copies);
                await Task.WhenAll(Enumerable.Range(0, copies).Select(_ => queue.Queue.SendMessageAsync(message)));
            }
        });
        await RunNowAsync(pipeline.Services);
        await DrainAsync(pipeline.Services, worker);

        var figures = await CompareAsync("job replayed once and twice at once", pipeline.Services, clean, counters, faults: sent, badInputs: 0);
        Assert.Equal(3 * Channels.Length, sent);
        NoTryFailed(counters);
        AssertSame(clean.Snapshot, figures);
    }

    [Fact]
    public async Task TheSameClientsRunTwiceAtOnceEndWithTheCleanTables()
    {
        var clean = await CleanAsync();
        await using var pipeline = Pipeline();
        await using var second = SecondHost(pipeline);
        await RegisterAsync(pipeline);
        var counters = new Counters();

        // Two `engage ingest` runs at once: each queues every channel of every client and drains with its own worker.
        await Task.WhenAll(
            Task.Run(async () => { await RunNowAsync(pipeline.Services); await DrainAsync(pipeline.Services, Worker(pipeline.Services, counters)); }),
            Task.Run(async () => { await RunNowAsync(second); await DrainAsync(second, Worker(second, counters)); }));

        var figures = await CompareAsync("same clients run twice at once", pipeline.Services, clean, counters, faults: 1, badInputs: 0);
        NoTryFailed(counters);
        AssertSame(clean.Snapshot, figures);
    }

    [Fact]
    public async Task TwoHostsDrainingOneQueueEndWithTheCleanTables()
    {
        var clean = await CleanAsync();
        await using var pipeline = Pipeline();
        await using var second = SecondHost(pipeline);
        await RegisterAsync(pipeline);
        var first = new Counters();
        var other = new Counters();
        var small = Fast with { BatchSize = 2 };

        await RunNowAsync(pipeline.Services);
        await Task.WhenAll(
            DrainAsync(pipeline.Services, Worker(pipeline.Services, first, small)),
            DrainAsync(second, Worker(second, other, small)));

        var both = new Counters { Done = first.Done + other.Done, Failed = first.Failed + other.Failed };
        var figures = await CompareAsync("two hosts on one storage", pipeline.Services, clean, both, faults: 0, badInputs: 0);
        output.WriteLine($"jobs handled by host 1: {first.Done}, by host 2: {other.Done}");
        Assert.True(first.Done > 0 && other.Done > 0, "one host did all the work: the experiment proved nothing");
        NoTryFailed(both);
        AssertSame(clean.Snapshot, figures);
    }

    [Fact]
    public async Task MalformedAndOversizedMessagesArePoisonedWithTheirReasonAndEveryGoodJobIsHandled()
    {
        var clean = await CleanAsync();
        await using var pipeline = Pipeline();
        await RegisterAsync(pipeline);
        var counters = new Counters();
        var queue = pipeline.Get<IngestQueue>();
        await queue.EnsureCreatedAsync();
        var raw = new QueueClient(azurite.ConnectionString, queue.Queue.Name); // sends the bytes as given: no base64
        var bad = new (string Body, bool Encode, string Reason)[]
        {
            ("not base64 {!}", false, "the message is not base64, so it is no ingest job"),
            ("not json", true, "the message is not a JSON ingest job"),
            ("""{"clientId":"../x","channelId":"instagram","runId":"r"}""", true, "the ingest job message has an invalid client id, channel id, run id or page"),
            ("""{"clientId":"acme","channelId":"instagram","runId":"r","page":0}""", true, "the ingest job message has an invalid client id, channel id, run id or page"),
            (new string('x', 5_000), true, "the message has 5000 characters; an ingest job has at most 4096"),
            (new string('{', 40_000), true, "the message has 40000 characters; an ingest job has at most 4096"),
        };

        // The bad ones before, between and after the good ones.
        await SendBadAsync(bad[..2]);
        await RunNowAsync(pipeline.Services);
        await SendBadAsync(bad[2..4]);
        await RunNowAsync(pipeline.Services, clients: ["bruno"]);
        await SendBadAsync(bad[4..]);
        await DrainAsync(pipeline.Services, Worker(pipeline.Services, counters));

        var letters = new List<PoisonLetter>();
        foreach (var message in (await queue.Poison.ReceiveMessagesAsync(32)).Value)
        {
            letters.Add(PoisonLetter.TryParse(message.MessageText)!);
        }

        var figures = await CompareAsync("malformed and oversized messages", pipeline.Services, clean, counters, faults: bad.Length, badInputs: bad.Length);
        output.WriteLine($"poisoned: {letters.Count} ({string.Join("; ", letters.Select(l => l.Reason).Distinct())})");
        Assert.Equal(bad.Select(b => (b.Body, b.Reason)).OrderBy(b => b.Body, StringComparer.Ordinal), letters.Select(l => (l.Message, l.Reason)).OrderBy(b => b.Message, StringComparer.Ordinal));
        Assert.Equal(letters.Count, counters.Poisoned.Count + 1); // the one not base64 is poisoned by the SDK hook, before any handler
        AssertSame(clean.Snapshot, figures);

        async Task SendBadAsync(IEnumerable<(string Body, bool Encode, string Reason)> messages)
        {
            foreach (var (body, encode, _) in messages)
            {
                await raw.SendMessageAsync(encode ? Convert.ToBase64String(Encoding.UTF8.GetBytes(body)) : body);
            }
        }
    }

    [Fact]
    public async Task ThrottlingAnsweredByStorageIsAbsorbedByTheRetries()
    {
        var clean = await CleanAsync();
        var throttle = new ThrottlingPolicy(every: 9);
        await using var pipeline = Pipeline(configure: services => services.AddSingleton(new StoragePipelinePolicy(throttle)));
        await RegisterAsync(pipeline);
        var counters = new Counters();

        await RunNowAsync(pipeline.Services);
        await DrainAsync(pipeline.Services, Worker(pipeline.Services, counters));

        var figures = await CompareAsync("storage answering 503 to every 9th request", pipeline.Services, clean, counters, faults: throttle.Injected, badInputs: 0);
        output.WriteLine($"requests {throttle.Requests}, answered 503 without sending {throttle.Injected}, failed tries {counters.Failed}");
        Assert.True(throttle.Injected >= 50, $"only {throttle.Injected} faults injected");
        AssertSame(clean.Snapshot, figures);
    }

    // --- the data set ---------------------------------------------------------------------------------------------

    private static readonly (string Client, string Channel, string Zone, int Seed)[] Channels =
    [
        ("acme", "instagram", "Europe/Rome", 1),
        ("acme", "facebook", "Europe/Rome", 2),
        ("bruno", "instagram", "America/New_York", 3),
    ];

    private static readonly string[] BrandPosts =
    [
        "Nuova collezione autunno: -20% fino a domenica, link in bio!",
        "Raccontateci: qual è il vostro angolo preferito di casa?",
        "Orari del ponte: sabato 9-19, domenica chiuso.",
        "Dietro le quinte del nostro laboratorio, mani al lavoro.",
    ];

    private static readonly string[] CustomerTexts =
    [
        "Quanto costa la consegna a Monza?",
        "Bellissimo!!",
        "Avete il modello in verde?",
        "Il mio ordine non è ancora arrivato, potete aiutarmi?",
        "Vicino alla finestra, sempre.",
        "Che meraviglia 😍",
    ];

    private static readonly string[] BrandReplies =
    [
        "Ciao! La consegna è gratuita, ti aspettiamo in showroom.",
        "Grazie mille, ci fa piacere!",
        "Sì, arriva la prossima settimana: ti scriviamo in privato.",
        "Ci dispiace, controlliamo subito e ti aggiorniamo.",
    ];

    /// <summary>
    /// A channel's export, generated from a seed: brand posts over two weeks, customer comments on them, brand replies
    /// (some the same hour, some the next day, some never), and DMs, so replies cross pages and days.
    /// </summary>
    private static List<string> Export(string client, string channel, int seed)
    {
        var random = new Random(seed);
        var start = new DateTimeOffset(2026, 11, 2, 7, 0, 0, TimeSpan.Zero);
        var items = new List<(DateTimeOffset At, string Line)>();
        var n = 0;
        string Id() => $"{channel[..2]}{seed}-{++n}";
        string Line(string id, DateTimeOffset at, string kind, bool brand, string? parent, string text, string author) =>
            JsonSerializer.Serialize(new Dictionary<string, object?>
            {
                ["id"] = id,
                ["text"] = text,
                ["channel"] = channel,
                ["kind"] = kind,
                ["author"] = author,
                ["author_is_brand"] = brand,
                ["created_at"] = at.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
                ["parent_id"] = parent,
                ["likes"] = brand && kind == "post" ? random.Next(0, 80) : null,
            });

        for (var post = 0; post < 20; post++)
        {
            var at = start.AddHours(post * 16 + random.Next(0, 6));
            var postId = Id();
            items.Add((at, Line(postId, at, "post", true, null, BrandPosts[random.Next(BrandPosts.Length)], "@" + client)));
            for (var c = random.Next(3, 8); c > 0; c--)
            {
                var commentAt = at.AddMinutes(random.Next(5, 60 * 30));
                var commentId = Id();
                items.Add((commentAt, Line(commentId, commentAt, "comment", false, postId, CustomerTexts[random.Next(CustomerTexts.Length)], $"@cust{random.Next(40)}")));
                if (random.Next(3) > 0)
                {
                    var replyAt = commentAt.AddMinutes(random.Next(3, 60 * 26));
                    items.Add((replyAt, Line(Id(), replyAt, "reply", true, commentId, BrandReplies[random.Next(BrandReplies.Length)], "@" + client)));
                }
            }

            if (random.Next(2) == 0)
            {
                var dmAt = at.AddMinutes(random.Next(30, 600));
                var dmId = Id();
                items.Add((dmAt, Line(dmId, dmAt, "dm", false, null, CustomerTexts[random.Next(CustomerTexts.Length)], $"@cust{random.Next(40)}")));
                if (random.Next(2) == 0)
                {
                    var answerAt = dmAt.AddMinutes(random.Next(10, 900));
                    items.Add((answerAt, Line(Id(), answerAt, "dm", true, dmId, BrandReplies[random.Next(BrandReplies.Length)], "@" + client)));
                }
            }
        }

        return [.. items.OrderBy(i => i.At).ThenBy(i => i.Line, StringComparer.Ordinal).Select(i => i.Line)];
    }

    private static async Task RegisterAsync(TestPipeline pipeline)
    {
        foreach (var (client, channel, _, seed) in Channels)
        {
            pipeline.WriteImport($"{client}/{channel}.jsonl", Export(client, channel, seed));
        }

        await pipeline.Get<PipelineRunner>().RegisterAsync(Channels
            .GroupBy(c => (c.Client, c.Zone))
            .Select(g => new CatalogClient(g.Key.Client, g.Key.Client, g.Key.Zone, null, null, [.. g.Select(c => new ChannelRequest(c.Channel, "import", $"{c.Client}/{c.Channel}.jsonl", null, null))])));
    }

    // --- running ----------------------------------------------------------------------------------------------------

    /// <summary>Fast retries so a failed job comes back in a second, not thirty; leases renewed on the real clock.</summary>
    private static readonly QueueWorkerOptions Fast = new() { VisibilityTimeout = TimeSpan.FromSeconds(1), LeaseTime = TimeSpan.FromSeconds(9) };

    private TestPipeline Pipeline(IDictionary<string, string?>? settings = null, Action<IServiceCollection>? configure = null)
    {
        // The experiments hook and count jobs of one page each (a fault on the seventh job, a job replayed after it
        // completed): jobs read on only where an experiment says so.
        var values = new Dictionary<string, string?> { ["Engagement:IngestPageSize"] = PageSize.ToString(CultureInfo.InvariantCulture), ["Engagement:IngestReadOnSeconds"] = "0" };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        return new TestPipeline(azurite, settings: values, configure: configure);
    }

    /// <summary>A second host on the same storage, queue, import folder and pseudonym key: a second process of the app.</summary>
    private static ServiceProvider SecondHost(TestPipeline pipeline)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(pipeline.Time);
        services.AddSingleton(pipeline.Configuration);
        services.AddEngagementLocalHost(pipeline.Configuration);
        return services.BuildServiceProvider();
    }

    private static async Task RunNowAsync(IServiceProvider host, string[]? clients = null)
    {
        foreach (var client in clients ?? [.. Channels.Select(c => c.Client).Distinct()])
        {
            Assert.NotNull(await host.GetRequiredService<ScheduleService>().RunNowAsync(client));
        }
    }

    private sealed class Counters
    {
        public int Done;
        public int Failed;
        public int Started;
        public ConcurrentBag<PoisonLetter> Poisoned { get; } = [];

        public ConcurrentBag<string> Failures { get; } = [];
    }

    /// <summary>The queue trigger's handler (as <c>LocalTriggers</c> wires it) in a worker with the Functions semantics.</summary>
    private static QueueWorker Worker(IServiceProvider host, Counters counters, QueueWorkerOptions? options = null, Func<IngestJob, string, Task>? afterJob = null, Action<IngestJob>? beforeJob = null, Action<IngestJob>? pageDone = null)
    {
        var queue = host.GetRequiredService<IngestQueue>();
        var ingestion = host.GetRequiredService<IngestionService>();
        return new QueueWorker(
            queue.Queue,
            queue.Poison,
            async (message, ct) =>
            {
                var job = IngestQueue.Parse(message);
                beforeJob?.Invoke(job);
                try
                {
                    await ingestion.HandleAsync(job, (page, _) => pageDone?.Invoke(page), ct);
                }
                catch (Exception e)
                {
                    Interlocked.Increment(ref counters.Failed);
                    counters.Failures.Add(e.GetType().Name + ": " + e.Message.Split('\n')[0]);
                    throw;
                }

                Interlocked.Increment(ref counters.Done);
                if (afterJob is not null)
                {
                    await afterJob(job, message);
                }
            },
            options ?? Fast,
            TimeProvider.System,
            NullLogger.Instance,
            counters.Poisoned.Add);
    }

    /// <summary>
    /// Each worker polls until the queue holds no message, visible or not; storage faults are polled through. Returns
    /// how many polls failed.
    /// </summary>
    private static async Task<int> DrainAsync(IServiceProvider host, params QueueWorker[] workers)
    {
        var queue = host.GetRequiredService<IngestQueue>();
        var failedPolls = 0;
        var lastFault = "";
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var draining = Task.WhenAll(workers.Select(worker => Task.Run(async () =>
        {
            while (true)
            {
                try
                {
                    if (await worker.RunOnceAsync(limit.Token) > 0)
                    {
                        continue;
                    }

                    if ((await queue.Queue.GetPropertiesAsync(limit.Token)).Value.ApproximateMessagesCount == 0)
                    {
                        return;
                    }
                }
                catch (Exception e) when (!limit.IsCancellationRequested)
                {
                    // Storage down or refusing: poll again, as `engage serve` does.
                    lastFault = e.GetType().Name + ": " + e.Message.Split('\n')[0];
                    Interlocked.Increment(ref failedPolls);
                }

                await Task.Delay(200, limit.Token);
            }
        })));
        try
        {
            await draining;
        }
        catch (OperationCanceledException) when (limit.IsCancellationRequested)
        {
            var left = (await queue.Queue.GetPropertiesAsync()).Value.ApproximateMessagesCount;
            var visible = (await queue.Queue.PeekMessagesAsync(32)).Value.Length;
            throw new TimeoutException($"the queue did not drain in 2 minutes: {left} messages left ({visible} visible), {failedPolls} failed polls, last: {lastFault}");
        }

        return failedPolls;
    }

    // --- the clean run and the comparison ----------------------------------------------------------------------------

    private async Task<(Snapshot Snapshot, int Jobs)> CleanAsync()
    {
        await CleanGate.WaitAsync();
        try
        {
            if (_clean is null)
            {
                await using var pipeline = Pipeline();
                await RegisterAsync(pipeline);
                var counters = new Counters();
                await RunNowAsync(pipeline.Services);
                await DrainAsync(pipeline.Services, Worker(pipeline.Services, counters));
                Assert.Equal(0, counters.Failed);
                var snapshot = await Snapshot.ReadAsync(pipeline.Services);
                var lines = Channels.Sum(c => Export(c.Client, c.Channel, c.Seed).Count);
                Assert.Equal(lines, snapshot.Interactions.Count);
                Assert.Equal(Channels.Sum(c => (Export(c.Client, c.Channel, c.Seed).Count + PageSize - 1) / PageSize), counters.Done);
                output.WriteLine($"clean run: {lines} interactions, {counters.Done} jobs, {string.Join(", ", snapshot.Counts.Select(c => $"{c.Key} {c.Value}"))}");
                _clean = (snapshot, counters.Done);
            }

            return _clean.Value;
        }
        finally
        {
            CleanGate.Release();
        }
    }

    private sealed record Figures(Snapshot Snapshot, int Lost, int Duplicated, int Changed);

    private async Task<Figures> CompareAsync(string experiment, IServiceProvider host, (Snapshot Snapshot, int Jobs) clean, Counters counters, int faults, int badInputs)
    {
        var after = await Snapshot.ReadAsync(host);
        var lost = clean.Snapshot.Interactions.Keys.Count(k => !after.Interactions.ContainsKey(k)) + clean.Snapshot.Days.Keys.Count(k => !after.Days.ContainsKey(k));
        var duplicated = after.Interactions.Keys.Count(k => !clean.Snapshot.Interactions.ContainsKey(k)) + after.Days.Keys.Count(k => !clean.Snapshot.Days.ContainsKey(k));
        var changed = clean.Snapshot.Interactions.Count(p => after.Interactions.TryGetValue(p.Key, out var v) && v != p.Value)
            + clean.Snapshot.Days.Count(p => after.Days.TryGetValue(p.Key, out var v) && v != p.Value);
        output.WriteLine(
            $"{experiment}: jobs {counters.Done} (clean {clean.Jobs}, replayed {counters.Done - clean.Jobs}), failed tries {counters.Failed}, " +
            $"faults injected {faults}, bad inputs tried {badInputs}, poisoned {counters.Poisoned.Count}, rows lost {lost}, rows duplicated {duplicated}, " +
            $"rows with other values {changed}; tables: {string.Join(", ", after.Counts.Select(c => $"{c.Key} {c.Value}"))}, Runs {after.Runs}");
        foreach (var failure in counters.Failures.GroupBy(f => f, StringComparer.Ordinal))
        {
            output.WriteLine($"  failed {failure.Count()}x: {failure.Key}");
        }

        return new Figures(after, lost, duplicated, changed);
    }

    private static void AssertSame(Snapshot clean, Figures figures)
    {
        Assert.Equal((0, 0, 0), (figures.Lost, figures.Duplicated, figures.Changed));
        Assert.Equal(clean.Counts, figures.Snapshot.Counts);
        Assert.Equal(clean.Interactions, figures.Snapshot.Interactions);
        Assert.Equal(clean.Days, figures.Snapshot.Days);
        Assert.Equal(clean.Cursors, figures.Snapshot.Cursors);
    }

    /// <summary>
    /// Concurrent jobs of one channel must not fail each other: two recomputes deleting the same answered inbox row
    /// used to fail the later one's whole transaction, and the job was retried, up to poison.
    /// </summary>
    private static void NoTryFailed(Counters counters) =>
        Assert.True(counters.Failed == 0, $"{counters.Failed} tries failed: {string.Join("; ", counters.Failures.Distinct())}");

    private static bool Same(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b) =>
        a.Count == b.Count && a.All(p => b.TryGetValue(p.Key, out var v) && v == p.Value);

    /// <summary>
    /// What a run leaves: rows per table, every interaction's key and label, every day's figures (all columns but when
    /// they were computed), every channel's cursor. Runs rows are counted, not compared: each try writes its own.
    /// </summary>
    private sealed record Snapshot(
        SortedDictionary<string, int> Counts,
        SortedDictionary<string, string> Interactions,
        SortedDictionary<string, string> Days,
        SortedDictionary<string, string> Cursors,
        int Runs)
    {
        private static readonly HashSet<string> Unstable = ["Timestamp", "odata.etag", "ComputedAt", "PartitionKey", "RowKey"];

        public static async Task<Snapshot> ReadAsync(IServiceProvider host)
        {
            var tables = host.GetRequiredService<EngagementTables>();
            await tables.EnsureCreatedAsync();
            var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
            foreach (var (name, table) in new[] { ("Clients", tables.Clients), ("Channels", tables.Channels), ("Interactions", tables.Interactions), ("DailyEngagement", tables.DailyEngagement), ("Inbox", tables.Inbox) })
            {
                counts[name] = (await RowsAsync(table)).Count;
            }

            var interactions = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (var row in await RowsAsync(tables.Interactions))
            {
                interactions[$"{row.PartitionKey}|{row.RowKey}"] = row.GetString("Label") ?? "";
            }

            var days = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (var row in await RowsAsync(tables.DailyEngagement))
            {
                days[$"{row.PartitionKey}|{row.RowKey}"] = string.Join(
                    ";",
                    row.Where(p => !Unstable.Contains(p.Key)).OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={Format(p.Value)}"));
            }

            var cursors = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (var row in await RowsAsync(tables.Channels))
            {
                cursors[$"{row.PartitionKey}|{row.RowKey}"] = row.GetString("Cursor") ?? "";
            }

            return new Snapshot(counts, interactions, days, cursors, (await RowsAsync(tables.Runs)).Count);
        }

        private static string Format(object? value) => value switch
        {
            byte[] bytes => Convert.ToBase64String(bytes),
            IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
            _ => value?.ToString() ?? "",
        };

        private static async Task<List<TableEntity>> RowsAsync(TableClient table)
        {
            var rows = new List<TableEntity>();
            await foreach (var row in table.QueryAsync<TableEntity>())
            {
                rows.Add(row);
            }

            return rows;
        }
    }

    // --- throttling -------------------------------------------------------------------------------------------------

    /// <summary>
    /// Answers every <paramref name="every"/>th request with 503 Server Busy and <c>Retry-After: 1</c> without sending
    /// it, as a throttled storage account does: the request has no effect, so a retry is always safe.
    /// </summary>
    private sealed class ThrottlingPolicy(int every) : HttpPipelinePolicy
    {
        private int _requests;
        private int _injected;

        public int Requests => Volatile.Read(ref _requests);

        public int Injected => Volatile.Read(ref _injected);

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            if (!Throttle(message))
            {
                ProcessNext(message, pipeline);
            }
        }

        public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
            Throttle(message) ? ValueTask.CompletedTask : ProcessNextAsync(message, pipeline);

        private bool Throttle(HttpMessage message)
        {
            if (Interlocked.Increment(ref _requests) % every != 0)
            {
                return false;
            }

            Interlocked.Increment(ref _injected);
            message.Response = new ServerBusy(message.Request.ClientRequestId);
            return true;
        }
    }

    private sealed class ServerBusy(string clientRequestId) : Response
    {
        private readonly Dictionary<string, string> _headers = new(StringComparer.OrdinalIgnoreCase)
        {
            ["Retry-After"] = "1",
            ["x-ms-error-code"] = "ServerBusy",
            ["Content-Length"] = "0",
        };

        public override int Status => 503;

        // Set by the transport for real responses; this one never reached it.
        public override bool IsError => true;

        public override string ReasonPhrase => "Server Busy";

        public override Stream? ContentStream { get; set; } = new MemoryStream();

        public override string ClientRequestId { get; set; } = clientRequestId;

        public override void Dispose() => ContentStream?.Dispose();

        protected override bool ContainsHeader(string name) => _headers.ContainsKey(name);

        protected override IEnumerable<HttpHeader> EnumerateHeaders() => _headers.Select(h => new HttpHeader(h.Key, h.Value));

        protected override bool TryGetHeader(string name, [NotNullWhen(true)] out string? value) => _headers.TryGetValue(name, out value);

        protected override bool TryGetHeaderValues(string name, [NotNullWhen(true)] out IEnumerable<string>? values)
        {
            values = _headers.TryGetValue(name, out var value) ? [value] : null;
            return values is not null;
        }
    }
}
