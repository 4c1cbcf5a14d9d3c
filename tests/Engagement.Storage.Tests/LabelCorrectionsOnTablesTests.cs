using Azure.Data.Tables;
using Engagement.Core.Corrections;
using Engagement.Core.Ports;
using Engagement.LocalHost;
using Engagement.Ml.Vocabulary;
using Engagement.Testing;

namespace Engagement.Storage.Tests;

[Collection(AzuriteCollection.Name)]
/// <summary>Unknown metadata and label corrections on the real tables, as BI tools read them.</summary>
public sealed class LabelCorrectionsOnTablesTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly DateOnly Day = new(2026, 11, 2);
    private readonly TestPipeline _pipeline = new(azurite);

    public async Task InitializeAsync()
    {
        _pipeline.WriteImport("acme/instagram.jsonl",
        [
            ApiContract.Line("p1", "2026-11-02T09:00:00Z", brand: true, text: "Black Friday: -40% su tutti i divani! Acquista ora, link in bio"),
            """{"id":"bare","text":"Che bello, grazie!","created_at":"2026-11-02T10:00:00Z","channel":"tiktok"}""",
            ApiContract.Line("old", "2026-09-15T09:00:00Z", brand: true, text: "Nuovi arrivi in negozio"),
        ]);
        await _pipeline.Get<PipelineRunner>().RegisterAsync([new CatalogClient("acme", "Acme", "Europe/Rome", null, null, [new("instagram", "import", "acme/instagram.jsonl", null, null)])]);
        await _pipeline.Get<PipelineRunner>().RunAsync(["acme"], tick: false);
    }

    public async Task DisposeAsync() => await _pipeline.DisposeAsync();

    [Fact]
    public async Task UnknownMetadataIsStoredAsUnknownAndLeftOutRatherThanGuessed()
    {
        var entity = await Table("Interactions").GetEntityAsync<TableEntity>("acme_202611", "instagram_bare");

        Assert.Equal("unknown", entity.Value.GetString("Kind"));
        Assert.False(entity.Value.ContainsKey("AuthorIsBrand"));
        Assert.False(entity.Value.ContainsKey("Platform"));
        Assert.False(entity.Value.ContainsKey("Language"));
        Assert.Equal(entity.Value.GetString("Label"), entity.Value.GetString("ModelLabel"));
        Assert.False(entity.Value.GetBoolean("LabelCorrected"));
        var row = await _pipeline.Get<IInteractionStore>().FindAsync("acme", "instagram_bare");
        Assert.Equal((InteractionKind.Unknown, (Channel?)null, (bool?)null), (row!.Interaction.Kind, row.Interaction.Platform, row.Interaction.AuthorIsBrand));
        var stored = await _pipeline.Get<IInteractionStore>().QueryAsync("acme", "instagram", new(2026, 11, 2, 0, 0, 0, TimeSpan.Zero), new(2026, 11, 3, 0, 0, 0, TimeSpan.Zero));
        Assert.Null(stored.Single(s => s.PlatformId == "bare").AuthorIsBrand);
    }

    [Fact]
    public async Task ALineKeptWithAWarningShowsOnTheRunButIsNoError()
    {
        var run = Assert.Single(await _pipeline.Get<IRunStore>().ListRecentAsync("acme", 10));

        Assert.Equal(0, run.Errors);
        Assert.Null(run.Error);
        Assert.Contains("acme/instagram.jsonl:2: 'channel' 'tiktok'", run.Warnings, StringComparison.Ordinal);
        Assert.Contains("(interaction instagram_bare)", run.Warnings, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACorrectionIsARowOfItsOwnAndTheLabelInForceOnTheInteractionAndInTheDay()
    {
        var before = await _pipeline.Get<IInteractionStore>().FindAsync("acme", "instagram_p1");
        var label = before!.ModelLabel == EngagementLabels.Broadcast ? EngagementLabels.Relational : EngagementLabels.Broadcast;
        var dayBefore = await DayAsync();

        var outcome = await _pipeline.Get<LabelCorrectionService>().CorrectAsync("acme", "instagram_p1", new(label, "giulia", "a story"));

        Assert.Equal(CorrectionStatus.Corrected, outcome.Status);
        var correction = (await Table("LabelCorrections").GetEntityAsync<TableEntity>("acme", "instagram_p1")).Value;
        Assert.Equal((label, before.ModelLabel, "giulia", "a story"), (correction.GetString("Label"), correction.GetString("ModelLabel"), correction.GetString("CorrectedBy"), correction.GetString("Note")));
        Assert.Equal(before.RelationalProbability, correction.GetDouble("ModelRelationalProbability"));
        Assert.Equal(_pipeline.Time.GetUtcNow(), correction.GetDateTimeOffset("CorrectedAt"));
        var row = (await Table("Interactions").GetEntityAsync<TableEntity>("acme_202611", "instagram_p1")).Value;
        Assert.Equal((label, before.ModelLabel, true), (row.GetString("Label"), row.GetString("ModelLabel"), row.GetBoolean("LabelCorrected")));
        var dayAfter = await DayAsync();
        Assert.Equal(dayBefore.BrandRelational + (label == EngagementLabels.Relational ? 1 : -1), dayAfter.BrandRelational);
    }

    [Fact]
    public async Task ReingestingKeepsTheCorrection()
    {
        var before = await _pipeline.Get<IInteractionStore>().FindAsync("acme", "instagram_p1");
        var label = before!.ModelLabel == EngagementLabels.Broadcast ? EngagementLabels.Relational : EngagementLabels.Broadcast;
        await _pipeline.Get<LabelCorrectionService>().CorrectAsync("acme", "instagram_p1", new(label));
        var dayCorrected = await DayAsync();

        await _pipeline.Get<IClientStore>().RecordRunAsync("acme", "instagram", "0", "succeeded", null, _pipeline.Time.GetUtcNow());
        await _pipeline.Get<PipelineRunner>().RunAsync(["acme"], tick: false);

        var after = await _pipeline.Get<IInteractionStore>().FindAsync("acme", "instagram_p1");
        Assert.Equal((label, before.ModelLabel, true), (after!.Label, after.ModelLabel, after.LabelCorrected));
        Assert.Equal(dayCorrected.BrandRelational, (await DayAsync()).BrandRelational);
    }

    [Fact]
    public async Task AnInteractionIsFoundByIdInAnyMonthAndCorrectionsAreListedPerChannel()
    {
        var store = _pipeline.Get<IInteractionStore>();
        var old = await store.FindAsync("acme", "instagram_old");
        await _pipeline.Get<LabelCorrectionService>().CorrectAsync("acme", "instagram_old", new("relational"));

        Assert.Equal(new DateTimeOffset(2026, 9, 15, 9, 0, 0, TimeSpan.Zero), old!.Interaction.CreatedAt);
        Assert.Null(await store.FindAsync("acme", "instagram_nope"));
        Assert.Null(await store.FindAsync("acme", "instagram_old", new DateTimeOffset(2026, 11, 2, 0, 0, 0, TimeSpan.Zero)));
        Assert.Equal(["instagram_old"], (await _pipeline.Get<ILabelCorrectionStore>().ListAsync("acme", "instagram")).Select(c => c.InteractionId));
        Assert.Empty(await _pipeline.Get<ILabelCorrectionStore>().ListAsync("acme", "facebook"));
        var feedback = Assert.Single(await _pipeline.Get<LabelCorrectionService>().FeedbackAsync());
        Assert.Equal(("feedback-acme", "Nuovi arrivi in negozio", "relational"), (feedback.Group, feedback.Text, feedback.Label));
    }

    private TableClient Table(string name) => azurite.Tables.GetTableClient(_pipeline.Prefix + name);

    private async Task<Core.Domain.DailyEngagement> DayAsync() =>
        (await _pipeline.Get<Core.Ports.IDailyEngagementStore>().QueryAsync("acme", Day, Day)).Single();
}
