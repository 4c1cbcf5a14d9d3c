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
    /// out-of-fold scores, measures it on the held-out brands and the evaluation sets, and replaces the model at the
    /// output path only if it is not worse there than the model it would replace (or <see cref="TrainingOptions.Force"/>).
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

    /// <summary>
    /// Grouped k-fold cross-validation of each learner on the training brands, on full input and on text alone,
    /// measured at real-feed proportions; then the same for each recipe of <see cref="ComparisonOptions.Recipes"/>.
    /// </summary>
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
                var rows = Compare(new PreparedItems(set.Train), options.Folds, options.Trainers, progress, cancellationToken)
                    .Concat(CompareRecipes(set.Train, options.Recipes ?? [], options.Folds, progress, cancellationToken))
                    .ToList();

                return new ComparisonReport(rows, set.Train.Count, options.Folds, MarkdownTable(rows));
            },
            cancellationToken);
    }

    /// <summary>
    /// Scores labelled items with a saved model and measures it, with metadata and with text alone, beside the
    /// structural rule; <paramref name="weights"/> measures at other proportions than the items' own.
    /// </summary>
    public static ModelEvaluation Evaluate(EngagementClassifier classifier, IReadOnlyList<LabelledItem> items, IReadOnlyList<float>? weights = null)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        ArgumentNullException.ThrowIfNull(items);
        var full = classifier.ClassifyBatch(items.Select(i => i.ToInput()).ToList());
        var text = classifier.ClassifyBatch(items.Select(i => new ClassifierInput(i.Text)).ToList());
        return new ModelEvaluation(
            ModelMetrics.Compute(items, full.Select(c => c.RelationalProbability).ToList(), weights),
            ModelMetrics.Compute(items, text.Select(c => c.RelationalProbability).ToList(), weights),
            StructuralRule.Measure(items, weights));
    }

    /// <summary>The shipped model's quality gate on the held-out brands: measured at real-feed proportions.</summary>
    public static ModelEvaluation EvaluateOnHoldout(EngagementClassifier classifier, IReadOnlyList<LabelledItem> holdout) =>
        Evaluate(classifier, holdout, RealFeedPriors.Weights(holdout));

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
        var evaluationSets = options.EvaluationSets.Select(path => (Name: Path.GetFileNameWithoutExtension(path), LabelledData.ReadFile(path).Items)).ToList();
        if (evaluationSets.Count > 1)
        {
            // Judged together as well: one set of a few hundred items moves by a point with two of them.
            evaluationSets.Add(("together", evaluationSets.SelectMany(s => s.Items).ToList()));
        }

        cancellationToken.ThrowIfCancellationRequested();

        progress?.Report(new TrainingProgress("featurising", 0, 1));
        var engine = new TrainingEngine();
        var prepared = new PreparedItems(set.Train);

        IReadOnlyList<TrainerComparison>? comparison = null;
        if (options.Compare)
        {
            comparison = Compare(prepared, options.Folds, null, progress, cancellationToken)
                .Concat(CompareRecipes(set.Train, TrainingRecipe.Alternatives, options.Folds, progress, cancellationToken))
                .ToList();
        }

        var crossValidation = engine.CrossValidate(options.Trainer, prepared, options.Folds, progress, cancellationToken);
        var calibration = crossValidation.Calibration;

        progress?.Report(new TrainingProgress("training final model", 0, 1));
        var model = engine.Fit(options.Trainer, prepared, Enumerable.Range(0, set.Train.Count));
        cancellationToken.ThrowIfCancellationRequested();

        progress?.Report(new TrainingProgress("evaluating on held-out brands and evaluation sets", 0, 1));
        ModelEvaluation Measure(IReadOnlyList<LabelledItem> items, IReadOnlyList<float>? weights)
        {
            var shapes = new PreparedItems(items);
            return new ModelEvaluation(
                ModelMetrics.Compute(items, engine.Probabilities(model, calibration, shapes.Full), weights),
                ModelMetrics.Compute(items, engine.Probabilities(model, calibration, shapes.TextOnly), weights),
                StructuralRule.Measure(items, weights));
        }

        var after = Measure(set.Holdout, RealFeedPriors.Weights(set.Holdout));
        var evaluationsAfter = evaluationSets.Select(s => Measure(s.Items, null)).ToList();

        var (previousVersion, before, evaluationsBefore) = EvaluatePrevious(options.OutputModelPath, set.Holdout, evaluationSets.Select(s => s.Items).ToList());
        var evaluations = evaluationSets
            .Select((s, k) => new SetEvaluation(s.Name, s.Items.Count, evaluationsBefore?[k], evaluationsAfter[k]))
            .ToList();
        // The held-out brands and the evaluation sets (together, when there are several) must both hold.
        var worse = before is not null
            && (IsWorse(after, before, options.Tolerance)
                || (evaluations.Count > 0 && evaluations[^1].Before is { } setsBefore && IsWorse(evaluations[^1].After, setsBefore, options.Tolerance)));
        var replace = !worse || options.Force;

        var createdAt = options.TimeProvider.GetUtcNow();
        var metricsPath = MetricsPathFor(options.OutputModelPath);
        var crossValidated = crossValidation.Evaluate(set.Train);
        string candidateVersion;
        if (replace)
        {
            progress?.Report(new TrainingProgress("saving model", 0, 1));
            var manifest = ModelWriter.Save(engine.Context, model, options.Trainer.ToString(), calibration, set.Train.Count, createdAt, options.OutputModelPath);
            candidateVersion = manifest.ModelVersion;
            WriteMetrics(metricsPath, manifest, set.Data, after, evaluations, crossValidated, options.Folds, comparison, before, previousVersion);
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
        var summary = Summarise(replace, worse, options.Force, candidateVersion, previousVersion, before, after, evaluations, set.Data);
        return new TrainingReport(
            replace,
            replace ? candidateVersion : previousVersion!,
            candidateVersion,
            previousVersion,
            before,
            after,
            evaluations,
            crossValidated,
            comparison,
            set.Data,
            Path.GetFullPath(options.OutputModelPath),
            metricsPath,
            summary);
    }

    private static bool IsWorse(ModelEvaluation after, ModelEvaluation before, double tolerance) =>
        after.Full.MacroF1 < before.Full.MacroF1 - tolerance || after.TextOnly.MacroF1 < before.TextOnly.MacroF1 - tolerance;

    private static (string? Version, ModelEvaluation? Holdout, IReadOnlyList<ModelEvaluation>? Sets) EvaluatePrevious(
        string modelPath,
        IReadOnlyList<LabelledItem> holdout,
        IReadOnlyList<IReadOnlyList<LabelledItem>> sets)
    {
        if (!File.Exists(modelPath))
        {
            return (null, null, null);
        }

        try
        {
            using var previous = EngagementClassifier.Load(modelPath);
            return (previous.ModelVersion, EvaluateOnHoldout(previous, holdout), sets.Select(s => Evaluate(previous, s)).ToList());
        }
        catch (InvalidDataException)
        {
            // A model from an older feature layout cannot be scored; it is replaced without comparison.
            string? version = null;
            try
            {
                version = ModelFile.ReadVersion(modelPath);
            }
            catch (InvalidDataException)
            {
            }

            return (version, null, null);
        }
    }

    private static List<TrainerComparison> Compare(
        PreparedItems prepared,
        int folds,
        IReadOnlyList<TrainerChoice>? trainers,
        IProgress<TrainingProgress>? progress,
        CancellationToken cancellationToken)
    {
        var engine = new TrainingEngine();
        var choices = trainers ?? Enum.GetValues<TrainerChoice>();
        var results = new Dictionary<TrainerChoice, CrossValidationResult>();
        foreach (var choice in choices)
        {
            if (choice == TrainerChoice.Ensemble && results.TryGetValue(TrainerChoice.LbfgsLogisticRegression, out var linear)
                && results.TryGetValue(TrainerChoice.LightGbm, out var trees))
            {
                // Reuse the two members' out-of-fold probabilities instead of training them again.
                results[choice] = CrossValidationResult.Average(choice, linear, trees);
                continue;
            }

            results[choice] = engine.CrossValidate(choice, prepared, folds, progress, cancellationToken);
        }

        return choices.Select(c => Row(c, TrainingRecipe.Default, results[c], prepared.Items, "brand")).ToList();
    }

    /// <summary>The shipped learner under each recipe of <paramref name="recipes"/>, by brand folds and leaving one writer out.</summary>
    private static IEnumerable<TrainerComparison> CompareRecipes(
        IReadOnlyList<LabelledItem> items,
        IReadOnlyList<TrainingRecipe> recipes,
        int folds,
        IProgress<TrainingProgress>? progress,
        CancellationToken cancellationToken)
    {
        foreach (var recipe in recipes)
        {
            var prepared = new PreparedItems(items, recipe);
            var engine = new TrainingEngine(recipe);
            // Leaving a writer out needs two writers at least.
            var writers = items.Select(i => i.Source).Distinct(StringComparer.Ordinal).Count();
            foreach (var byWriter in writers > 1 ? [false, true] : new[] { false })
            {
                var result = engine.CrossValidate(TrainerChoice.LbfgsLogisticRegression, prepared, folds, progress, cancellationToken, byWriter);
                yield return Row(TrainerChoice.LbfgsLogisticRegression, recipe, result, items, byWriter ? "writer" : "brand");
            }
        }
    }

    private static TrainerComparison Row(TrainerChoice trainer, TrainingRecipe recipe, CrossValidationResult result, IReadOnlyList<LabelledItem> items, string folds) =>
        new(trainer, result.Evaluate(items), Math.Round(result.Elapsed.TotalSeconds, 1), recipe.Describe(), folds);

    /// <summary>The comparison as the model card shows it: per learner and recipe, the rule's numbers in the first row.</summary>
    public static string MarkdownTable(IReadOnlyList<TrainerComparison> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var culture = CultureInfo.InvariantCulture;
        var languages = rows.SelectMany(r => r.Metrics.Full.PerLanguage.Keys).Distinct().Order(StringComparer.Ordinal).ToList();
        var feeds = rows.SelectMany(r => r.Metrics.Full.Slices["feed"].Keys).Distinct().Order(StringComparer.Ordinal).ToList();
        var builder = new StringBuilder();
        builder.Append("| trainer | recipe | folds | input | macro-F1 | AUC | ECE | brand posts F1 |");
        foreach (var column in languages.Concat(feeds))
        {
            builder.Append(culture, $" {column} |");
        }

        builder.AppendLine(" seconds |");
        builder.Append("|---|---|---|---|---:|---:|---:|---:|");
        builder.Append(string.Concat(Enumerable.Repeat("---:|", languages.Count + feeds.Count)));
        builder.AppendLine("---:|");

        void Row(string trainer, string recipe, string folds, string input, ModelMetrics metrics, string seconds)
        {
            builder.Append(culture, $"| {trainer} | {recipe} | {folds} | {input} | {metrics.MacroF1:0.000} | {metrics.Auc:0.000} | {metrics.ExpectedCalibrationError:0.000} | {metrics.BrandPosts.MacroF1:0.000} |");
            foreach (var language in languages)
            {
                builder.Append(culture, $" {(metrics.PerLanguage.TryGetValue(language, out var s) ? s.MacroF1.ToString("0.000", culture) : "–")} |");
            }

            foreach (var feed in feeds)
            {
                builder.Append(culture, $" {(metrics.Slices["feed"].TryGetValue(feed, out var s) ? s.MacroF1.ToString("0.000", culture) : "–")} |");
            }

            builder.AppendLine(culture, $" {seconds} |");
        }

        if (rows.Count > 0)
        {
            Row("structural rule", "–", "–", "metadata", rows[0].Metrics.Rule, "–");
        }

        foreach (var row in rows)
        {
            Row(row.Trainer.ToString(), row.Recipe, row.Folds, "full", row.Metrics.Full, row.Seconds.ToString("0.0", culture));
            Row(row.Trainer.ToString(), row.Recipe, row.Folds, "text only", row.Metrics.TextOnly, string.Empty);
        }

        return builder.ToString();
    }

    /// <summary>Before, after and the rule on the held-out brands and each evaluation set, as <c>engage train</c> prints it.</summary>
    public static string ComparisonTable(ModelEvaluation? before, ModelEvaluation after, IReadOnlyList<SetEvaluation> sets)
    {
        ArgumentNullException.ThrowIfNull(after);
        ArgumentNullException.ThrowIfNull(sets);
        var culture = CultureInfo.InvariantCulture;
        var builder = new StringBuilder();
        builder.AppendLine("set                 items | before: full  text  brand posts | after: full  text  brand posts  ECE   | rule: full  brand posts");

        void Line(string name, int count, ModelEvaluation? b, ModelEvaluation a)
        {
            var previous = b is null ? "          –     –           –" : string.Create(culture, $"        {b.Full.MacroF1:0.000} {b.TextOnly.MacroF1:0.000}       {b.Full.BrandPosts.MacroF1:0.000}");
            builder.AppendLine(culture, $"{name,-19} {count,5} |{previous} |       {a.Full.MacroF1:0.000} {a.TextOnly.MacroF1:0.000}       {a.Full.BrandPosts.MacroF1:0.000}  {a.Full.ExpectedCalibrationError:0.000} |       {a.Rule.MacroF1:0.000}       {a.Rule.BrandPosts.MacroF1:0.000}");
        }

        Line("held-out brands*", after.Full.Count, before, after);
        foreach (var set in sets)
        {
            Line(set.Name, set.Count, set.Before, set.After);
        }

        builder.Append("* weighted to real-feed proportions (RealFeedPriors); the evaluation sets are measured as they are.");
        return builder.ToString();
    }

    private static void WriteMetrics(
        string path,
        ModelManifest manifest,
        TrainingData data,
        ModelEvaluation holdout,
        IReadOnlyList<SetEvaluation> evaluations,
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
            manifest.Calibration,
            data,
            holdout,
            evaluations,
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
        IReadOnlyList<SetEvaluation> evaluations,
        TrainingData data)
    {
        var culture = CultureInfo.InvariantCulture;
        var builder = new StringBuilder();
        builder.AppendLine(culture, $"Data: {data.BaseItems} corpus + {data.ExtraItems} extra items, {data.DuplicatesDropped} near-duplicates dropped, {data.ExtraReplacedBase} corpus items relabelled by extra data; trained on {data.TrainItems}, held out {data.HoldoutItems} ({data.HoldoutGroups.Count} brands).");
        builder.AppendLine(culture, $"Before: {previous ?? "no comparable model"}; after: {candidate}. Macro-F1 with metadata and on text alone:");
        builder.AppendLine(ComparisonTable(before, after, evaluations));
        builder.Append(
            (replaced, worse, forced) switch
            {
                (true, true, true) => "The new model is worse on the held-out brands or the evaluation sets but --force was given: replaced.",
                (true, _, _) when before is null => "No comparable model was there: written.",
                (true, _, _) => "The new model is not worse on the held-out brands or the evaluation sets: replaced.",
                _ => "The new model is worse on the held-out brands or the evaluation sets: kept the previous one (use --force to replace anyway).",
            });
        return builder.ToString();
    }

    private sealed record MetricsDocument(
        string ModelVersion,
        DateTimeOffset CreatedAt,
        string Trainer,
        string FeaturizerVersion,
        IReadOnlyDictionary<string, PlattCalibration> Calibration,
        TrainingData Data,
        ModelEvaluation Holdout,
        IReadOnlyList<SetEvaluation> EvaluationSets,
        CrossValidationDocument CrossValidation,
        IReadOnlyList<TrainerComparison>? Comparison,
        string? PreviousModelVersion,
        ModelEvaluation? PreviousModelOnHoldout);

    private sealed record CrossValidationDocument(int Folds, ModelEvaluation Metrics);
}
