using System.Diagnostics;
using System.Globalization;
using Engagement.Ml.Corpus;
using Engagement.Ml.Features;
using Engagement.Ml.Vocabulary;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Engagement.Ml.Training;

/// <summary>How a model is trained and calibrated, beyond the learner: the choices the model card compares.</summary>
public sealed record TrainingRecipe
{
    public static TrainingRecipe Default { get; } = new();

    /// <summary>The recipes the model card compares: the one before issue 8, each change alone, and the shipped one.</summary>
    public static IReadOnlyList<TrainingRecipe> Alternatives { get; } =
    [
        new() { RealFeedWeights = false, CalibrateByContext = false, TextOnlyPercent = 50 },
        new() { CalibrateByContext = false, TextOnlyPercent = 50 },
        new() { TextOnlyPercent = 50 },
        Default,
    ];

    /// <summary>Weight examples to real-feed proportions (<see cref="RealFeedPriors"/>) instead of the corpus's own.</summary>
    public bool RealFeedWeights { get; init; } = true;

    /// <summary>Fit one Platt map per <see cref="SpeakerContext"/> instead of one for every input.</summary>
    public bool CalibrateByContext { get; init; } = true;

    /// <summary>
    /// Metadata dropout: the share of items that also train as text alone. Three in four (against one in two before)
    /// gained 0.008 macro-F1 on text alone for 0.002 with metadata under leave-one-writer-out cross-validation.
    /// </summary>
    public int TextOnlyPercent { get; init; } = 75;

    /// <summary>Metadata dropout: the share of items that also train with one or two metadata fields missing.</summary>
    public int PartialPercent { get; init; } = 25;

    /// <summary>L2 penalty of the logistic regression.</summary>
    public float L2Regularization { get; init; } = 0.1f;

    public string Describe() =>
        (RealFeedWeights ? "real-feed weights" : "corpus proportions") + ", " + (CalibrateByContext ? "calibrated per context" : "one calibration")
        + string.Create(CultureInfo.InvariantCulture, $", dropout {TextOnlyPercent}% text + {PartialPercent}% partial, L2 {L2Regularization}");
}

/// <summary>Featurised items in the three shapes training uses (with metadata, text alone, partly stripped) and their weights.</summary>
internal sealed class PreparedItems
{
    private readonly TrainingRecipe _recipe;

    public PreparedItems(IReadOnlyList<LabelledItem> items, TrainingRecipe? recipe = null)
    {
        Items = items;
        _recipe = recipe ?? TrainingRecipe.Default;
        Weights = _recipe.RealFeedWeights ? RealFeedPriors.Weights(items) : Enumerable.Repeat(1f, items.Count).ToArray();
        Full = new FeaturizedInput[items.Count];
        TextOnly = new FeaturizedInput[items.Count];
        Partial = new FeaturizedInput[items.Count];
        Parallel.For(0, items.Count, new ParallelOptions { MaxDegreeOfParallelism = 2 }, i =>
        {
            var input = items[i].ToInput();
            Full[i] = Featurizer.Featurize(input);
            TextOnly[i] = Featurizer.Featurize(new ClassifierInput(input.Text));
            Partial[i] = Featurizer.Featurize(PartlyStripped(input, GroupSplit.StableHash("partial:" + items[i].Id)));
        });
    }

    public IReadOnlyList<LabelledItem> Items { get; }

    /// <summary>Each item's example weight, mean 1.</summary>
    public float[] Weights { get; }

    public FeaturizedInput[] Full { get; }

    public FeaturizedInput[] TextOnly { get; }

    public FeaturizedInput[] Partial { get; }

    /// <summary>
    /// Training rows for the given items: each as labelled, plus a text-only copy for some and a copy with one or two
    /// metadata fields missing for others (metadata dropout, <see cref="TrainingRecipe.TextOnlyPercent"/>), so that text
    /// alone and patchy metadata are inputs the model knows. Copies carry their item's weight.
    /// </summary>
    public IEnumerable<(FeaturizedInput Input, bool Label, float Weight)> TrainingRows(IEnumerable<int> indices)
    {
        foreach (var i in indices)
        {
            var label = Items[i].IsRelational;
            yield return (Full[i], label, Weights[i]);
            var draw = GroupSplit.StableHash("augment:" + Items[i].Id) % 100;
            if (draw < _recipe.TextOnlyPercent)
            {
                yield return (TextOnly[i], label, Weights[i]);
            }

            if (draw >= 100 - _recipe.PartialPercent)
            {
                yield return (Partial[i], label, Weights[i]);
            }
        }
    }

    private static ClassifierInput PartlyStripped(ClassifierInput input, uint draw) => (draw % 4) switch
    {
        0 => input with { AuthorIsBrand = null },
        1 => input with { Kind = InteractionKind.Unknown },
        2 => input with { Channel = null, Language = null },
        _ => input with { AuthorIsBrand = null, Channel = null },
    };
}

