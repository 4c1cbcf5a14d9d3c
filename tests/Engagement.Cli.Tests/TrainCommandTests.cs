using System.Text.Json.Nodes;
using Engagement.Core.Corrections;
using Engagement.LocalHost;
using Engagement.Testing;

namespace Engagement.Cli.Tests;

/// <summary><c>engage train</c> as an agency runs it, against a copy of the shipped model.</summary>
public sealed class TrainCommandTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("engage-train-").FullName;

    [Fact]
    public async Task TrainingOnBadlyLabelledDataKeepsTheModelInPlaceAndSaysSo()
    {
        var model = Path.Combine(_directory, "engagement-model.zip");
        File.Copy(RepositoryPaths.Combine("ml", "model", "engagement-model.zip"), model);
        File.Copy(RepositoryPaths.Combine("ml", "model", "engagement-model.metrics.json"), Path.Combine(_directory, "engagement-model.metrics.json"));
        var before = await File.ReadAllBytesAsync(model);
        var extra = Path.Combine(_directory, "extra.jsonl");
        await File.WriteAllLinesAsync(extra, FlippedCorpusLines());

        var (exitCode, output) = await EngageProcess.RunAsync(null, "train", "--data", extra, "--output", model);

        Assert.True(exitCode == 3, output);
        Assert.Contains("Training:", output, StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllBytesAsync(model));
    }

    [Fact]
    public async Task FeedbackTrainsOnEveryClientsCorrectionsOneGroupPerClientAndStillRefusesAWorseModel()
    {
        await using var pipeline = new TestPipeline(azurite);
        await CorrectAsync(pipeline, "acme", "Black Friday: -40% su tutti i divani! Acquista ora, link in bio", "Ciao Anna, ti scriviamo in DM 😊", "Nuovi arrivi in negozio");
        await CorrectAsync(pipeline, "bistro", "Menu del giorno: lasagne e tiramisù", "Grazie Marco, a presto!");
        var model = Path.Combine(_directory, "engagement-model.zip");
        File.Copy(RepositoryPaths.Combine("ml", "model", "engagement-model.zip"), model);
        File.Copy(RepositoryPaths.Combine("ml", "model", "engagement-model.metrics.json"), Path.Combine(_directory, "engagement-model.metrics.json"));
        var before = await File.ReadAllBytesAsync(model);
        var extra = Path.Combine(_directory, "extra.jsonl");
        var flipped = FlippedCorpusLines().ToList();
        await File.WriteAllLinesAsync(extra, flipped);
        var environment = new Dictionary<string, string> { ["AzureWebJobsStorage"] = azurite.ConnectionString, ["Engagement__TablePrefix"] = pipeline.Prefix };

        var (exitCode, output) = await EngageProcess.RunAsync(environment, "train", "--feedback", "--data", extra, "--output", model);

        // Five corrections from two clients reach the trainer beside the agency's own (flipped, so worse) file.
        Assert.Contains("feedback: 5 corrections from 2 clients", output, StringComparison.Ordinal);
        Assert.Contains($"+ {flipped.Count + 5} extra items", output, StringComparison.Ordinal);
        Assert.True(exitCode == 3, output);
        Assert.Equal(before, await File.ReadAllBytesAsync(model));
    }

    [Fact]
    public async Task EvaluatingMeasuresTheModelOnTheHeldOutBrandsWithoutTraining()
    {
        var model = RepositoryPaths.ShippedModel;
        var before = await File.ReadAllBytesAsync(model);

        var (exitCode, output) = await EngageProcess.RunAsync(null, "train", "--evaluate", "--output", model);

        Assert.True(exitCode == 0, output);
        Assert.Matches(@"on \d+ held-out items: macro-F1 0\.\d{4} full, 0\.\d{4} text only", output);
        Assert.Equal(before, await File.ReadAllBytesAsync(model));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    // Registers a client with one brand post per text, ingests them and labels each relational.
    private static async Task CorrectAsync(TestPipeline pipeline, string clientId, params string[] texts)
    {
        var lines = texts.Select((t, i) => ApiContract.Line($"p{i}", "2026-11-02T09:00:00Z", brand: true, text: t)).ToArray();
        pipeline.WriteImport($"{clientId}/instagram.jsonl", lines);
        var runner = pipeline.Get<PipelineRunner>();
        await runner.RegisterAsync([new CatalogClient(clientId, clientId, "Europe/Rome", null, null, [new("instagram", "import", $"{clientId}/instagram.jsonl", null, null)])]);
        await runner.RunAsync([clientId], tick: false);
        for (var i = 0; i < texts.Length; i++)
        {
            var outcome = await pipeline.Get<LabelCorrectionService>().CorrectAsync(clientId, $"instagram_p{i}", new("relational", "test"));
            Assert.Equal(CorrectionStatus.Corrected, outcome.Status);
        }
    }

    // Every other corpus line with its label turned round: an agency file that would teach the model the opposite.
    private static IEnumerable<string> FlippedCorpusLines() =>
        Directory.EnumerateFiles(RepositoryPaths.Combine("ml", "data", "corpus"), "*.jsonl")
            .SelectMany(File.ReadLines)
            .Where((_, i) => i % 2 == 0)
            .Select(line =>
            {
                var item = JsonNode.Parse(line)!.AsObject();
                item["label"] = (string?)item["label"] == "relational" ? "broadcast" : "relational";
                return item.ToJsonString();
            });
}
