using System.Diagnostics;
using Engagement.Ml.Corpus;
using Engagement.Ml.Features;
using Engagement.Ml.Vocabulary;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Engagement.Ml.Training;

/// <summary>Featurised items in the three shapes training uses: with metadata, text alone, and partly stripped.</summary>
internal sealed class PreparedItems
{
    public PreparedItems(IReadOnlyList<LabelledItem> items)
    {
        Items = items;
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

    public FeaturizedInput[] Full { get; }

    public FeaturizedInput[] TextOnly { get; }

    public FeaturizedInput[] Partial { get; }

    /// <summary>
    /// Training rows for the given items: each as labelled, plus a text-only copy for half of them and a copy with
    /// one metadata field missing for a quarter, so that text alone and patchy metadata are inputs the model knows.
    /// </summary>
    public IEnumerable<ModelRow> TrainingRows(IEnumerable<int> indices)
    {
        foreach (var i in indices)
        {
            var label = Items[i].IsRelational;
            yield return ModelRow.From(Full[i], label);
            var draw = GroupSplit.StableHash("augment:" + Items[i].Id) % 100;
            if (draw < 50)
            {
                yield return ModelRow.From(TextOnly[i], label);
            }
            else if (draw < 75)
            {
                yield return ModelRow.From(Partial[i], label);
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
internal sealed class TrainingEngine
{
    private readonly MLContext _ml = new(seed: 1);

    public MLContext Context => _ml;

    public ITransformer Fit(TrainerChoice choice, PreparedItems prepared, IEnumerable<int> indices)
    {
        var data = _ml.Data.Cache(_ml.Data.LoadFromEnumerable(prepared.TrainingRows(indices).ToList()));
        return TrainerFactory.Create(_ml, choice).Fit(data);
    }

    public float[] Score(ITransformer model, IEnumerable<FeaturizedInput> inputs)
    {
        var rows = inputs.Select(f => ModelRow.From(f)).ToList();
        var scored = model.Transform(_ml.Data.LoadFromEnumerable(rows));
        return scored.GetColumn<float>(nameof(ScoreRow.Score)).ToArray();
    }

    /// <summary>
    /// Grouped k-fold cross-validation. Probabilities are calibrated by cross-fitting: each fold's scores go through
    /// a Platt fit made on the other folds' out-of-fold scores, so calibration is measured on data it never saw.
    /// </summary>
    public CrossValidationResult CrossValidate(
        TrainerChoice choice,
        PreparedItems prepared,
        int folds,
        IProgress<TrainingProgress>? progress,
        CancellationToken cancellationToken)
    {
        if (choice == TrainerChoice.Ensemble)
        {
            var linear = CrossValidate(TrainerChoice.LbfgsLogisticRegression, prepared, folds, progress, cancellationToken);
            var trees = CrossValidate(TrainerChoice.LightGbm, prepared, folds, progress, cancellationToken);
            return new CrossValidationResult(
                choice,
                Average(linear.Full, trees.Full),
                Average(linear.TextOnly, trees.TextOnly),
                linear.Elapsed + trees.Elapsed,
                linear.Calibration);
        }

        var stopwatch = Stopwatch.StartNew();
        var n = prepared.Items.Count;
        var assignment = GroupSplit.AssignFolds(prepared.Items, folds);
        var rawFull = new float[n];
        var rawText = new float[n];
        for (var fold = 0; fold < folds; fold++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            progress?.Report(new TrainingProgress($"cross-validating {choice}", fold, folds));
            var f = fold;
            var model = Fit(choice, prepared, Enumerable.Range(0, n).Where(i => assignment[i] != f));
            var test = Enumerable.Range(0, n).Where(i => assignment[i] == f).ToArray();
            var full = Score(model, test.Select(i => prepared.Full[i]));
            var text = Score(model, test.Select(i => prepared.TextOnly[i]));
            for (var k = 0; k < test.Length; k++)
            {
                rawFull[test[k]] = full[k];
                rawText[test[k]] = text[k];
            }
        }

        progress?.Report(new TrainingProgress($"cross-validating {choice}", folds, folds));
        var probFull = new float[n];
        var probText = new float[n];
        for (var fold = 0; fold < folds; fold++)
        {
            var calibration = FitCalibration(prepared.Items, rawFull, rawText, Enumerable.Range(0, n).Where(i => assignment[i] != fold));
            foreach (var i in Enumerable.Range(0, n).Where(i => assignment[i] == fold))
            {
                probFull[i] = calibration.Probability(rawFull[i]);
                probText[i] = calibration.Probability(rawText[i]);
            }
        }

        var overall = FitCalibration(prepared.Items, rawFull, rawText, Enumerable.Range(0, n));
        return new CrossValidationResult(choice, probFull, probText, stopwatch.Elapsed, overall);
    }

    /// <summary>One calibration for both input shapes, fitted on both, since the shipped model serves both.</summary>
    public static PlattCalibration FitCalibration(IReadOnlyList<LabelledItem> items, float[] rawFull, float[] rawText, IEnumerable<int> indices)
    {
        var scores = new List<float>();
        var labels = new List<bool>();
        foreach (var i in indices)
        {
            scores.Add(rawFull[i]);
            labels.Add(items[i].IsRelational);
            scores.Add(rawText[i]);
            labels.Add(items[i].IsRelational);
        }

        return PlattFit.Fit(scores, labels);
    }

    private static float[] Average(float[] a, float[] b) => a.Zip(b, (x, y) => (x + y) / 2).ToArray();
}

/// <summary>Out-of-fold calibrated probabilities of one learner, for every item, with and without metadata.</summary>
internal sealed record CrossValidationResult(
    TrainerChoice Trainer,
    float[] Full,
    float[] TextOnly,
    TimeSpan Elapsed,
    PlattCalibration Calibration)
{
    public ModelEvaluation Evaluate(IReadOnlyList<LabelledItem> items) =>
        new(ModelMetrics.Compute(items, Full), ModelMetrics.Compute(items, TextOnly));
}
