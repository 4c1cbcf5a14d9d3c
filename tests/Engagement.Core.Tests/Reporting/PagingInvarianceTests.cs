using System.Text.Json;
using Engagement.Connectors;
using Engagement.Core.Domain;
using Engagement.Core.Reporting;
using Engagement.Core.Tests.Fakes;
using Engagement.Ml.Vocabulary;
using Xunit.Abstractions;

namespace Engagement.Core.Tests.Reporting;

/// <summary>
/// Daily figures and the inbox depend on the stored rows only: not on how the rows were cut into pages, nor on the
/// order they arrived in, nor on how often they were replayed (issue 10, item 7). Proven on the demo data.
/// </summary>
public sealed class PagingInvarianceTests(ITestOutputHelper output)
{
    private static readonly Lazy<IReadOnlyList<DemoChannel>> Demo = new(LoadDemo);

    [Fact]
    public async Task DailyFiguresAreTheSameForEveryPageSizeAndReplayOrder()
    {
        var reference = await IngestAsync(pageSize: 500, order: null, replays: 0);
        output.WriteLine($"page size 500: {reference.CustomerMessages} customer messages, {reference.Answered} answered, {reference.Days} days, {reference.Waiting} waiting");

        foreach (var pageSize in new[] { 50, 5, 1 })
        {
            var run = await IngestAsync(pageSize, order: null, replays: 0);
            output.WriteLine($"page size {pageSize}: {run.CustomerMessages} customer messages, {run.Answered} answered, {run.Days} days, {run.Waiting} waiting");
            Assert.Equal(reference.CustomerMessages, run.CustomerMessages);
            Assert.Equal(reference.Json, run.Json);
            Assert.Equal(reference.Inbox, run.Inbox);
        }

        foreach (var seed in new[] { 11, 2026 })
        {
            var run = await IngestAsync(pageSize: 7, order: new Random(seed), replays: 3);
            output.WriteLine($"shuffled (seed {seed}), pages of 7, 3 replays: {run.CustomerMessages} customer messages, {run.Answered} answered");
            Assert.Equal(reference.Json, run.Json);
            Assert.Equal(reference.Inbox, run.Inbox);
        }
    }

    [Fact]
    public async Task ARunThatStopsHalfWayKeepsItsDaysOwedUntilTheChannelsNextRunRecomputesThem()
    {
        var channel = Demo.Value.First(c => c.Items.Count > 200);
        var core = new CoreHarness(now: new DateTimeOffset(2026, 11, 27, 8, 0, 0, TimeSpan.Zero), pageSize: 50);
        core.Connector.Add("demo/" + channel.ChannelId, [.. channel.Items]);
        var request = CoreHarness.Request(channel.ClientId, (channel.ChannelId, "demo/" + channel.ChannelId)) with { TimeZone = channel.TimeZone };
        Assert.True((await core.Registration.RegisterAsync(channel.ClientId, request)).IsValid);
        await core.Schedule.RunNowAsync(channel.ClientId);

        // Two pages run, then the continuation is lost (poisoned, or the process died with it).
        for (var page = 0; page < 2; page++)
        {
            Assert.True(core.Queue.TryDequeue(out var job));
            await core.Ingestion.HandleAsync(job);
        }

        Assert.True(core.Queue.TryDequeue(out _));
        Assert.Empty(await core.Daily.QueryAsync(channel.ClientId, new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31)));
        var owed = core.PendingDays.Count(channel.ClientId);
        Assert.True(owed > 0);

