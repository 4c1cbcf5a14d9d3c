using Engagement.Core.Domain;
using Engagement.Core.Ingestion;
using Engagement.Core.Ports;
using Engagement.Core.Registration;
using Engagement.Core.Tests.Fakes;
using Engagement.Ml.Vocabulary;

namespace Engagement.Core.Tests.Ingestion;

/// <summary>How ingestion treats each kind of connector fault, on the in-memory ports.</summary>
public sealed class ConnectorFaultTests
{
    private readonly CoreHarness _core = new(pageSize: 2);
    private readonly IngestJob _job = new() { ClientId = "acme", ChannelId = "masto", RunId = "r1", Page = 3 };

    [Fact]
    public async Task AThrottledJobIsQueuedAgainUntilTheThrottleEndsAndTheRunSaysSo()
    {
        await _core.RegisterAsync("acme", ("masto", "acme"));
        var until = _core.Time.GetUtcNow().AddMinutes(15);
        _core.Connector.Fail("acme", ConnectorFaultException.Throttled(until, "mastodon.example asked to wait"));

        var outcome = await _core.Ingestion.HandleAsync(_job);

        Assert.Equal(RunStatuses.Throttled, outcome.Status);
        Assert.Equal(until, outcome.ResumeAt);
        var (again, delay) = Assert.Single(_core.Queue.Delayed);
        Assert.Equal(_job with { Reason = IngestReasons.Resume }, again); // the same page, as a new message
        Assert.Equal(TimeSpan.FromMinutes(15), delay);
        var run = Assert.Single(await _core.Runs.ListRecentAsync("acme", 5));
        Assert.Equal(RunStatuses.Throttled, run.Status);
        Assert.StartsWith("throttled until 2026-11-27 08:15:00Z", run.Error, StringComparison.Ordinal);
        Assert.Equal(RunStatuses.Throttled, (await _core.Clients.GetChannelAsync("acme", "masto"))!.LastRunStatus);
    }

    [Fact]
    public async Task APermanentFaultMarksTheChannelCompletesTheJobAndIsClearedByTheNextSuccess()
    {
        _core.Connector.Add("acme", CoreHarness.Item("p1", "2026-11-02T09:00:00Z", brand: true));
        await _core.RegisterAsync("acme", ("masto", "acme"));
        _core.Connector.Fail("acme", ConnectorFaultException.Permanent("mastodon.example refused the token: authorise the app again"));

        var outcome = await _core.Ingestion.HandleAsync(_job);

        Assert.Equal(RunStatuses.Failed, outcome.Status); // returned, not thrown: the queue does not retry it
        var channel = await _core.Clients.GetChannelAsync("acme", "masto");
        Assert.Equal(RunStatuses.Failed, channel!.LastRunStatus);
        Assert.Equal("mastodon.example refused the token: authorise the app again", channel.LastRunError);
        Assert.Null(channel.Cursor);
        Assert.Equal(channel.LastRunError, (await _core.Runs.ListRecentAsync("acme", 1))[0].Error);
        Assert.Equal(0, _core.Queue.Count);
        Assert.Empty(_core.Queue.Delayed);

        await _core.Ingestion.HandleAsync(_job);

        channel = await _core.Clients.GetChannelAsync("acme", "masto");
        Assert.Equal(RunStatuses.Succeeded, channel!.LastRunStatus);
        Assert.Null(channel.LastRunError);
    }

    [Fact]
    public async Task ATransientFaultThrowsSoTheQueueRetriesIt()
    {
        await _core.RegisterAsync("acme", ("masto", "acme"));
        _core.Connector.Fail("acme", ConnectorFaultException.Transient("mastodon.example answered 503"));

        var thrown = await Assert.ThrowsAsync<ConnectorFaultException>(() => _core.Ingestion.HandleAsync(_job));

        Assert.Equal(ConnectorFaultKind.Transient, thrown.Kind);
        Assert.Equal(RunStatuses.Failed, (await _core.Runs.ListRecentAsync("acme", 1))[0].Status);
        Assert.Empty(_core.Queue.Delayed);
    }

    [Fact]
    public async Task APageThatStopsBeforeTheRateLimitIsStoredAndItsContinuationWaitsForTheReset()
    {
        _core.Connector.Add("acme",
            CoreHarness.Item("p1", "2026-11-02T09:00:00Z", brand: true),
            CoreHarness.Item("p2", "2026-11-02T10:00:00Z", brand: true),
            CoreHarness.Item("p3", "2026-11-02T11:00:00Z", brand: true));
        await _core.RegisterAsync("acme", ("masto", "acme"));
        _core.Connector.ResumeAt = _core.Time.GetUtcNow().AddMinutes(4);

        var outcome = await _core.Ingestion.HandleAsync(_job with { Page = 1 });

        Assert.Equal(2, outcome.Stored);
        Assert.Equal(RunStatuses.Throttled, outcome.Status);
        Assert.Equal("2", (await _core.Clients.GetChannelAsync("acme", "masto"))!.Cursor);
        var (next, delay) = Assert.Single(_core.Queue.Delayed);
        Assert.Equal(2, next.Page);
        Assert.Equal(IngestReasons.Resume, next.Reason);
        Assert.Equal(TimeSpan.FromMinutes(4), delay);
        Assert.Equal(0, _core.Queue.Count);
    }

