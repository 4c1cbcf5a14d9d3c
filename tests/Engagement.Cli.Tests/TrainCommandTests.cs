using System.Text.Json.Nodes;
using Engagement.Testing;

namespace Engagement.Cli.Tests;

/// <summary><c>engage train</c> as an agency runs it, against a copy of the shipped model.</summary>
public sealed class TrainCommandTests : IDisposable
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
