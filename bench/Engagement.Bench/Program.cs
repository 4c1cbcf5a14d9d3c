using Engagement.Ml.Data;
using System.Globalization;
using BenchmarkDotNet.Running;
using Engagement.Ml.Training;

// `train` and `compare` drive ModelTrainer directly so model work does not wait for the CLI; anything else goes
// to BenchmarkDotNet (e.g. `--filter * --job short`).
if (args.Length > 0 && args[0] == "gate")
{
    using var classifier = Engagement.Ml.EngagementClassifier.Load(Option("--model") ?? "ml/model/engagement-model.zip");
    var evaluation = ModelTrainer.Evaluate(classifier, ModelTrainer.HoldoutItems(Option("--corpus") ?? "ml/data/corpus"));
    if (args.Contains("--errors"))
    {
        var items = ModelTrainer.HoldoutItems(Option("--corpus") ?? "ml/data/corpus");
        var full = classifier.ClassifyBatch(items.Select(i => i.ToInput()).ToList());
        var text = classifier.ClassifyBatch(items.Select(i => new Engagement.Ml.ClassifierInput(i.Text)).ToList());
        for (var i = 0; i < items.Count; i++)
        {
            if (full[i].Label != items[i].Label || text[i].Label != items[i].Label)
            {
                Console.WriteLine($"{items[i].Label[..3]} full={full[i].RelationalProbability:0.00} text={text[i].RelationalProbability:0.00} {(items[i].Hard ? "HARD" : "")} {items[i].Kind}/{(items[i].AuthorIsBrand == true ? "brand" : "other")} {items[i].Id}: {items[i].Text.ReplaceLineEndings(" ")[..Math.Min(150, items[i].Text.Length)]} [{string.Join("; ", full[i].Signals)}]");
            }
        }
    }

    Console.WriteLine($"{classifier.ModelVersion}: held-out macro-F1 {evaluation.Full.MacroF1:0.0000} full, {evaluation.TextOnly.MacroF1:0.0000} text only, ECE {evaluation.Full.ExpectedCalibrationError:0.0000}/{evaluation.TextOnly.ExpectedCalibrationError:0.0000}");
    return 0;
}

if (args.Length > 0 && args[0] == "profile")
{
    // Where a batch's time goes: normalisation, featurisation, ML.NET scoring, explanations.
    var holdout = ModelTrainer.HoldoutItems("ml/data/corpus");
    var inputs = Enumerable.Range(0, 1000).Select(i => holdout[i % holdout.Count].ToInput()).ToList();
    using var classifier = Engagement.Ml.EngagementClassifier.Load("ml/model/engagement-model.zip");
    for (var round = 0; round < 8; round++)
    {
        var sw = System.Diagnostics.Stopwatch.StartNew();
        foreach (var input in inputs) { Engagement.Ml.Features.TextNormalizer.Normalize(input.Text); }
        var normalize = sw.Elapsed.TotalMilliseconds;
        sw.Restart();
        var featurized = inputs.Select(Engagement.Ml.Features.Featurizer.Featurize).ToArray();
        var featurize = sw.Elapsed.TotalMilliseconds;
        sw.Restart();
        classifier.RawScores(inputs);
        var raw = sw.Elapsed.TotalMilliseconds;
        sw.Restart();
        classifier.ClassifyBatch(inputs);
        var all = sw.Elapsed.TotalMilliseconds;
        var normalized = inputs.Select(i => Engagement.Ml.Features.TextNormalizer.Normalize(i.Text)).ToArray();
        sw.Restart();
        var buffer = new float[Engagement.Ml.Features.StructuralFeatures.Count];
        for (var k = 0; k < inputs.Count; k++) { Engagement.Ml.Features.StructuralFeatures.Fill(inputs[k], normalized[k], buffer); }
        Console.Write($"structural {sw.Elapsed.TotalMilliseconds:0} ms, ");
        Console.WriteLine($"normalise {normalize:0} ms, featurise {featurize:0} ms, featurise+score {raw:0} ms, classify with signals {all:0} ms");
    }

    return 0;
}

if (args.Length > 0 && args[0] == "baseline")
{
    // Quality of the bare pipeline the benchmark compares with, on the same held-out brands as the shipped model.
    var corpusPath = Option("--corpus") ?? "ml/data/corpus";
    var ml = new Microsoft.ML.MLContext(seed: 1);
    var baseline = Engagement.Bench.Baseline.Train(ml, LabelledData.ReadDirectory(corpusPath).Items.Where(i => !GroupSplit.IsHoldout(i.Group)));
    var holdout = ModelTrainer.HoldoutItems(corpusPath);
    var engine = ml.Model.CreatePredictionEngine<Engagement.Bench.BaselineRow, Engagement.Bench.BaselinePrediction>(baseline);
    var metrics = ModelMetrics.Compute(holdout, holdout.Select(i => engine.Predict(new Engagement.Bench.BaselineRow { Text = i.Text }).Probability).ToList());
    Console.WriteLine($"baseline on {holdout.Count} held-out items: macro-F1 {metrics.MacroF1:0.000}, AUC {metrics.Auc:0.000}, ECE {metrics.ExpectedCalibrationError:0.000}, brand posts {metrics.BrandPosts.MacroF1:0.000}");
    return 0;
}