    [Fact]
    public async Task TheChannelsTokenIsReadFromTheSecretStoreOnlyWhenTheConnectorAsks()
    {
        _core.Secrets.Secrets["acme-masto"] = "token-value";
        await _core.Registration.RegisterAsync("acme", CoreHarness.Request("Acme") with
        {
            Channels = [new ChannelRequest("masto", ListConnector.DefaultPlatform, "acme", "acme-masto", null)],
        });

        await _core.Ingestion.HandleAsync(_job);

        var request = Assert.Single(_core.Connector.Requests);
        Assert.Equal("token-value", await request.Token.GetAsync());
        Assert.Equal("secret 'acme-masto'", request.Token.ToString());
        Assert.DoesNotContain("token-value", request.ToString(), StringComparison.Ordinal);
        Assert.Equal(1, _core.Secrets.Reads);
    }

    [Fact]
    public async Task ASecretTheStoreLacksIsAPermanentFaultThatNamesIt()
    {
        await _core.Registration.RegisterAsync("acme", CoreHarness.Request("Acme") with
        {
            Channels = [new ChannelRequest("masto", ListConnector.DefaultPlatform, "acme", "acme-masto", null)],
        });

        var outcome = await _core.Ingestion.HandleAsync(_job);

        Assert.Equal(RunStatuses.Failed, outcome.Status);
        Assert.Contains("secret 'acme-masto' is not set", (await _core.Clients.GetChannelAsync("acme", "masto"))!.LastRunError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheRequestCarriesTheBudgetAndTheChannelsSettingsWithDefaults()
    {
        await _core.Registration.RegisterAsync("acme", CoreHarness.Request("Acme") with
        {
            Channels = [new ChannelRequest("masto", ListConnector.DefaultPlatform, "acme", null, null) { BackfillDays = 30 }],
        });

        await _core.Ingestion.HandleAsync(_job);

        var request = Assert.Single(_core.Connector.Requests);
        Assert.Equal(new PageBudget(2, 20), request.Budget);
        Assert.Equal(new ChannelSettings(30, ChannelSettings.DefaultThreadWindowDays), request.Settings);
    }

    [Fact]
    public async Task AnItemWithoutTextIsStoredAndCountedButLabelledByItsMetadataOnly()
    {
        _core.Connector.Add("acme",
            CoreHarness.Item("photo", "2026-11-02T09:00:00Z", brand: true, text: ""),
            CoreHarness.Item("sticker", "2026-11-02T09:30:00Z", InteractionKind.Comment, parent: "photo", text: " "),
            CoreHarness.Item("c1", "2026-11-02T10:00:00Z", InteractionKind.Comment, parent: "photo", text: "Che meraviglia, dove si compra?"));
        await _core.RegisterAsync("acme", ("masto", "acme"));

        await _core.Ingestion.HandleAsync(_job);
        await _core.DrainAsync();

        var rows = _core.Interactions.All.ToDictionary(r => r.Classified.Interaction.PlatformId);
        Assert.Equal(3, rows.Count);
        Assert.Equal((EngagementLabels.Relational, 1f), (rows["sticker"].Classified.Label, rows["sticker"].Classified.RelationalProbability));
        Assert.Equal([IngestionService.NoTextSignal], rows["photo"].Classified.Signals);
        Assert.Equal(EngagementLabels.Broadcast, rows["photo"].Classified.Label);
        Assert.False(rows["photo"].IsQuestion);
        Assert.DoesNotContain(IngestionService.NoTextSignal, rows["c1"].Classified.Signals);
        var day = Assert.Single(await _core.Daily.QueryAsync("acme", new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30)));
        Assert.Equal(3, day.Interactions);
        Assert.Equal(1, day.Posts);
    }

    [Fact]
    public async Task APreviewReadsAndClassifiesAPageButWritesNothing()
    {
        _core.Connector.Add("acme",
            CoreHarness.Item("p1", "2026-11-02T09:00:00Z", brand: true),
            CoreHarness.Item("c1", "2026-11-02T10:00:00Z", InteractionKind.Comment, parent: "p1", text: "Quanto costa?"));
        await _core.RegisterAsync("acme", ("masto", "acme"));

        var preview = await _core.Preview.PreviewAsync("acme", "masto");

        Assert.Equal(2, preview!.Classified.Count);
        Assert.Equal(0, await _core.Interactions.CountAsync("acme"));
        Assert.Empty(await _core.Runs.ListRecentAsync("acme", 5));
        var channel = await _core.Clients.GetChannelAsync("acme", "masto");
        Assert.Null(channel!.Cursor);
        Assert.Null(channel.LastRunStatus);
        Assert.Null(await _core.Preview.PreviewAsync("acme", "nope"));
    }
}
