using Engagement.Core.Domain;
using Engagement.Core.Tests.Fakes;
using Engagement.Ml.Vocabulary;

namespace Engagement.Core.Tests.Ingestion;

public sealed class IngestionServiceTests
{
    private readonly CoreHarness _core = new(pageSize: 2);

    [Fact]
    public async Task APageIsClassifiedStoredAggregatedAndOnlyThenTheCursorMoves()
    {
        _core.Connector.Add("acme/ig", CoreHarness.Conversation());
        await _core.RegisterAsync("acme", ("instagram", "acme/ig"));
        await _core.Schedule.RunNowAsync("acme");

        var jobs = await _core.DrainAsync();

        Assert.Equal(2, jobs); // pages of 2: the second is a continuation
        Assert.Equal(3, await _core.Interactions.CountAsync("acme"));
        Assert.Equal("3", (await _core.Clients.GetChannelAsync("acme", "instagram"))!.Cursor);
        var day = Assert.Single(await _core.Daily.QueryAsync("acme", new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30)));
        Assert.Equal(1, day.CustomerMessagesAnswered);
        Assert.Equal(30, day.MedianFirstResponseMinutes);
        Assert.Equal([1, 2], _core.Events.Published.Select(e => e.Page).Order());
    }

    [Fact]
    public async Task CustomersArePseudonymisedTheBrandIsNotAndQuestionsAreMarked()
    {
        _core.Connector.Add("acme/ig",
            CoreHarness.Item("p1", "2026-11-02T09:00:00Z", brand: true),
            CoreHarness.Item("c1", "2026-11-02T10:00:00Z", InteractionKind.Comment, parent: "p1", text: "Fate consegne a Bergamo?"),
            CoreHarness.Item("c2", "2026-11-02T10:05:00Z", InteractionKind.Comment, parent: "p1", text: "Guardate qui https://example.com/p?id=3"));
        await _core.RegisterAsync("acme", ("instagram", "acme/ig"));
        await _core.Schedule.RunNowAsync("acme");

        await _core.DrainAsync();

        var rows = _core.Interactions.All.ToDictionary(r => r.Classified.Interaction.PlatformId);
        Assert.Equal("@acme", rows["p1"].Author);
        Assert.Equal(Pseudonyms.Of(_core.PseudonymKey.Key, "acme", "@customer-c1"), rows["c1"].Author);
        Assert.StartsWith(Pseudonyms.Prefix, rows["c1"].Author, StringComparison.Ordinal);
        Assert.True(rows["c1"].IsQuestion);
        Assert.False(rows["c2"].IsQuestion); // a '?' inside a link asks nothing
    }

    [Fact]
    public async Task StoredTextsNamePeopleOnlyByPseudonymWhileTheClassifierReadTheTextAsWritten()
    {
        const string Text = "@giulia guarda che bello! Da @acme";
        Interaction[] page =
        [
            CoreHarness.Item("p1", "2026-11-02T09:00:00Z", brand: true),
            CoreHarness.Item("c1", "2026-11-02T10:00:00Z", InteractionKind.Comment, parent: "p1", text: Text),
        ];
        _core.Connector.Add("acme/ig", page);
        await _core.RegisterAsync("acme", ("instagram", "acme/ig"));
        await _core.Schedule.RunNowAsync("acme");

        await _core.DrainAsync();

        var row = _core.Interactions.All.Single(r => r.Classified.Interaction.PlatformId == "c1");
        var asWritten = _core.Ingestion.Classify(page)[1];
        Assert.Equal($"@{Pseudonyms.Of(_core.PseudonymKey.Key, "acme", "giulia")} guarda che bello! Da @acme", row.Classified.Interaction.Text);
        Assert.Equal(asWritten.RelationalProbability, row.Classified.RelationalProbability, 5);
    }

    [Fact]
    public async Task WhenTheWriteFailsTheCursorStaysAndTheRunIsRecordedAsFailed()
    {
        _core.Connector.Add("acme/ig", CoreHarness.Item("p1", "2026-11-02T09:00:00Z", brand: true));
        await _core.RegisterAsync("acme", ("instagram", "acme/ig"));
        _core.Interactions.FailNextWrite = new IOException("storage is down");
        var job = new IngestJob { ClientId = "acme", ChannelId = "instagram", RunId = "r1" };

        await Assert.ThrowsAsync<IOException>(() => _core.Ingestion.HandleAsync(job));

        var channel = await _core.Clients.GetChannelAsync("acme", "instagram");
        Assert.Null(channel!.Cursor);
        Assert.Equal(RunStatuses.Failed, channel.LastRunStatus);
        Assert.Equal(RunStatuses.Failed, (await _core.Runs.ListRecentAsync("acme", 1))[0].Status);
    }

    [Fact]
    public async Task AReplayedPageRewritesTheSameRowsAndTheSameDays()
    {
        _core.Connector.Add("acme/ig",
            CoreHarness.Item("p1", "2026-11-02T09:00:00Z", brand: true),
            CoreHarness.Item("c1", "2026-11-03T10:00:00Z", InteractionKind.Comment, parent: "p1", text: "Quanto costa?"));
        await _core.RegisterAsync("acme", ("instagram", "acme/ig"));
        var job = new IngestJob { ClientId = "acme", ChannelId = "instagram", RunId = "r1" };
        await _core.Ingestion.HandleAsync(job);
        var daysBefore = Json(await _core.Daily.QueryAsync("acme", new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30)));

        await _core.Clients.RecordRunAsync("acme", "instagram", "0", RunStatuses.Succeeded, null, _core.Time.GetUtcNow());
        await _core.Ingestion.HandleAsync(job);

        Assert.Equal(2, await _core.Interactions.CountAsync("acme"));
        Assert.Equal(daysBefore, Json(await _core.Daily.QueryAsync("acme", new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30))));
    }

    // Days hold lists (the response times), which records compare by reference; their JSON compares by value.
    private static string Json(IReadOnlyList<DailyEngagement> days) => System.Text.Json.JsonSerializer.Serialize(days);

    [Fact]
    public async Task AnAuthorNobodyNamesAsTheBrandIsStoredOnlyAsAPseudonym()
    {
        _core.Connector.Add("acme/ig", CoreHarness.Item("c1", "2026-11-02T10:00:00Z", InteractionKind.Unknown, brand: null, text: "Bellissimo!"));
        await _core.RegisterAsync("acme", ("instagram", "acme/ig"));
        await _core.Schedule.RunNowAsync("acme");

        await _core.DrainAsync();

        var row = Assert.Single(_core.Interactions.All);
        Assert.Equal(Pseudonyms.Of(_core.PseudonymKey.Key, "acme", "@customer-c1"), row.Author);
        Assert.Null(row.Classified.Interaction.AuthorIsBrand);
        Assert.Equal(InteractionKind.Unknown, row.Classified.Interaction.Kind);
    }

    [Fact]
    public async Task WarningsAreRecordedOnTheRunWithoutCountingAsErrors()
    {
        const string Warning = "acme/ig:1: 'channel' 'tiktok' is not a channel name Engagement knows (interaction instagram_p1)";
        _core.Connector.Add("acme/ig", CoreHarness.Item("p1", "2026-11-02T09:00:00Z", brand: true) with { Platform = null });
        _core.Connector.Warnings = [Warning];
        await _core.RegisterAsync("acme", ("instagram", "acme/ig"));

        var outcome = await _core.Ingestion.HandleAsync(new IngestJob { ClientId = "acme", ChannelId = "instagram", RunId = "r1" });

        Assert.Equal(RunStatuses.Succeeded, outcome.Status);
        Assert.Equal(0, outcome.Errors);
        var run = Assert.Single(await _core.Runs.ListRecentAsync("acme", 10));
        Assert.Equal(0, run.Errors);
        Assert.Null(run.Error);
        Assert.Equal(Warning, run.Warnings);
        Assert.Equal(1, run.Stored);
    }

    [Fact]
    public async Task AReplayOrANewModelNeverOverwritesAnAgencysCorrection()
    {
        _core.Connector.Add("acme/ig",
            CoreHarness.Item("p1", "2026-11-02T09:00:00Z", brand: true, text: "Black Friday: -40% su tutti i divani! Acquista ora, link in bio"),
            CoreHarness.Item("p2", "2026-11-02T11:00:00Z", brand: true, text: "Saldi di fine stagione, link in bio"));
        await _core.RegisterAsync("acme", ("instagram", "acme/ig"));
        var job = new IngestJob { ClientId = "acme", ChannelId = "instagram", RunId = "r1" };
        await _core.Ingestion.HandleAsync(job);
        var model = _core.Interactions.Row("acme", "instagram", "p1").ModelLabel;
        var corrected = model == EngagementLabels.Broadcast ? EngagementLabels.Relational : EngagementLabels.Broadcast;
        await _core.LabelCorrections.CorrectAsync("acme", "instagram_p1", new(corrected));

        await _core.Clients.RecordRunAsync("acme", "instagram", "0", RunStatuses.Succeeded, null, _core.Time.GetUtcNow());
        await _core.Ingestion.HandleAsync(job);

        var row = _core.Interactions.Row("acme", "instagram", "p1");
        Assert.Equal(corrected, row.Label);
        Assert.Equal(model, row.ModelLabel);
        Assert.True(row.LabelCorrected);
        Assert.False(_core.Interactions.Row("acme", "instagram", "p2").LabelCorrected);
        var day = Assert.Single(await _core.Daily.QueryAsync("acme", new DateOnly(2026, 11, 2), new DateOnly(2026, 11, 2)));
        Assert.Equal(corrected == EngagementLabels.Relational ? 1 : 2, day.Broadcast);
    }

    [Fact]
    public async Task ACorrectionMadeWhileAPageIsBeingWrittenIsNotLost()
    {
        _core.Connector.Add("acme/ig", CoreHarness.Item("p1", "2026-11-02T09:00:00Z", brand: true, text: "Saldi di fine stagione, link in bio"));
        await _core.RegisterAsync("acme", ("instagram", "acme/ig"));
        var job = new IngestJob { ClientId = "acme", ChannelId = "instagram", RunId = "r1" };
        await _core.Ingestion.HandleAsync(job);
        var model = _core.Interactions.Row("acme", "instagram", "p1").ModelLabel;
        var corrected = model == EngagementLabels.Broadcast ? EngagementLabels.Relational : EngagementLabels.Broadcast;
        await _core.Clients.RecordRunAsync("acme", "instagram", "0", RunStatuses.Succeeded, null, _core.Time.GetUtcNow());

        // The replay reads the corrections, then the agency corrects the row, then the replay writes its page.
        _core.Corrections.AfterNextList = () => _core.LabelCorrections.CorrectAsync("acme", "instagram_p1", new(corrected));
        await _core.Ingestion.HandleAsync(job);

        Assert.Equal(corrected, _core.Interactions.Row("acme", "instagram", "p1").Label);
        var day = Assert.Single(await _core.Daily.QueryAsync("acme", new DateOnly(2026, 11, 2), new DateOnly(2026, 11, 2)));
        Assert.Equal(corrected == EngagementLabels.Relational ? 1 : 0, day.Relational);
    }

    [Fact]
    public async Task ACorrectionMadeBetweenTwoPagesOfARunLandsOnTheLaterPagesRow()
    {
        _core.Connector.Add("acme/ig",
            CoreHarness.Item("p1", "2026-11-02T09:00:00Z", brand: true, text: "Nuova collezione, link in bio"),
            CoreHarness.Item("p2", "2026-11-02T10:00:00Z", brand: true, text: "Orari del ponte: sabato 9-19"),
            CoreHarness.Item("p3", "2026-11-02T11:00:00Z", brand: true, text: "Saldi di fine stagione, link in bio"));
        await _core.RegisterAsync("acme", ("instagram", "acme/ig"));
        var job = new IngestJob { ClientId = "acme", ChannelId = "instagram", RunId = "r1" };
        await _core.Ingestion.HandleAsync(job);
        await _core.Ingestion.HandleAsync(job with { Page = 2, Reason = IngestReasons.Continuation });
        var model = _core.Interactions.Row("acme", "instagram", "p3").ModelLabel;
        var corrected = model == EngagementLabels.Broadcast ? EngagementLabels.Relational : EngagementLabels.Broadcast;
        await _core.Clients.RecordRunAsync("acme", "instagram", "0", RunStatuses.Succeeded, null, _core.Time.GetUtcNow());

        // A replay's first page reads the corrections after its write; then the agency corrects a row of its second
        // page, which writes with what the first page read and must catch the correction in its own read after.
        var replay = job with { RunId = "r2" };
        Assert.True((await _core.Ingestion.HandleAsync(replay)).HasMore);
        await _core.LabelCorrections.CorrectAsync("acme", "instagram_p3", new(corrected));
        var listed = _core.Corrections.Lists;
        await _core.Ingestion.HandleAsync(replay with { Page = 2, Reason = IngestReasons.Continuation });

        Assert.Equal(corrected, _core.Interactions.Row("acme", "instagram", "p3").Label);
        Assert.Equal(2, _core.Corrections.Lists - listed); // after its write and at the run's end: none before the write
        var day = Assert.Single(await _core.Daily.QueryAsync("acme", new DateOnly(2026, 11, 2), new DateOnly(2026, 11, 2)));
        Assert.Equal(corrected == EngagementLabels.Relational ? 1 : 0, day.Relational);
    }

    [Fact]
    public async Task AJobForAnUnknownClientFailsAtOnceWithARunsRowThatSaysWhatToDo()
    {
        var outcome = await _core.Ingestion.HandleAsync(new IngestJob { ClientId = "nobody", ChannelId = "x", RunId = "r1" });

        Assert.Equal((RunStatuses.Failed, false), (outcome.Status, outcome.HasMore));
        Assert.Equal(0, _core.Queue.Count);
        var run = Assert.Single(await _core.Runs.ListRecentAsync("nobody", 5));
        Assert.Equal(RunStatuses.Failed, run.Status);
        Assert.Equal("client 'nobody' is not registered: register it with 'engage clients add', then run it again", run.Error);
    }
}
