using Azure.Data.Tables;
using Engagement.Core.Domain;
using Engagement.Core.Ingestion;
using Engagement.Core.Ports;
using Engagement.Ml;
using Engagement.Ml.Vocabulary;
using Engagement.Storage;
using Engagement.Testing;

namespace Engagement.LocalHost.Tests;

/// <summary>Ingestion end to end on Azurite: import files, the queue worker, the tables.</summary>
public sealed class IngestionEndToEndTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private readonly TestPipeline _pipeline = new(azurite, settings: new Dictionary<string, string?> { ["Engagement:IngestPageSize"] = "4" });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _pipeline.DisposeAsync();

    private static readonly string[] Thread =
    [
        Line("https://mastodon.example/@acme/1", "2026-10-30T09:00:00Z", "post", true, null, "Nuovo divano Milano a 799€, -20% fino a domenica. Link in bio!"),
        Line("at://did:plc:x/app.bsky.feed.post/2", "2026-10-30T10:00:00Z", "comment", false, "https://mastodon.example/@acme/1", "Quanto costa la consegna a Monza?"),
        Line("3#?/\\", "2026-10-30T10:20:00Z", "reply", true, "at://did:plc:x/app.bsky.feed.post/2", "Ciao Luca! A Monza la consegna è gratuita, ti aspettiamo in showroom 😊"),
        Line("4", "2026-10-31T23:30:00Z", "comment", false, "https://mastodon.example/@acme/1", "Bellissimo!!"),
        Line("5", "2026-11-01T08:00:00Z", "dm", false, null, "Buongiorno, avete il modello in verde?"),
        Line("6", "2026-11-02T08:00:00Z", "post", true, null, "Raccontateci: qual è l'angolo di casa dove leggete di più?"),
        Line("7", "2026-11-02T09:00:00Z", "comment", false, "6", "In veranda, con il gatto 🐈"),
        Line("8", "2026-11-02T09:30:00Z", "reply", true, "7", "Che meraviglia, salutateci il gatto!"),
        Line("9", "2026-11-03T09:30:00Z", "comment", false, "6", "Vicino alla finestra, sempre."),
        Line("10", "2026-11-03T11:00:00Z", "post", true, null, "Orari di apertura del ponte: sabato 9-19, domenica chiuso."),
    ];

    [Fact]
    public async Task IngestingAFileStoresEveryInteractionOnceWithItsVerdict()
    {
        await RegisterAsync(Thread);

        var result = await _pipeline.Get<PipelineRunner>().RunAsync(["acme"], tick: false);

        var rows = await AllInteractionsAsync();
        Assert.Equal(Thread.Length, rows.Count);
        Assert.Equal(3, result.JobsDone); // pages of 4: 4 + 4 + 2
        var modelVersion = _pipeline.Get<EngagementClassifier>().ModelVersion;
        Assert.All(rows, r =>
        {
            Assert.Contains(r.GetString("Label"), new[] { EngagementLabels.Broadcast, EngagementLabels.Relational });
            Assert.InRange(r.GetDouble("RelationalProbability")!.Value, 0, 1);
            Assert.Equal(modelVersion, r.GetString("ModelVersion"));
            Assert.False(string.IsNullOrEmpty(r.GetString("Signals")));
        });
        Assert.Contains(rows, r => r.GetString("PlatformId") == "3#?/\\");
    }

    [Fact]
    public async Task AResetChannelIsReadAgainFromItsStartAndNothingIsCountedTwice()
    {
        await RegisterAsync(Thread);
        var runner = _pipeline.Get<PipelineRunner>();
        await runner.RunAsync(["acme"], tick: false);
        var daysBefore = await _pipeline.Get<IDailyEngagementStore>().QueryAsync("acme", new DateOnly(2026, 10, 1), new DateOnly(2026, 11, 30));

        var reset = await _pipeline.Get<ChannelReset>().ResetAsync("acme", "instagram");
        var again = await runner.RunAsync(["acme"], tick: false);

        Assert.Null(reset.Problem);
        Assert.Null(reset.Channel!.Cursor);
        Assert.Equal(Thread.Length, again.Fetched); // read again from the first line
        Assert.Equal(Thread.Length, (await AllInteractionsAsync()).Count);
        var daysAfter = await _pipeline.Get<IDailyEngagementStore>().QueryAsync("acme", new DateOnly(2026, 10, 1), new DateOnly(2026, 11, 30));
        Assert.Equal(daysBefore.Select(d => (d.Date, d.Interactions, d.Relational)), daysAfter.Select(d => (d.Date, d.Interactions, d.Relational)));
    }

    [Fact]
    public async Task CustomerAuthorsArePseudonymisedAndTheBrandIsNot()
    {
        await RegisterAsync(Thread);

        await _pipeline.Get<PipelineRunner>().RunAsync(["acme"], tick: false);

        var rows = await AllInteractionsAsync();
        Assert.All(rows.Where(r => r.GetBoolean("AuthorIsBrand") == false), r => Assert.StartsWith("pk-", r.GetString("Author"), StringComparison.Ordinal));
        Assert.All(rows.Where(r => r.GetBoolean("AuthorIsBrand") == true), r => Assert.Equal("@acme", r.GetString("Author")));
    }

    [Fact]
    public async Task ReplayedJobDoesNotDuplicateRowsOrDoubleCountDays()
    {
        await RegisterAsync(Thread);
        var runner = _pipeline.Get<PipelineRunner>();
        await runner.RunAsync(["acme"], tick: false);
        var daysBefore = System.Text.Json.JsonSerializer.Serialize(await DaysAsync());

        // Rewind the cursor, as a redelivered message or a crash before the cursor write would.
        await _pipeline.Get<IClientStore>().RecordRunAsync("acme", "instagram", "0", RunStatuses.Succeeded, null, _pipeline.Time.GetUtcNow());
        await runner.RunAsync(["acme"], tick: false);

        Assert.Equal(Thread.Length, (await AllInteractionsAsync()).Count);
        Assert.Equal(daysBefore, System.Text.Json.JsonSerializer.Serialize(await DaysAsync()));
    }

    [Fact]
    public async Task DailyAggregatesFollowRepliesAcrossPagesAndDays()
    {
        await RegisterAsync(Thread);

        await _pipeline.Get<PipelineRunner>().RunAsync(["acme"], tick: false);

        var days = (await DaysAsync()).ToDictionary(d => d.Date);
        var oct30 = days[new DateOnly(2026, 10, 30)];
        Assert.Equal(1, oct30.CustomerMessages);
        Assert.Equal(1, oct30.CustomerMessagesAnswered);
        Assert.Equal(20, oct30.MedianFirstResponseMinutes);
        // 23:30 UTC on 31 October is 1 November in Rome.
        Assert.Equal(2, days[new DateOnly(2026, 11, 1)].CustomerMessages);
        Assert.Equal(1, days[new DateOnly(2026, 11, 1)].UnansweredQuestions);
        Assert.Equal(1.0, days[new DateOnly(2026, 11, 2)].ReplyRate);
        Assert.Equal(0.0, days[new DateOnly(2026, 11, 3)].ReplyRate);
    }

    [Fact]
    public async Task BadRecordsAreReportedWithFileAndLineAndTheRestIsStored()
    {
        await RegisterAsync([Thread[0], "{not json", """{"id":"x"}""", Thread[1]]);

        var result = await _pipeline.Get<PipelineRunner>().RunAsync(["acme"], tick: false);

        Assert.Equal(2, result.Stored);
        Assert.Equal(2, result.Errors);
        var run = Assert.Single(await _pipeline.Get<IRunStore>().ListRecentAsync("acme", 10));
        Assert.Equal(RunStatuses.CompletedWithErrors, run.Status);
        Assert.Contains("acme/instagram.jsonl:2:", run.Error, StringComparison.Ordinal);
        Assert.Contains("acme/instagram.jsonl:3:", run.Error, StringComparison.Ordinal);
        var channel = await _pipeline.Get<IClientStore>().GetChannelAsync("acme", "instagram");
        Assert.Equal("4", channel!.Cursor);
    }

    [Fact]
    public async Task TheCursorStaysPutWhenTheWriteFails()
    {
        await RegisterAsync(Thread);
        await _pipeline.Get<EngagementTables>().EnsureCreatedAsync();
        await _pipeline.Get<EngagementTables>().Interactions.DeleteAsync();
        var job = new IngestJob { ClientId = "acme", ChannelId = "instagram", RunId = "r1" };

        await Assert.ThrowsAsync<TableTransactionFailedException>(() => _pipeline.Get<IngestionService>().HandleAsync(job));

        var channel = await _pipeline.Get<IClientStore>().GetChannelAsync("acme", "instagram");
        Assert.Null(channel!.Cursor);
        Assert.Equal(RunStatuses.Failed, channel.LastRunStatus);
        Assert.Equal(RunStatuses.Failed, (await _pipeline.Get<IRunStore>().ListRecentAsync("acme", 1))[0].Status);
    }

    [Fact]
    public async Task AReplacedShorterExportIsReadAgainFromTheStart()
    {
        await RegisterAsync(Thread[..5]);
        var runner = _pipeline.Get<PipelineRunner>();
        await runner.RunAsync(["acme"], tick: false);

        _pipeline.WriteImport("acme/instagram.jsonl", [Line("new-1", "2026-11-20T10:00:00Z", "post", true, null, "Nuovo catalogo online!"), Thread[1]]);
        await runner.RunAsync(["acme"], tick: false);

        var ids = (await AllInteractionsAsync()).Select(r => r.GetString("PlatformId")).ToList();
        Assert.Equal(6, ids.Count);
        Assert.Contains("new-1", ids);
        Assert.Equal("2", (await _pipeline.Get<IClientStore>().GetChannelAsync("acme", "instagram"))!.Cursor);
    }

    [Fact]
    public async Task TextBeyondTheLimitIsCutAndFlagged()
    {
        var longText = string.Concat(Enumerable.Repeat("Una storia lunga della nostra bottega. ", 1_000));
        await RegisterAsync([Line("long", "2026-11-01T10:00:00Z", "post", true, null, longText)]);

        await _pipeline.Get<PipelineRunner>().RunAsync(["acme"], tick: false);

        // Cut at the last word boundary before the limit, as every path cuts it.
        var row = Assert.Single(await AllInteractionsAsync());
        var text = row.GetString("Text")!;
        Assert.InRange(text.Length, Interaction.MaxTextLength - 40, Interaction.MaxTextLength);
        Assert.Equal(InputContract.Cut(longText.Trim()), text);
        Assert.True(char.IsWhiteSpace(longText[text.Length]), "the text ends on a whole word");
        Assert.True(row.GetBoolean("TextTruncated"));
    }

    private async Task RegisterAsync(string[] lines)
    {
        _pipeline.WriteImport("acme/instagram.jsonl", lines);
        await _pipeline.Get<PipelineRunner>().RegisterAsync([
            new CatalogClient("acme", "Acme", "Europe/Rome", null, null, [new("instagram", "import", "acme/instagram.jsonl", null, null)]),
        ]);
    }

    private async Task<List<TableEntity>> AllInteractionsAsync()
    {
        var rows = new List<TableEntity>();
        await foreach (var row in _pipeline.Get<EngagementTables>().Interactions.QueryAsync<TableEntity>())
        {
            rows.Add(row);
        }

        return rows;
    }

    private async Task<List<DailyEngagement>> DaysAsync() =>
        [.. await _pipeline.Get<IDailyEngagementStore>().QueryAsync("acme", new DateOnly(2026, 10, 1), new DateOnly(2026, 11, 30))];

    private static string Line(string id, string createdAt, string kind, bool brand, string? parent, string text) =>
        ApiContract.Line(id, createdAt, kind, brand, parent, text);
}
