using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Engagement.Ml;
using Engagement.Ml.Corpus;
using Engagement.Ml.Features;
using Engagement.Ml.Training;
using Engagement.Ml.Vocabulary;
using Microsoft.ML;

namespace Engagement.Bench;

/// <summary>
/// Developer commands for the model, run from the repository root with
/// <c>dotnet run -c Release --project bench/Engagement.Bench -- COMMAND</c>. <c>engage train</c> is the product's
/// way to train; these add what only model work needs: error lists, profiles, the baseline's quality, corpus import.
/// </summary>
internal static class ModelTools
{
    private const string DefaultCorpus = "ml/data/corpus";
    private const string DefaultModel = "ml/model/engagement-model.zip";

    public static Func<string[], Task<int>>? Find(string[] args) => args.FirstOrDefault() switch
    {
        "train" => Train,
        "compare" => Compare,
        "gate" => args => Task.FromResult(Gate(args)),
        "errors" => args => Task.FromResult(CrossValidationErrors(args)),
        "baseline" => args => Task.FromResult(BaselineQuality(args)),
        "profile" => args => Task.FromResult(Profile(args)),
        "score" => args => Task.FromResult(Score(args)),
        "import" => args => Task.FromResult(Import(args)),
        _ => null,
    };

    /// <summary><c>train [--corpus DIR] [--data FILE] [--output ZIP] [--folds N] [--trainer NAME] [--force] [--compare]</c></summary>
    private static async Task<int> Train(string[] args)
    {
        var report = await ModelTrainer.TrainAsync(
            new TrainingOptions
            {
                CorpusDirectory = Option(args, "--corpus") ?? DefaultCorpus,
                ExtraDataPath = Option(args, "--data"),
                OutputModelPath = Option(args, "--output") ?? DefaultModel,
                Force = args.Contains("--force"),
                Folds = int.Parse(Option(args, "--folds") ?? "5", CultureInfo.InvariantCulture),
                Trainer = Enum.Parse<TrainerChoice>(Option(args, "--trainer") ?? nameof(TrainerChoice.LbfgsLogisticRegression)),
                Compare = args.Contains("--compare"),
            },
            StderrProgress());
        Console.WriteLine(report.Summary);
        if (report.Comparison is { } rows)
        {
            Console.WriteLine(ModelTrainer.MarkdownTable(rows));
        }

        return report.Replaced ? 0 : 3;
    }

    /// <summary><c>compare [--corpus DIR] [--data FILE] [--folds N] [--trainers A,B]</c>: the model card's table.</summary>
    private static async Task<int> Compare(string[] args)
    {
        var report = await ModelTrainer.CompareAsync(
            new ComparisonOptions
            {
                CorpusDirectory = Option(args, "--corpus") ?? DefaultCorpus,
                ExtraDataPath = Option(args, "--data"),
                Folds = int.Parse(Option(args, "--folds") ?? "5", CultureInfo.InvariantCulture),
                Trainers = Option(args, "--trainers")?.Split(',').Select(Enum.Parse<TrainerChoice>).ToList(),
            },
            StderrProgress());
        Console.WriteLine($"{report.Items} items, {report.Folds} grouped folds");
        Console.WriteLine(report.MarkdownTable);
        return 0;
    }

    /// <summary><c>gate [--model ZIP] [--errors]</c>: the quality gate's numbers, and optionally every held-out miss.</summary>
    private static int Gate(string[] args)
    {
        using var classifier = EngagementClassifier.Load(Option(args, "--model") ?? DefaultModel);
        var items = ModelTrainer.HoldoutItems(Option(args, "--corpus") ?? DefaultCorpus);
        if (args.Contains("--errors"))
        {
            var full = classifier.ClassifyBatch(items.Select(i => i.ToInput()).ToList());
            var text = classifier.ClassifyBatch(items.Select(i => new ClassifierInput(i.Text)).ToList());
            for (var i = 0; i < items.Count; i++)
            {
                if (full[i].Label != items[i].Label || text[i].Label != items[i].Label)
                {
                    Console.WriteLine($"{Describe(items[i], full[i].RelationalProbability, text[i].RelationalProbability)} [{string.Join("; ", full[i].Signals)}]");
                }
            }
        }

        var evaluation = ModelTrainer.Evaluate(classifier, items);
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{classifier.ModelVersion}: held-out macro-F1 {evaluation.Full.MacroF1:0.0000} full, {evaluation.TextOnly.MacroF1:0.0000} text only, ECE {evaluation.Full.ExpectedCalibrationError:0.0000}/{evaluation.TextOnly.ExpectedCalibrationError:0.0000}"));
        return 0;
    }