/// <summary>Fits, scores and cross-validates the candidate learners; owns the one seeded <see cref="MLContext"/>.</summary>
internal sealed class TrainingEngine(TrainingRecipe? recipe = null)
{
    // A context needs this much out-of-fold evidence for a Platt map of its own; below it, the pooled map serves.
    private const int MinimumCalibrationItems = 40;

    private readonly MLContext _ml = new(seed: 1);

    public MLContext Context => _ml;

    public TrainingRecipe Recipe { get; } = recipe ?? TrainingRecipe.Default;

    public ITransformer Fit(TrainerChoice choice, PreparedItems prepared, IEnumerable<int> indices)
    {
        var rows = TrainerFactory.TakesWeights(choice)
            ? prepared.TrainingRows(indices).Select(r => TrainingRow.From(r.Input, r.Label, r.Weight))
            : Resampled(prepared.TrainingRows(indices));
        var data = _ml.Data.Cache(_ml.Data.LoadFromEnumerable(rows.ToList()));
        return TrainerFactory.Create(_ml, choice, Recipe).Fit(data);
    }

    public float[] Score(ITransformer model, IEnumerable<FeaturizedInput> inputs)
    {
        var rows = inputs.Select(f => ModelRow.From(f)).ToList();
        var scored = model.Transform(_ml.Data.LoadFromEnumerable(rows));
        return scored.GetColumn<float>(nameof(ScoreRow.Score)).ToArray();
    }

    /// <summary>Calibrated probabilities of a fitted model for the given inputs.</summary>
    public float[] Probabilities(ITransformer model, ContextCalibration calibration, IReadOnlyList<FeaturizedInput> inputs)
    {
        var raw = Score(model, inputs);
        return raw.Select((score, k) => calibration.Probability(score, inputs[k].Input)).ToArray();
    }

    /// <summary>
    /// Grouped k-fold cross-validation. Probabilities are calibrated by cross-fitting: each fold's scores go through
    /// a calibration fitted on the other folds' out-of-fold scores, so calibration is measured on data it never saw.
    /// </summary>
    /// <param name="byWriter">
    /// Leave one writer (corpus file) out instead of dealing brands into <paramref name="folds"/> folds: each fold is a
    /// writer the model never read, the corpus's closest stand-in for posts written by someone else.
    /// </param>
    public CrossValidationResult CrossValidate(
        TrainerChoice choice,
        PreparedItems prepared,
        int folds,
        IProgress<TrainingProgress>? progress,
        CancellationToken cancellationToken,
        bool byWriter = false)
    {
        if (choice == TrainerChoice.Ensemble)
        {
            var linear = CrossValidate(TrainerChoice.LbfgsLogisticRegression, prepared, folds, progress, cancellationToken, byWriter);
            var trees = CrossValidate(TrainerChoice.LightGbm, prepared, folds, progress, cancellationToken, byWriter);
            return CrossValidationResult.Average(choice, linear, trees);
        }

        var stopwatch = Stopwatch.StartNew();
        var n = prepared.Items.Count;
        int[] assignment;
        if (byWriter)
        {
            var writers = prepared.Items.Select(i => i.Source).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            assignment = prepared.Items.Select(i => writers.IndexOf(i.Source)).ToArray();
            folds = writers.Count;
        }
        else
        {
            assignment = GroupSplit.AssignFolds(prepared.Items, folds);
        }

        var raw = new OutOfFold(new float[n], new float[n], new float[n]);
        for (var fold = 0; fold < folds; fold++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            progress?.Report(new TrainingProgress($"cross-validating {choice}", fold, folds));
            var f = fold;
            var model = Fit(choice, prepared, Enumerable.Range(0, n).Where(i => assignment[i] != f));
            var test = Enumerable.Range(0, n).Where(i => assignment[i] == f).ToArray();
            var full = Score(model, test.Select(i => prepared.Full[i]));
            var text = Score(model, test.Select(i => prepared.TextOnly[i]));
            var partial = Score(model, test.Select(i => prepared.Partial[i]));
            for (var k = 0; k < test.Length; k++)
            {
                raw.Full[test[k]] = full[k];
                raw.TextOnly[test[k]] = text[k];
                raw.Partial[test[k]] = partial[k];
            }
        }

        progress?.Report(new TrainingProgress($"cross-validating {choice}", folds, folds));
        var probFull = new float[n];
        var probText = new float[n];
        for (var fold = 0; fold < folds; fold++)
        {
            var calibration = FitCalibration(prepared, raw, Enumerable.Range(0, n).Where(i => assignment[i] != fold));
            foreach (var i in Enumerable.Range(0, n).Where(i => assignment[i] == fold))
            {
                probFull[i] = calibration.Probability(raw.Full[i], prepared.Full[i].Input);
                probText[i] = calibration.Probability(raw.TextOnly[i], SpeakerContext.Unknown);
            }
        }

        var overall = FitCalibration(prepared, raw, Enumerable.Range(0, n));
        return new CrossValidationResult(choice, probFull, probText, stopwatch.Elapsed, overall);
    }

