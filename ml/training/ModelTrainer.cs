using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Engagement.Ml.Corpus;
using Engagement.Ml.Features;

namespace Engagement.Ml.Training;

/// <summary>Trains, compares and evaluates classifiers; what <c>engage train</c> runs. Scoring never needs it.</summary>
public static class ModelTrainer
{
    /// <summary>The metrics JSON written beside a model zip: <c>engagement-model.zip</c> → <c>engagement-model.metrics.json</c>.</summary>
    public static string MetricsPathFor(string modelPath) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(modelPath))!, Path.GetFileNameWithoutExtension(modelPath) + ".metrics.json");

    /// <summary>
    /// Merges the corpus with optional extra data, trains the chosen learner on the training brands, calibrates it on
    /// out-of-fold scores, measures it on the held-out brands, and replaces the model at the output path only if it is
    /// not worse there than the model it would replace (or <see cref="TrainingOptions.Force"/> is set).
    /// </summary>
    public static Task<TrainingReport> TrainAsync(
        TrainingOptions options,
        IProgress<TrainingProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!TrainerFactory.IsLinear(options.Trainer))
        {
            throw new ArgumentException($"{options.Trainer} cannot be shipped: explanations read a linear model's weights.", nameof(options));
        }

        // ML.NET training is CPU-bound and synchronous; run it off the caller's thread so a CLI can draw progress.
        return Task.Run(() => Train(options, progress, cancellationToken), cancellationToken);
    }

    /// <summary>Grouped k-fold cross-validation of each learner on the training brands, on full input and on text alone.</summary>
    public static Task<ComparisonReport> CompareAsync(
        ComparisonOptions options,
        IProgress<TrainingProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Task.Run(
            () =>
            {
                progress?.Report(new TrainingProgress("reading data", 0, 1));
                var set = TrainingSet.Build(options.CorpusDirectory, options.ExtraDataPath);
                progress?.Report(new TrainingProgress("featurising", 0, 1));
                var prepared = new PreparedItems(set.Train);
                var rows = Compare(new TrainingEngine(), prepared, options.Folds, options.Trainers, progress, cancellationToken);
                return new ComparisonReport(rows, set.Train.Count, options.Folds, MarkdownTable(rows));
            },
            cancellationToken);
    }

    /// <summary>Scores labelled items with a saved model and measures it, with metadata and with text alone.</summary>
    public static ModelEvaluation Evaluate(EngagementClassifier classifier, IReadOnlyList<LabelledItem> items)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        ArgumentNullException.ThrowIfNull(items);
        var full = classifier.ClassifyBatch(items.Select(i => i.ToInput()).ToList());
        var text = classifier.ClassifyBatch(items.Select(i => new ClassifierInput(i.Text)).ToList());
        return new ModelEvaluation(
            ModelMetrics.Compute(items, full.Select(c => c.RelationalProbability).ToList()),
            ModelMetrics.Compute(items, text.Select(c => c.RelationalProbability).ToList()));
    }

    /// <summary>The items a model labels wrongly with its metadata or on text alone, for a person to read for patterns.</summary>
    public static IReadOnlyList<Miss> Misses(EngagementClassifier classifier, IReadOnlyList<LabelledItem> items)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        ArgumentNullException.ThrowIfNull(items);
        var full = classifier.ClassifyBatch(items.Select(i => i.ToInput()).ToList());
        var text = classifier.ClassifyBatch(items.Select(i => new ClassifierInput(i.Text)).ToList());
        return items
            .Select((item, i) => (item, i))
            .Where(p => full[p.i].Label != p.item.Label || text[p.i].Label != p.item.Label)
            .Select(p => new Miss(p.item, full[p.i].RelationalProbability, text[p.i].RelationalProbability, full[p.i].Signals))
            .ToList();
    }

    /// <summary>The held-out brands of a corpus folder, as the shipped model's quality gate sees them.</summary>
    public static IReadOnlyList<LabelledItem> HoldoutItems(string corpusDirectory) =>
        TrainingSet.Build(corpusDirectory, extraDataPath: null).Holdout;

    private static TrainingReport Train(TrainingOptions options, IProgress<TrainingProgress>? progress, CancellationToken cancellationToken)
    {
        progress?.Report(new TrainingProgress("reading data", 0, 1));
        var set = TrainingSet.Build(options.CorpusDirectory, options.ExtraDataPath);
        cancellationToken.ThrowIfCancellationRequested();

        progress?.Report(new TrainingProgress("featurising", 0, 1));
        var engine = new TrainingEngine();
        var prepared = new PreparedItems(set.Train);

        IReadOnlyList<TrainerComparison>? comparison = null;
        if (options.Compare)
        {
            comparison = Compare(engine, prepared, options.Folds, null, progress, cancellationToken);
        }

        var crossValidation = engine.CrossValidate(options.Trainer, prepared, options.Folds, progress, cancellationToken);
        var calibration = crossValidation.Calibration;

        progress?.Report(new TrainingProgress("training final model", 0, 1));
        var model = engine.Fit(options.Trainer, prepared, Enumerable.Range(0, set.Train.Count));
        cancellationToken.ThrowIfCancellationRequested();

        progress?.Report(new TrainingProgress("evaluating on held-out brands", 0, 1));
        var holdout = new PreparedItems(set.Holdout);
        var after = new ModelEvaluation(
            ModelMetrics.Compute(set.Holdout, engine.Score(model, holdout.Full).Select(calibration.Probability).ToList()),
            ModelMetrics.Compute(set.Holdout, engine.Score(model, holdout.TextOnly).Select(calibration.Probability).ToList()));

        var (previousVersion, before) = EvaluatePrevious(options.OutputModelPath, set.Holdout);
        var worse = before is not null
            && (after.Full.MacroF1 < before.Full.MacroF1 - options.Tolerance
                || after.TextOnly.MacroF1 < before.TextOnly.MacroF1 - options.Tolerance);
        var replace = !worse || options.Force;

        var createdAt = options.TimeProvider.GetUtcNow();
        var metricsPath = MetricsPathFor(options.OutputModelPath);
        string candidateVersion;
        if (replace)
        {
            progress?.Report(new TrainingProgress("saving model", 0, 1));
            var manifest = ModelWriter.Save(engine.Context, model, options.Trainer.ToString(), calibration, set.Train.Count, createdAt, options.OutputModelPath);
            candidateVersion = manifest.ModelVersion;
            WriteMetrics(metricsPath, manifest, set.Data, after, crossValidation.Evaluate(prepared.Items), options.Folds, comparison, before, previousVersion);
        }
        else
        {
            // Not written, but named, so the refusal can say which candidate lost.
            var scratch = Path.Combine(Path.GetTempPath(), $"engagement-candidate-{Guid.NewGuid():N}.zip");
            try
            {
                candidateVersion = ModelWriter.Save(engine.Context, model, options.Trainer.ToString(), calibration, set.Train.Count, createdAt, scratch).ModelVersion;
            }
            finally
            {
                File.Delete(scratch);
            }
        }

        progress?.Report(new TrainingProgress("done", 1, 1));
        var summary = Summarise(replace, worse, options.Force, candidateVersion, previousVersion, before, after, set.Data);
        return new TrainingReport(
            replace,
            replace ? candidateVersion : previousVersion!,
            candidateVersion,
            previousVersion,
            before,
            after,
            crossValidation.Evaluate(prepared.Items),
            comparison,
            set.Data,
            Path.GetFullPath(options.OutputModelPath),
            metricsPath,
            summary);
    }

    private static (string? Version, ModelEvaluation? Metrics) EvaluatePrevious(string modelPath, IReadOnlyList<LabelledItem> holdout)
    {
        if (!File.Exists(modelPath))
        {
            return (null, null);
        }

        try
        {
            using var previous = EngagementClassifier.Load(modelPath);
            return (previous.ModelVersion, Evaluate(previous, holdout));
        }
        catch (InvalidDataException)
        {
            // A model from an older feature layout cannot be scored; it is replaced without comparison.
            string? version = null;
            try
            {
                version = ModelFile.ReadManifest(modelPath).ModelVersion;
            }
            catch (InvalidDataException)
            {
            }

            return (version, null);
        }
    }

    private static List<TrainerComparison> Compare(
        TrainingEngine engine,
        PreparedItems prepared,
        int folds,
        IReadOnlyList<TrainerChoice>? trainers,
        IProgress<TrainingProgress>? progress,
        CancellationToken cancellationToken)
    {
        var choices = trainers ?? Enum.GetValues<TrainerChoice>();
        var results = new Dictionary<TrainerChoice, CrossValidationResult>();
        foreach (var choice in choices)
        {
            if (choice == TrainerChoice.Ensemble && results.TryGetValue(TrainerChoice.LbfgsLogisticRegression, out var linear)
                && results.TryGetValue(TrainerChoice.LightGbm, out var trees))
            {
                // Reuse the two members' out-of-fold probabilities instead of training them again.
                results[choice] = new CrossValidationResult(
                    choice,
                    linear.Full.Zip(trees.Full, (a, b) => (a + b) / 2).ToArray(),
                    linear.TextOnly.Zip(trees.TextOnly, (a, b) => (a + b) / 2).ToArray(),
                    linear.Elapsed + trees.Elapsed,
                    linear.Calibration);
                continue;
            }

            results[choice] = engine.CrossValidate(choice, prepared, folds, progress, cancellationToken);
        }

        return choices.Select(c => new TrainerComparison(c, results[c].Evaluate(prepared.Items), Math.Round(results[c].Elapsed.TotalSeconds, 1))).ToList();
    }

    public static string MarkdownTable(IReadOnlyList<TrainerComparison> rows)
    {
        var culture = CultureInfo.InvariantCulture;
        var languages = rows.SelectMany(r => r.Metrics.Full.PerLanguage.Keys).Distinct().Order(StringComparer.Ordinal).ToList();
        var kinds = rows.SelectMany(r => r.Metrics.Full.PerKind.Keys).Distinct().Order(StringComparer.Ordinal).ToList();
        var builder = new StringBuilder();
        builder.Append("| trainer | input | macro-F1 | AUC | ECE | brand posts F1 |");
        foreach (var language in languages)
        {
            builder.Append(culture, $" {language} F1 |");
        }

        foreach (var kind in kinds)
        {
            builder.Append(culture, $" {kind} F1 |");
        }

        builder.AppendLine(" seconds |");
        builder.Append("|---|---|---:|---:|---:|---:|");
        builder.Append(string.Concat(Enumerable.Repeat("---:|", languages.Count + kinds.Count)));
        builder.AppendLine("---:|");
        foreach (var row in rows)
        {
            foreach (var (input, metrics) in new[] { ("full", row.Metrics.Full), ("text only", row.Metrics.TextOnly) })
            {
                builder.Append(culture, $"| {row.Trainer} | {input} | {metrics.MacroF1:0.000} | {metrics.Auc:0.000} | {metrics.ExpectedCalibrationError:0.000} | {metrics.BrandPosts.MacroF1:0.000} |");
                foreach (var language in languages)
                {
                    builder.Append(culture, $" {(metrics.PerLanguage.TryGetValue(language, out var s) ? s.MacroF1.ToString("0.000", culture) : "–")} |");
                }

                foreach (var kind in kinds)
                {
                    builder.Append(culture, $" {(metrics.PerKind.TryGetValue(kind, out var s) ? s.MacroF1.ToString("0.000", culture) : "–")} |");
                }

                builder.AppendLine(culture, $" {row.Seconds:0.0} |");
            }
        }

        return builder.ToString();
    }

    private static void WriteMetrics(
        string path,
        ModelManifest manifest,
        TrainingData data,
        ModelEvaluation holdout,
        ModelEvaluation crossValidation,
        int folds,
        IReadOnlyList<TrainerComparison>? comparison,
        ModelEvaluation? before,
        string? previousVersion)
    {
        var document = new MetricsDocument(
            manifest.ModelVersion,
            manifest.CreatedAt,
            manifest.Trainer,
            Featurizer.Version,
            new CalibrationDocument(manifest.PlattA, manifest.PlattB),
            data,
            holdout,
            new CrossValidationDocument(folds, crossValidation),
            comparison,
            previousVersion,
            before);
        var options = new JsonSerializerOptions(ModelFile.Json)
        {
            NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
            Converters = { new JsonStringEnumConverter() },
        };
        File.WriteAllText(path, JsonSerializer.Serialize(document, options) + "\n");
    }

    private static string Summarise(
        bool replaced,
        bool worse,
        bool forced,
        string candidate,
        string? previous,
        ModelEvaluation? before,
        ModelEvaluation after,
        TrainingData data)
    {
        var culture = CultureInfo.InvariantCulture;
        var builder = new StringBuilder();
        builder.AppendLine(culture, $"Data: {data.BaseItems} corpus + {data.ExtraItems} extra items, {data.DuplicatesDropped} near-duplicates dropped, {data.ExtraReplacedBase} corpus items relabelled by extra data; trained on {data.TrainItems}, held out {data.HoldoutItems} ({data.HoldoutGroups.Count} brands).");
        if (before is not null)
        {
            builder.AppendLine(culture, $"Before ({previous}): macro-F1 {before.Full.MacroF1:0.000} full, {before.TextOnly.MacroF1:0.000} text only.");
        }

        builder.AppendLine(culture, $"After  ({candidate}): macro-F1 {after.Full.MacroF1:0.000} full, {after.TextOnly.MacroF1:0.000} text only, AUC {after.Full.Auc:0.000}, ECE {after.Full.ExpectedCalibrationError:0.000}.");
        builder.Append(
            (replaced, worse, forced) switch
            {
                (true, true, true) => "The new model is worse on the held-out brands but --force was given: replaced.",
                (true, _, _) when before is null => "No comparable model was there: written.",
                (true, _, _) => "The new model is not worse on the held-out brands: replaced.",
                _ => "The new model is worse on the held-out brands: kept the previous one (use --force to replace anyway).",
            });
        return builder.ToString();
    }

    private sealed record MetricsDocument(
        string ModelVersion,
        DateTimeOffset CreatedAt,
        string Trainer,
        string FeaturizerVersion,
        CalibrationDocument Calibration,
        TrainingData Data,
        ModelEvaluation Holdout,
        CrossValidationDocument CrossValidation,
        IReadOnlyList<TrainerComparison>? Comparison,
        string? PreviousModelVersion,
        ModelEvaluation? PreviousModelOnHoldout);

    private sealed record CalibrationDocument(double PlattA, double PlattB);

    private sealed record CrossValidationDocument(int Folds, ModelEvaluation Metrics);
}