if (args.Length > 0 && args[0] == "import")
{
    // Copies the writers' parts into ml/data/corpus, one file per writer, without items that repeat an item of
    // another brand (they would straddle a fold boundary), and lists what it dropped.
    var source = args[1];
    var target = Option("--corpus") ?? "ml/data/corpus";
    var parts = Directory.GetDirectories(source).Order(StringComparer.Ordinal).ToList();
    var all = parts.SelectMany(p => LabelledData.ReadDirectory(p).Items.Select(i => (Part: Path.GetFileName(p), Item: i))).ToList();
    var problems = parts.SelectMany(p => LabelledData.ReadDirectory(p).Problems).ToList();
    var dropped = NearDuplicates.Find(all.Select(x => x.Item).ToList()).Where(d => d.CrossesGroups).ToList();
    var dropIds = dropped.Select(d => d.Duplicate.Id).ToHashSet(StringComparer.Ordinal);
    Directory.CreateDirectory(target);
    foreach (var part in all.GroupBy(x => x.Part))
    {
        var lines = part.Where(x => !dropIds.Contains(x.Item.Id)).Select(x => x.Item);
        var raw = Directory.EnumerateFiles(Path.Combine(source, part.Key), "*.jsonl").Order(StringComparer.Ordinal)
            .SelectMany(File.ReadLines).Where(l => !string.IsNullOrWhiteSpace(l)).ToList();
        // Keep each writer's original line verbatim; only dropped ids are filtered out.
        File.WriteAllLines(Path.Combine(target, part.Key + ".jsonl"), raw.Where(l =>
        {
            using var doc = System.Text.Json.JsonDocument.Parse(l);
            return doc.RootElement.TryGetProperty("id", out var id) && !dropIds.Contains(id.GetString() ?? "");
        }));
    }

    Console.WriteLine($"{all.Count} items read, {problems.Count} unreadable lines, {dropped.Count} cross-brand near-duplicates dropped");
    foreach (var problem in problems)
    {
        Console.WriteLine($"  unreadable: {problem}");
    }

    foreach (var d in dropped)
    {
        Console.WriteLine($"  dropped {d.Duplicate.Id} ~ {d.Original.Id} ({d.Similarity:0.00}): {d.Duplicate.Text.ReplaceLineEndings(" ")}");
    }

    return 0;
}

if (args.Length > 0 && args[0] == "errors")
{
    var set = TrainingSet.Build(Option("--corpus") ?? "ml/data/corpus", null);
    var prepared = new PreparedItems(set.Train);
    var cv = new TrainingEngine().CrossValidate(TrainerChoice.LbfgsLogisticRegression, prepared, 5, null, CancellationToken.None);
    for (var i = 0; i < set.Train.Count; i++)
    {
        var item = set.Train[i];
        if ((cv.Full[i] >= 0.5f) != item.IsRelational || (cv.TextOnly[i] >= 0.5f) != item.IsRelational)
        {
            Console.WriteLine($"{item.Label[..3]} full={cv.Full[i]:0.00} text={cv.TextOnly[i]:0.00} {(item.Hard ? "HARD" : "")} {item.Kind}/{(item.AuthorIsBrand == true ? "brand" : "other")} {item.Id}: {item.Text.ReplaceLineEndings(" ")}");
        }
    }

    return 0;
}

if (args.Length > 0 && args[0] == "score")
{
    using var classifier = Engagement.Ml.EngagementClassifier.Load(Option("--model") ?? "ml/model/engagement-model.zip");
    foreach (var line in File.ReadLines(args[1]))
    {
        var parts = line.Split('|');
        var input = new Engagement.Ml.ClassifierInput(parts[^1], parts.Length > 1 ? parts[0] : null, AuthorIsBrand: parts.Length > 2 ? parts[1] == "brand" : null);
        var c = classifier.Classify(input);
        Console.WriteLine($"{c.Label,-10} {c.RelationalProbability:0.00} [{string.Join("; ", c.Signals)}] {parts[^1]}");
    }

    return 0;
}

if (args.Length > 0 && args[0] is "train" or "compare")
{
    var corpus = Option("--corpus") ?? "ml/data/corpus";
    var extra = Option("--data");
    var folds = int.Parse(Option("--folds") ?? "5", CultureInfo.InvariantCulture);
    var progress = new Progress<TrainingProgress>(p => Console.Error.WriteLine($"  {p.Stage} {p.Done}/{p.Total}"));
    if (args[0] == "compare")
    {
        var report = await ModelTrainer.CompareAsync(new ComparisonOptions
            {
                CorpusDirectory = corpus,
                ExtraDataPath = extra,
                Folds = folds,
                Trainers = Option("--trainers")?.Split(',').Select(Enum.Parse<TrainerChoice>).ToList(),
            }, progress);
        Console.WriteLine($"{report.Items} items, {report.Folds} grouped folds");
        Console.WriteLine(report.MarkdownTable);
    }
    else
    {
        var trainer = Enum.Parse<TrainerChoice>(Option("--trainer") ?? nameof(TrainerChoice.LbfgsLogisticRegression));
        var report = await ModelTrainer.TrainAsync(
            new TrainingOptions
            {
                CorpusDirectory = corpus,
                ExtraDataPath = extra,
                OutputModelPath = Option("--output") ?? "ml/model/engagement-model.zip",
                Force = args.Contains("--force"),
                Folds = folds,
                Trainer = trainer,
                Compare = args.Contains("--compare"),
            },
            progress);
        Console.WriteLine(report.Summary);
        if (report.Comparison is { } rows)
        {
            Console.WriteLine(ModelTrainer.MarkdownTable(rows));
        }
    }

    return 0;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;

string? Option(string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}