    /// <summary>
    /// The calibration the shipped model serves every input shape with, fitted on out-of-fold scores of all three
    /// shapes (with metadata, text alone, partly stripped) and their example weights: per context, or one for all.
    /// </summary>
    public ContextCalibration FitCalibration(PreparedItems prepared, OutOfFold raw, IEnumerable<int> indices)
    {
        var points = new List<(SpeakerContext Context, float Score, bool Label, float Weight)>();
        foreach (var i in indices)
        {
            var label = prepared.Items[i].IsRelational;
            var weight = prepared.Weights[i];
            points.Add((SpeakerContexts.Of(prepared.Full[i].Input), raw.Full[i], label, weight));
            points.Add((SpeakerContext.Unknown, raw.TextOnly[i], label, weight));
            points.Add((SpeakerContexts.Of(prepared.Partial[i].Input), raw.Partial[i], label, weight));
        }

        var pooled = PlattFit.Fit(points.Select(p => p.Score).ToList(), points.Select(p => p.Label).ToList(), points.Select(p => p.Weight).ToList());
        if (!Recipe.CalibrateByContext)
        {
            return ContextCalibration.Single(pooled);
        }

        var byContext = new PlattCalibration[SpeakerContexts.Count];
        for (var c = 0; c < byContext.Length; c++)
        {
            var mine = points.Where(p => (int)p.Context == c).ToList();
            byContext[c] = mine.Count >= MinimumCalibrationItems && mine.Any(p => p.Label) && mine.Any(p => !p.Label)
                ? PlattFit.Fit(mine.Select(p => p.Score).ToList(), mine.Select(p => p.Label).ToList(), mine.Select(p => p.Weight).ToList())
                : pooled;
        }

        return new ContextCalibration(byContext);
    }

    /// <summary>
    /// For learners that take no example weights: each row repeated by its weight (the fraction decided by a stable
    /// hash), so the data they see has the same proportions as the weighted data the others see.
    /// </summary>
    private static IEnumerable<TrainingRow> Resampled(IEnumerable<(FeaturizedInput Input, bool Label, float Weight)> rows)
    {
        var k = 0;
        foreach (var (input, label, weight) in rows)
        {
            var copies = (int)weight + (GroupSplit.StableHash("resample:" + k++) % 1000 < (weight - (int)weight) * 1000 ? 1 : 0);
            for (var c = 0; c < copies; c++)
            {
                yield return TrainingRow.From(input, label, 1f);
            }
        }
    }
}

/// <summary>Out-of-fold raw margins of every item in its three shapes.</summary>
internal sealed record OutOfFold(float[] Full, float[] TextOnly, float[] Partial);

/// <summary>The row ML.NET trains on: the model row plus the example weight.</summary>
internal sealed class TrainingRow
{
    public bool Label { get; set; }

    public float Weight { get; set; }

    [VectorType(Featurizer.Dimension)]
    public VBuffer<float> Features { get; set; }

    public static TrainingRow From(FeaturizedInput featurized, bool label, float weight) => new()
    {
        Label = label,
        Weight = weight,
        Features = ModelRow.From(featurized).Features,
    };
}

/// <summary>Out-of-fold calibrated probabilities of one learner, for every item, with and without metadata.</summary>
internal sealed record CrossValidationResult(
    TrainerChoice Trainer,
    float[] Full,
    float[] TextOnly,
    TimeSpan Elapsed,
    ContextCalibration Calibration)
{
    /// <summary>Measured at real-feed proportions, whatever proportions the model was trained at, so recipes compare alike.</summary>
    public ModelEvaluation Evaluate(IReadOnlyList<LabelledItem> items)
    {
        var weights = RealFeedPriors.Weights(items);
        return new(ModelMetrics.Compute(items, Full, weights), ModelMetrics.Compute(items, TextOnly, weights), StructuralRule.Measure(items, weights));
    }

    /// <summary>The mean of two learners' probabilities; the calibration is the first one's (the ensemble is never shipped).</summary>
    public static CrossValidationResult Average(TrainerChoice choice, CrossValidationResult a, CrossValidationResult b) => new(
        choice,
        a.Full.Zip(b.Full, (x, y) => (x + y) / 2).ToArray(),
        a.TextOnly.Zip(b.TextOnly, (x, y) => (x + y) / 2).ToArray(),
        a.Elapsed + b.Elapsed,
        a.Calibration);
}
