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
                .Where(i => i.Source is "a.jsonl" or "g.jsonl")
                .GroupBy(i => i.Source)
                .SelectMany(writer => writer.GroupBy(i => i.Group).Take(6).SelectMany(g => g.Take(40)))
                .ToList();
            // Two files, so that leaving one writer out has another to learn from.
            foreach (var (writer, part) in slice.GroupBy(i => i.Source).Take(2).Select((g, k) => ("w" + k, g)))
            {
                await File.WriteAllLinesAsync(Path.Combine(directory, writer + ".jsonl"), part.Select(i => JsonSerializer.Serialize(new
                {
                    id = i.Id, group = i.Group, lang = i.Language, kind = i.Kind.Name(), author_is_brand = i.AuthorIsBrand, text = i.Text, label = i.Label,
                })));
            }

            var recipe = new TrainingRecipe { RealFeedWeights = false, CalibrateByContext = false };
            var report = await ModelTrainer.CompareAsync(new ComparisonOptions { CorpusDirectory = directory, Folds = 3, Recipes = [recipe] });

            Assert.Equal([.. Enum.GetValues<TrainerChoice>(), TrainerChoice.LbfgsLogisticRegression, TrainerChoice.LbfgsLogisticRegression], report.Rows.Select(r => r.Trainer));
            Assert.Equal(["brand", "writer"], report.Rows.TakeLast(2).Select(r => r.Folds));
            Assert.All(report.Rows.TakeLast(2), r => Assert.Equal(recipe.Describe(), r.Recipe));
            // Two writers of six brands each are too few to learn one from the other; that row is only checked to exist.
            Assert.All(report.Rows.Where(r => r.Folds == "brand"), r =>
            {
                Assert.InRange(r.Metrics.Full.MacroF1, 0.5, 1.0);
                Assert.InRange(r.Metrics.TextOnly.MacroF1, 0.5, 1.0);
                Assert.InRange(r.Metrics.Full.ExpectedCalibrationError, 0, 0.5);
            });
            Assert.Contains("| structural rule |", report.MarkdownTable, StringComparison.Ordinal);
            Assert.Contains("| Ensemble | " + TrainingRecipe.Default.Describe() + " | brand | text only |", report.MarkdownTable, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