    /// <summary><c>errors</c>: out-of-fold misses of the shipped learner on the training brands, to read for patterns.</summary>
    private static int CrossValidationErrors(string[] args)
    {
        var set = TrainingSet.Build(Option(args, "--corpus") ?? DefaultCorpus, null);
        var cv = new TrainingEngine().CrossValidate(TrainerChoice.LbfgsLogisticRegression, new PreparedItems(set.Train), 5, null, CancellationToken.None);
        for (var i = 0; i < set.Train.Count; i++)
        {
            if ((cv.Full[i] >= 0.5f) != set.Train[i].IsRelational || (cv.TextOnly[i] >= 0.5f) != set.Train[i].IsRelational)
            {
                Console.WriteLine(Describe(set.Train[i], cv.Full[i], cv.TextOnly[i]));
            }
        }

        return 0;
    }

    /// <summary><c>baseline</c>: the bare FeaturizeText + SDCA pipeline on the same held-out brands as the shipped model.</summary>
    private static int BaselineQuality(string[] args)
    {
        var corpus = Option(args, "--corpus") ?? DefaultCorpus;
        var ml = new MLContext(seed: 1);
        var baseline = Baseline.Train(ml, LabelledData.ReadDirectory(corpus).Items.Where(i => !GroupSplit.IsHoldout(i.Group)));
        var holdout = ModelTrainer.HoldoutItems(corpus);
        using var engine = ml.Model.CreatePredictionEngine<BaselineRow, BaselinePrediction>(baseline);
        var metrics = ModelMetrics.Compute(holdout, holdout.Select(i => engine.Predict(new BaselineRow { Text = i.Text }).Probability).ToList());
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"baseline on {holdout.Count} held-out items: macro-F1 {metrics.MacroF1:0.000}, AUC {metrics.Auc:0.000}, ECE {metrics.ExpectedCalibrationError:0.000}, brand posts {metrics.BrandPosts.MacroF1:0.000}"));
        return 0;
    }

    /// <summary><c>profile</c>: a rough split of a 1,000-item batch into normalising, cues, featurising, scoring and explaining.</summary>
    private static int Profile(string[] args)
    {
        var holdout = ModelTrainer.HoldoutItems(Option(args, "--corpus") ?? DefaultCorpus);
        var inputs = Enumerable.Range(0, 1000).Select(i => holdout[i % holdout.Count].ToInput()).ToList();
        using var classifier = EngagementClassifier.Load(Option(args, "--model") ?? DefaultModel);
        var cues = new float[StructuralFeatures.Count];
        for (var round = 0; round < 8; round++)
        {
            var clock = Stopwatch.StartNew();
            var normalized = inputs.Select(i => TextNormalizer.Normalize(i.Text)).ToArray();
            var normalize = clock.Elapsed.TotalMilliseconds;
            clock.Restart();
            for (var k = 0; k < inputs.Count; k++)
            {
                StructuralFeatures.Fill(inputs[k], normalized[k], cues);
            }

            var structural = clock.Elapsed.TotalMilliseconds;
            clock.Restart();
            _ = inputs.Select(Featurizer.Featurize).ToArray();
            var featurize = clock.Elapsed.TotalMilliseconds;
            clock.Restart();
            classifier.RawScores(inputs);
            var transform = clock.Elapsed.TotalMilliseconds;
            clock.Restart();
            classifier.ClassifyBatch(inputs);
            var classify = clock.Elapsed.TotalMilliseconds;
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"normalise {normalize:0} ms, cues {structural:0} ms, featurise (all) {featurize:0} ms, featurise + one Transform {transform:0} ms, ClassifyBatch with signals {classify:0} ms"));
        }

        return 0;
    }

    /// <summary><c>score FILE</c>: one input per line, <c>kind|brand|text</c> or just text; prints label, probability, signals.</summary>
    private static int Score(string[] args)
    {
        using var classifier = EngagementClassifier.Load(Option(args, "--model") ?? DefaultModel);
        foreach (var line in File.ReadLines(args[1]))
        {
            var parts = line.Split('|');
            var input = new ClassifierInput(parts[^1], parts.Length > 1 ? InteractionKinds.FromAnyName(parts[0]) : InteractionKind.Unknown, AuthorIsBrand: parts.Length > 2 ? parts[1] == "brand" : null);
            var result = classifier.Classify(input);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{result.Label,-10} {result.RelationalProbability:0.00} [{string.Join("; ", result.Signals)}] {parts[^1]}"));
        }

        return 0;
    }

    /// <summary>
    /// <c>import SOURCE [--corpus DIR]</c>: copies each writer's folder of parts into one file per writer, without the
    /// items that repeat an item of another brand (they would straddle a fold boundary), and lists what it dropped.
    /// Lines are kept verbatim.
    /// </summary>
    private static int Import(string[] args)
    {
        var source = args[1];
        var target = Option(args, "--corpus") ?? DefaultCorpus;
        var parts = Directory.GetDirectories(source).Order(StringComparer.Ordinal).ToList();
        var read = parts.Select(p => (Part: Path.GetFileName(p), Data: LabelledData.ReadDirectory(p))).ToList();
        var dropped = NearDuplicates.Find(read.SelectMany(r => r.Data.Items).ToList()).Where(d => d.CrossesGroups).ToList();
        var dropIds = dropped.Select(d => d.Duplicate.Id).ToHashSet(StringComparer.Ordinal);
        Directory.CreateDirectory(target);
        foreach (var (part, _) in read)
        {
            var lines = Directory.EnumerateFiles(Path.Combine(source, part), "*.jsonl").Order(StringComparer.Ordinal)
                .SelectMany(File.ReadLines)
                .Where(l => !string.IsNullOrWhiteSpace(l) && !dropIds.Contains(IdOf(l)));
            File.WriteAllLines(Path.Combine(target, part + ".jsonl"), lines);
        }

        var problems = read.SelectMany(r => r.Data.Problems).ToList();
        Console.WriteLine($"{read.Sum(r => r.Data.Items.Count)} items read, {problems.Count} unreadable lines, {dropped.Count} cross-brand near-duplicates dropped");
        foreach (var problem in problems)
        {
            Console.WriteLine($"  unreadable: {problem}");
        }

        foreach (var pair in dropped)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  dropped {pair.Duplicate.Id} ~ {pair.Original.Id} ({pair.Similarity:0.00}): {pair.Duplicate.Text.ReplaceLineEndings(" ")}"));
        }

        return 0;
    }

    private static string IdOf(string line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            return document.RootElement.TryGetProperty("id", out var id) ? id.GetString() ?? string.Empty : string.Empty;
        }
        catch (JsonException)
        {
            return string.Empty;
        }
    }

    private static string Describe(LabelledItem item, float full, float text) => string.Create(
        CultureInfo.InvariantCulture,
        $"{item.Label[..3]} full={full:0.00} text={text:0.00} {(item.Hard ? "HARD " : string.Empty)}{item.Kind}/{(item.AuthorIsBrand == true ? "brand" : "other")} {item.Id}: {item.Text.ReplaceLineEndings(" ")}");

    private static Progress<TrainingProgress> StderrProgress() => new(p => Console.Error.WriteLine($"  {p.Stage} {p.Done}/{p.Total}"));

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
