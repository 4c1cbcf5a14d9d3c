using System.Text.Json;
using Engagement.Ml.Corpus;
using Engagement.Ml.Training;
using Engagement.Ml.Vocabulary;

namespace Engagement.Ml.Training.Tests.Training;

public sealed class TrainingSetTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("engagement-set-").FullName;

    [Fact]
    public void AnAgencysExamplesTrainEvenWhenTheirBrandNameHashesIntoTheHeldOutShare()
    {
        Assert.True(GroupSplit.IsHoldout("ungrouped"));
        var extra = Write("extra.jsonl", """{"id":"x1","text":"Da noi il brodo lo fa ancora la nonna, e voi chi lo fa a casa?","label":"relational","kind":"post","author_is_brand":true}""");

        var baseline = TrainingSet.Build(RepositoryPaths.Corpus, null);
        var merged = TrainingSet.Build(RepositoryPaths.Corpus, extra);

        Assert.Equal(baseline.Train.Count + 1, merged.Train.Count);
        Assert.Equal(baseline.Holdout.Count, merged.Holdout.Count);
        Assert.Contains(merged.Train, i => i.Id == "x1" && i.Group == "ungrouped");
    }

    [Fact]
    public void AnAgencysLabelWinsOverATrainingItemButNeverOverAHeldOutOne()
    {
        var corpus = LabelledData.ReadDirectory(RepositoryPaths.Corpus).Items;
        var trained = corpus.First(i => !GroupSplit.IsHoldout(i.Group) && i.Text.Length > 60);
        var heldOut = corpus.First(i => GroupSplit.IsHoldout(i.Group) && i.Text.Length > 60);
        var extra = Write(
            "relabel.jsonl",
            Line(trained with { Id = "r1", IsRelational = !trained.IsRelational }),
            Line(heldOut with { Id = "r2", IsRelational = !heldOut.IsRelational }));

        var merged = TrainingSet.Build(RepositoryPaths.Corpus, extra);

        Assert.Contains(merged.Train, i => i.Id == "r1" && i.IsRelational != trained.IsRelational);
        Assert.DoesNotContain(merged.Train, i => i.Id == trained.Id);
        Assert.Contains(merged.Holdout, i => i.Id == heldOut.Id && i.IsRelational == heldOut.IsRelational);
        Assert.DoesNotContain(merged.Train.Concat(merged.Holdout), i => i.Id == "r2");
        Assert.Equal(1, merged.Data.ExtraReplacedBase);
    }

    private static string Line(LabelledItem item) => JsonSerializer.Serialize(new
    {
        id = item.Id, group = item.Group, kind = item.Kind.Name(), author_is_brand = item.AuthorIsBrand, text = item.Text, label = item.Label,
    });

    private string Write(string name, params string[] lines)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllLines(path, lines);
        return path;
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
