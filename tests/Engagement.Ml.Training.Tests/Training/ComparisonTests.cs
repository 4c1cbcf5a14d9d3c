using System.Text.Json;
using Engagement.Ml.Corpus;
using Engagement.Ml.Training;
using Engagement.Ml.Vocabulary;

namespace Engagement.Ml.Training.Tests.Training;

public sealed class ComparisonTests
{
    [Fact]
    public async Task ComparisonCrossValidatesEveryTrainerOnFullInputAndTextAlone()
    {
        // A slice of the corpus keeps this a smoke test of the code path; the real table comes from the full corpus.
        var directory = Directory.CreateTempSubdirectory("engagement-compare-").FullName;
        try
        {
            var slice = LabelledData.ReadDirectory(RepositoryPaths.Corpus).Items
                .Where(i => !GroupSplit.IsHoldout(i.Group))
                .GroupBy(i => i.Group)
                .Take(12)
                .SelectMany(g => g.Take(40));
            await File.WriteAllLinesAsync(Path.Combine(directory, "slice.jsonl"), slice.Select(i => JsonSerializer.Serialize(new
            {
                id = i.Id, group = i.Group, lang = i.Language, kind = i.Kind.Name(), author_is_brand = i.AuthorIsBrand, text = i.Text, label = i.Label,
            })));

            var report = await ModelTrainer.CompareAsync(new ComparisonOptions { CorpusDirectory = directory, Folds = 3 });

            Assert.Equal(Enum.GetValues<TrainerChoice>(), report.Rows.Select(r => r.Trainer));
            Assert.All(report.Rows, r =>
            {
                Assert.InRange(r.Metrics.Full.MacroF1, 0.5, 1.0);
                Assert.InRange(r.Metrics.TextOnly.MacroF1, 0.5, 1.0);
                Assert.InRange(r.Metrics.Full.ExpectedCalibrationError, 0, 0.5);
            });
            Assert.Contains("| Ensemble | text only |", report.MarkdownTable, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
