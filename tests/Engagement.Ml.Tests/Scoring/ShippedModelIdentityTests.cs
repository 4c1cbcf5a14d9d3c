using System.Globalization;
using System.Text.Json;
using Engagement.Ml.Corpus;

namespace Engagement.Ml.Tests.Scoring;

/// <summary>
/// The shipped model must answer exactly as it did before the scoring path was rewritten for speed: every item of
/// <c>ml/data/eval/*.jsonl</c>, with its metadata and on text alone, against probabilities and signals recorded by the
/// ML.NET PredictionEngine path (commit "Record the shipped model's answers on the evaluation sets").
/// </summary>
public sealed class ShippedModelIdentityTests(ShippedModel model) : IClassFixture<ShippedModel>
{
    private static readonly string FixturePath = RepositoryPaths.Combine("tests", "Engagement.Ml.Tests", "Scoring", "Fixtures", "eval-scores.jsonl");

    [Fact]
    public void EveryEvaluationItemGetsTheRecordedProbabilityAndSignals()
    {
        var actual = Score(model.Classifier);
        // Only to record a deliberate change of model: the fixture is the "before" of any rewrite of scoring.
        if (Environment.GetEnvironmentVariable("ENGAGEMENT_RECORD_SCORES") == "1")
        {
            File.WriteAllLines(FixturePath, actual.Select(r => JsonSerializer.Serialize(r)));
        }

        var expected = File.ReadLines(FixturePath).Select(l => JsonSerializer.Deserialize<Recorded>(l)!).ToList();
        Assert.Equal(expected.Count, actual.Count);
        var mismatches = new List<string>();
        for (var i = 0; i < expected.Count; i++)
        {
            var (e, a) = (expected[i], actual[i]);
            Assert.Equal(e.Key, a.Key);
            // Bit for bit: a float written as a double reads back exactly, and scoring computes ML.NET's own margin.
            if (e.Probability != a.Probability || !e.Signals.SequenceEqual(a.Signals))
            {
                mismatches.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{e.Key}: {e.Probability} [{string.Join("; ", e.Signals)}] became {a.Probability} [{string.Join("; ", a.Signals)}]"));
            }
        }

        Assert.True(mismatches.Count == 0, $"{mismatches.Count} of {expected.Count} differ:\n" + string.Join('\n', mismatches.Take(20)));
    }

    private static List<Recorded> Score(EngagementClassifier classifier)
    {
        var records = new List<Recorded>();
        foreach (var path in Directory.GetFiles(RepositoryPaths.Combine("ml", "data", "eval"), "*.jsonl").Order(StringComparer.Ordinal))
        {
            var set = Path.GetFileNameWithoutExtension(path);
            var items = LabelledData.ReadFile(path).Items;
            var full = classifier.ClassifyBatch(items.Select(i => i.ToInput()).ToList());
            var text = classifier.ClassifyBatch(items.Select(i => new ClassifierInput(i.Text)).ToList());
            for (var i = 0; i < items.Count; i++)
            {
                records.Add(new Recorded($"{set}/{items[i].Id}", full[i].RelationalProbability, full[i].Signals.ToArray()));
                records.Add(new Recorded($"{set}/{items[i].Id}/text", text[i].RelationalProbability, text[i].Signals.ToArray()));
            }
        }

        return records;
    }

    private sealed record Recorded(string Key, double Probability, string[] Signals);
}
