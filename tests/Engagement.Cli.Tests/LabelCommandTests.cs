using System.Text.Json;
using Engagement.Core.Ports;
using Engagement.LocalHost;
using Engagement.Testing;

namespace Engagement.Cli.Tests;

/// <summary><c>engage interactions</c>, <c>engage label</c> and <c>engage runs</c> as an agency runs them, on Azurite.</summary>
public sealed class LabelCommandTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private readonly TestPipeline _pipeline = new(azurite);

    public async Task InitializeAsync()
    {
        _pipeline.WriteImport("acme/instagram.jsonl",
        [
            ApiContract.Line("p1", "2026-11-02T09:00:00Z", brand: true, text: "Black Friday: -40% su tutti i divani! Acquista ora, link in bio"),
            ApiContract.Line("c1", "2026-11-02T10:00:00Z", kind: "comment", parent: "p1", text: "Fate consegne a Bergamo?"),
            """{"id":"x1","text":"Bellissimo!","channel":"tiktok","created_at":"2026-11-02T11:00:00Z"}""",
        ]);
        var runner = _pipeline.Get<PipelineRunner>();
        await runner.RegisterAsync([new CatalogClient("acme", "Acme", "Europe/Rome", null, null, [new("instagram", "import", "acme/instagram.jsonl", null, null)])]);
        await runner.RunAsync(["acme"], tick: false);
    }

    public async Task DisposeAsync() => await _pipeline.DisposeAsync();

    [Fact]
    public async Task AnInteractionListedByIdIsCorrectedAndListedAsCorrected()
    {
        var listed = await RunAsync("interactions", "acme", "--from", "2026-11-01", "--to", "2026-11-30", "--json");
        var rows = listed.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var model = (await _pipeline.Get<IInteractionStore>().FindAsync("acme", "instagram_p1"))!.ModelLabel;
        var label = model == "broadcast" ? "relational" : "broadcast";

        var corrected = await RunAsync("label", "acme", "instagram_p1", label, "--by", "giulia", "--note", "a story, not an ad");
        var after = await RunAsync("interactions", "acme", "--from", "2026-11-01", "--to", "2026-11-30", "--corrected");
        var missing = await RunAsync("label", "acme", "instagram_nope", "relational");
        var bad = await RunAsync("label", "acme", "instagram_p1", "neutral");

        Assert.True(listed.ExitCode == 0, listed.Output);
        Assert.Equal(["instagram_x1", "instagram_c1", "instagram_p1"], rows.Select(r => r.GetProperty("interaction_id").GetString()));
        Assert.True(corrected.ExitCode == 0, corrected.Output);
        Assert.Contains($"instagram_p1: {label} (the model said {model}", corrected.Output, StringComparison.Ordinal);
        Assert.Contains("recomputed 2026-11-02", corrected.Output, StringComparison.Ordinal);
        Assert.Contains($"{label} (model: {model})", after.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("instagram_c1", after.Output, StringComparison.Ordinal);
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("has no interaction 'instagram_nope'", missing.Output, StringComparison.Ordinal);
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("'label' must be broadcast or relational", bad.Output, StringComparison.Ordinal);
        var correction = Assert.Single(await _pipeline.Get<ILabelCorrectionStore>().ListAsync("acme"));
        Assert.Equal(("giulia", "a story, not an ad"), (correction.CorrectedBy, correction.Note));
    }

    [Fact]
    public async Task RunsShowAWarningWithTheInteractionItIsAbout()
    {
        var (exitCode, output) = await RunAsync("runs", "acme");

        Assert.True(exitCode == 0, output);
        Assert.Contains("warning: acme/instagram.jsonl:3: 'channel' 'tiktok'", output, StringComparison.Ordinal);
        Assert.Contains("instagram_x1", output, StringComparison.Ordinal);
    }

    private Task<(int ExitCode, string Output)> RunAsync(params string[] arguments) =>
        EngageProcess.RunAsync(
            new Dictionary<string, string>
            {
                ["AzureWebJobsStorage"] = azurite.ConnectionString,
                ["Engagement__TablePrefix"] = _pipeline.Prefix,
            },
            arguments);
}
