using System.Security.Cryptography;
using System.Text.Json;
using Engagement.Ml.Corpus;
using Engagement.Ml.Training;
using Engagement.Ml.Vocabulary;
using Microsoft.Extensions.Time.Testing;

namespace Engagement.Ml.Training.Tests.Training;

/// <summary>
/// Retraining as <c>engage train --data</c> runs it, against a copy of the shipped model. Two folds instead of five
/// keep each run to a few seconds; the held-out brands are the same as in production.
/// </summary>
public sealed class RetrainingTests : IDisposable
{
    private const string AgencyBrand = "agency-trattoria-da-nino";
    private readonly string _directory = Directory.CreateTempSubdirectory("engagement-retrain-").FullName;
    private readonly string _modelPath;

    public RetrainingTests()
    {
        _modelPath = Path.Combine(_directory, "engagement-model.zip");
        File.Copy(RepositoryPaths.ShippedModel, _modelPath);
        File.Copy(ModelTrainer.MetricsPathFor(RepositoryPaths.ShippedModel), ModelTrainer.MetricsPathFor(_modelPath));
    }

    [Fact]
    public async Task RetrainingRefusesAModelMadeWorseByFlippedLabels()
    {
        var corpus = LabelledData.ReadDirectory(RepositoryPaths.Corpus).Items;
        var flipped = corpus.Where(i => !GroupSplit.IsHoldout(i.Group)).Where((_, k) => k % 2 == 0).Select(i => i with { IsRelational = !i.IsRelational }).ToList();
        var extra = WriteExtra("flipped.jsonl", flipped);
        var before = SHA256.HashData(File.ReadAllBytes(_modelPath));

        var report = await ModelTrainer.TrainAsync(Options(extra));

        Assert.False(report.Replaced, report.Summary);
        Assert.NotNull(report.Before);
        Assert.True(report.After.Full.MacroF1 < report.Before.Full.MacroF1, report.Summary);
        Assert.Equal(report.PreviousModelVersion, report.ModelVersion);
        Assert.NotEqual(report.PreviousModelVersion, report.CandidateModelVersion);
        Assert.Equal(before, SHA256.HashData(File.ReadAllBytes(_modelPath)));
    }

    [Fact]
    public async Task RetrainingSetsTheFeedsSetsAndTheRuleBesideTheHeldOutBrands()
    {
        var extra = WriteExtra("agency.jsonl", AgencyExamples());

        var report = await ModelTrainer.TrainAsync(Options(extra));

        Assert.Equal(["feeds-it", "feeds-en", "together"], report.Evaluations.Select(e => e.Name));
        Assert.All(report.Evaluations, e =>
        {
            Assert.NotNull(e.Before);
            Assert.True(e.After.Full.MacroF1 > e.After.Rule.MacroF1, $"{e.Name}: model {e.After.Full.MacroF1:0.000}, rule {e.After.Rule.MacroF1:0.000}");
        });
        Assert.Equal(800, report.Evaluations[^1].Count);
        Assert.Contains("feeds-en", report.Summary, StringComparison.Ordinal);
        Assert.Contains("rule: full", report.Summary, StringComparison.Ordinal);
        Assert.True(report.After.Full.Weighted, "the held-out brands are measured at real-feed proportions");
    }

    [Fact]
    public async Task RetrainingWithAnAgencysExamplesWritesANewModelVersion()
    {
        Assert.False(GroupSplit.IsHoldout(AgencyBrand));
        var previous = EngagementClassifier.ReadModelVersion(_modelPath);
        var extra = WriteExtra("agency.jsonl", AgencyExamples());
        var progress = new List<TrainingProgress>();

        var report = await ModelTrainer.TrainAsync(Options(extra) with { Force = true }, new SynchronousProgress(progress));

        Assert.True(report.Replaced);
        Assert.Equal(previous, report.PreviousModelVersion);
        Assert.NotEqual(previous, report.ModelVersion);
        Assert.StartsWith("2026.12.01-", report.ModelVersion, StringComparison.Ordinal);
        Assert.Equal(AgencyExamples().Count, report.Data.ExtraItems);
        using (var reloaded = EngagementClassifier.Load(_modelPath))
        {
            Assert.Equal(report.ModelVersion, reloaded.ModelVersion);
        }

        using var metrics = JsonDocument.Parse(File.ReadAllText(report.MetricsPath));
        Assert.Equal(report.ModelVersion, metrics.RootElement.GetProperty("modelVersion").GetString());
        Assert.Contains(progress, p => p.Stage.StartsWith("cross-validating", StringComparison.Ordinal));
        Assert.Equal("done", progress[^1].Stage);
    }

    private TrainingOptions Options(string extra) => new()
    {
        CorpusDirectory = RepositoryPaths.Corpus,
        ExtraDataPath = extra,
        OutputModelPath = _modelPath,
        EvaluationSets = [RepositoryPaths.Combine("ml", "data", "eval", "feeds-it.jsonl"), RepositoryPaths.Combine("ml", "data", "eval", "feeds-en.jsonl")],
        Folds = 2,
        TimeProvider = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero)),
    };

    private string WriteExtra(string name, IEnumerable<LabelledItem> items)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllLines(path, items.Select(i => JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["id"] = i.Id,
            ["group"] = i.Group,
            ["lang"] = i.Language,
            ["channel"] = i.Channel?.ToString(),
            ["kind"] = i.Kind.Name(),
            ["author_is_brand"] = i.AuthorIsBrand,
            ["text"] = i.Text,
            ["label"] = i.Label,
        })));
        return path;
    }

    private static List<LabelledItem> AgencyExamples() =>
    [
        new("n1", AgencyBrand, "Da Nino il venerdì si mangia pesce: frittura mista a 16 €, prenota al numero in bio.", false, InteractionKind.Post, Channel.Facebook, true, "it"),
        new("n2", AgencyBrand, "Nino stamattina è andato al mercato alle cinque e ha litigato con il pescivendolo per due orate. Voi che rito avete il venerdì?", true, InteractionKind.Post, Channel.Facebook, true, "it"),
        new("n3", AgencyBrand, "Grazie Lucia! Nino dice che la prossima volta il limoncello lo offre lui 😄", true, InteractionKind.Reply, Channel.Facebook, true, "it"),
        new("n4", AgencyBrand, "Chiusi per turno di riposo lunedì e martedì.", false, InteractionKind.Post, Channel.Facebook, true, "it"),
        new("n5", AgencyBrand, "Ma la pasta e patate c'è anche a pranzo?", true, InteractionKind.Comment, Channel.Facebook, false, "it"),
        new("n6", AgencyBrand, "Menu degustazione di terra a 35 €, vini esclusi. Solo su prenotazione.", false, InteractionKind.Post, Channel.Instagram, true, "it"),
    ];

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>Records progress on the reporting thread; <see cref="Progress{T}"/> would post it later.</summary>
    private sealed class SynchronousProgress(List<TrainingProgress> sink) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value)
        {
            lock (sink)
            {
                sink.Add(value);
            }
        }
    }
}