        // The channel's next run reads from the cursor to the end and recomputes the days of every page, its own and
        // the two before the loss, exactly as a run that never stopped.
        await core.Schedule.RunNowAsync(channel.ClientId);
        await core.DrainAsync();
        Assert.Equal(0, core.PendingDays.Count(channel.ClientId));
        var resumed = await core.Daily.QueryAsync(channel.ClientId, new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31));

        var clean = new CoreHarness(now: core.Time.GetUtcNow(), pageSize: 50);
        clean.Connector.Add("demo/" + channel.ChannelId, [.. channel.Items]);
        Assert.True((await clean.Registration.RegisterAsync(channel.ClientId, request)).IsValid);
        await clean.Schedule.RunNowAsync(channel.ClientId);
        await clean.DrainAsync();
        var expected = await clean.Daily.QueryAsync(channel.ClientId, new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31));
        output.WriteLine($"{owed} days owed after the loss; {resumed.Count} days of figures after the next run, {expected.Count} in a clean run");
        Assert.Equal(JsonSerializer.Serialize(expected.OrderBy(d => d.Date)), JsonSerializer.Serialize(resumed.OrderBy(d => d.Date)));
    }

    [Fact]
    public async Task ARunsOwnRowsTakenFromMemoryGiveTheFiguresOfAFullReadDespiteCorrectionsErasuresAndOlderRows()
    {
        var channel = Demo.Value.First(c => c.Items.Count > 200);
        var items = channel.Items;
        var core = new CoreHarness(now: new DateTimeOffset(2026, 11, 27, 8, 0, 0, TimeSpan.Zero), pageSize: 50);
        core.Connector.Add("demo/" + channel.ChannelId, [.. items]);
        var request = CoreHarness.Request(channel.ClientId, (channel.ChannelId, "demo/" + channel.ChannelId)) with { TimeZone = channel.TimeZone };
        Assert.True((await core.Registration.RegisterAsync(channel.ClientId, request)).IsValid);
        await core.Schedule.RunNowAsync(channel.ClientId);
        await core.DrainAsync();

        // A second run from the middle: the rows before its start are another run's, and its days border them.
        var start = items.Count / 2;
        await core.Clients.RecordRunAsync(channel.ClientId, channel.ChannelId, start.ToString(System.Globalization.CultureInfo.InvariantCulture), "succeeded", null, core.Time.GetUtcNow());
        await core.Schedule.RunNowAsync(channel.ClientId);
        for (var page = 0; page < 2; page++)
        {
            Assert.True(core.Queue.TryDequeue(out var job));
            await core.Ingestion.HandleAsync(job);
        }

        // While it runs, an agency corrects a row it wrote and a customer of its rows is erased: storage changes, not
        // what the run wrote.
        var corrected = items[start + 3];
        var stored = core.Interactions.All.Single(r => r.Classified.Interaction.PlatformId == corrected.PlatformId);
        var flipped = stored.Label == EngagementLabels.Relational ? EngagementLabels.Broadcast : EngagementLabels.Relational;
        var correction = await core.LabelCorrections.CorrectAsync(channel.ClientId, InteractionIds.Of(channel.ChannelId, corrected.PlatformId), new Engagement.Core.Corrections.CorrectionRequest(flipped));
        Assert.Equal(Engagement.Core.Corrections.CorrectionStatus.Corrected, correction.Status);
        var erased = items.Skip(start).Take(100).First(i => i.AuthorIsBrand == false && i.Author is not null && i.PlatformId != corrected.PlatformId);
        Assert.True((await core.Erasure.EraseAsync(channel.ClientId, erased.Author)).Removed > 0);
        await core.DrainAsync();
        Assert.Equal(0, core.PendingDays.Count(channel.ClientId));

        var fromRun = await FiguresAsync(core, channel.ClientId);
        var client = (await core.Clients.GetAsync(channel.ClientId))!;
        var all = core.Interactions.All.Select(r => (r.Classified.Interaction.PlatformId, r.Classified.Interaction.CreatedAt)).ToList();
        await core.Recompute.RecomputeAsync(client, channel.ChannelId, all);
        var fromStorage = await FiguresAsync(core, channel.ClientId);
        output.WriteLine($"{all.Count} rows; run from {start}; corrected {corrected.PlatformId}; erased one customer");
        Assert.Equal(fromStorage.Relational, fromRun.Relational);
        Assert.Equal(fromStorage.Json, fromRun.Json);
        Assert.Equal(fromStorage.Inbox, fromRun.Inbox);
    }

    private static async Task<(string Json, string Inbox, int Relational)> FiguresAsync(CoreHarness core, string clientId)
    {
        var days = (await core.Daily.QueryAsync(clientId, new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31))).OrderBy(d => d.Date).ThenBy(d => d.ChannelId, StringComparer.Ordinal).ToList();
        var inbox = (await core.Inbox.ListAsync(clientId)).OrderBy(i => i.ChannelId, StringComparer.Ordinal).ThenBy(i => i.PlatformId, StringComparer.Ordinal);
        return (JsonSerializer.Serialize(days), JsonSerializer.Serialize(inbox), days.Sum(d => d.Relational));
    }

    [Fact]
    public void MarkedDaysFarApartAreReadAsSeparateStretches()
    {
        var days = new[] { new DateOnly(2026, 1, 1), new DateOnly(2026, 1, 3), new DateOnly(2026, 6, 1), new DateOnly(2026, 1, 2) };
        var stretches = DailyRecompute.Stretches(days).ToList();
        Assert.Equal(2, stretches.Count);
        Assert.Equal([new DateOnly(2026, 1, 1), new DateOnly(2026, 1, 2), new DateOnly(2026, 1, 3)], stretches[0]);
        Assert.Equal([new DateOnly(2026, 6, 1)], stretches[1]);
    }

    private sealed record Outcome(string Json, string Inbox, int CustomerMessages, int Answered, int Days, int Waiting);

    private sealed record DemoChannel(string ClientId, string ChannelId, string TimeZone, IReadOnlyList<Interaction> Items);

    private static async Task<Outcome> IngestAsync(int pageSize, Random? order, int replays)
    {
        var core = new CoreHarness(now: new DateTimeOffset(2026, 11, 27, 8, 0, 0, TimeSpan.Zero), pageSize: pageSize);
        foreach (var client in Demo.Value.GroupBy(c => (c.ClientId, c.TimeZone)))
        {
            foreach (var channel in client)
            {
                var items = order is null ? channel.Items : [.. channel.Items.OrderBy(_ => order.Next())];
                core.Connector.Add(channel.ClientId + "/" + channel.ChannelId, [.. items]);
            }

            var request = CoreHarness.Request(client.Key.ClientId, [.. client.Select(c => (c.ChannelId, c.ClientId + "/" + c.ChannelId))]) with { TimeZone = client.Key.TimeZone };
            Assert.True((await core.Registration.RegisterAsync(client.Key.ClientId, request)).IsValid);
            await core.Schedule.RunNowAsync(client.Key.ClientId);
        }

        await core.DrainAsync();

        // Replays: a channel's cursor goes back to a random record, as a redelivered or rewound job would, and the
        // channels run again in a random order.
        for (var replay = 0; replay < replays && order is not null; replay++)
        {
            foreach (var channel in Demo.Value.OrderBy(_ => order.Next()))
            {
                var cursor = order.Next(channel.Items.Count);
                await core.Clients.RecordRunAsync(channel.ClientId, channel.ChannelId, cursor.ToString(System.Globalization.CultureInfo.InvariantCulture), "succeeded", null, core.Time.GetUtcNow());
            }

            foreach (var clientId in Demo.Value.Select(c => c.ClientId).Distinct().OrderBy(_ => order.Next()))
            {
                await core.Schedule.RunNowAsync(clientId);
            }

            await core.DrainAsync();
        }

        var days = new List<DailyEngagement>();
        var inbox = new List<WaitingMessage>();
        foreach (var clientId in Demo.Value.Select(c => c.ClientId).Distinct())
        {
            days.AddRange(await core.Daily.QueryAsync(clientId, new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31)));
            inbox.AddRange(await core.Inbox.ListAsync(clientId));
        }

        var ordered = days.OrderBy(d => d.ClientId, StringComparer.Ordinal).ThenBy(d => d.Date).ThenBy(d => d.ChannelId, StringComparer.Ordinal).ToList();
        return new Outcome(
            JsonSerializer.Serialize(ordered),
            JsonSerializer.Serialize(inbox.OrderBy(i => i.ClientId, StringComparer.Ordinal).ThenBy(i => i.ChannelId, StringComparer.Ordinal).ThenBy(i => i.PlatformId, StringComparer.Ordinal)),
            ordered.Sum(d => d.CustomerMessages),
            ordered.Sum(d => d.CustomerMessagesAnswered),
            ordered.Count,
            inbox.Count);
    }

    private static IReadOnlyList<DemoChannel> LoadDemo()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(folder.FullName, "demo", "clients.json")))
        {
            folder = folder.Parent ?? throw new DirectoryNotFoundException("demo/clients.json not found above the test binaries");
        }

        var demo = Path.Combine(folder.FullName, "demo");
        using var catalog = JsonDocument.Parse(File.ReadAllText(Path.Combine(demo, "clients.json")));
        var channels = new List<DemoChannel>();
        foreach (var client in catalog.RootElement.EnumerateArray())
        {
            foreach (var channel in client.GetProperty("channels").EnumerateArray())
            {
                var path = Path.Combine(demo, channel.GetProperty("account").GetString()!);
                using var stream = File.OpenRead(path);
                var items = InterchangeReader.ReadAsync(stream, InterchangeReader.IsCsv(path), requireCreatedAt: true)
                    .ToBlockingEnumerable()
                    .Where(r => r.Interaction is not null)
                    .Select(r => r.Interaction!)
                    .ToList();
                channels.Add(new DemoChannel(client.GetProperty("id").GetString()!, channel.GetProperty("id").GetString()!, client.GetProperty("time_zone").GetString()!, items));
            }
        }

        return channels;
    }
}
