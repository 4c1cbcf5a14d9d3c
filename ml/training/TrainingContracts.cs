using Engagement.Ml.Corpus;

namespace Engagement.Ml.Training;

/// <summary>What <see cref="ModelTrainer.TrainAsync"/> trains on and where it writes.</summary>
public sealed record TrainingOptions
{
    /// <summary>Folder of labelled <c>*.jsonl</c> files (the base corpus, <c>ml/data/corpus</c>).</summary>
    public required string CorpusDirectory { get; init; }

    /// <summary>An agency's own labelled JSON Lines, merged with the corpus; its labels win over a near-identical corpus item.</summary>
    public string? ExtraDataPath { get; init; }

    /// <summary>The model zip to write; the metrics JSON goes beside it. The model already there is the one to beat.</summary>
    public required string OutputModelPath { get; init; }

    /// <summary>
    /// Labelled files measured before and after (the feeds sets, <c>ml/data/eval/feeds-*.jsonl</c>), never trained on;
    /// the new model must not be worse on them together either.
    /// </summary>
    public IReadOnlyList<string> EvaluationSets { get; init; } = [];

    /// <summary>Replace the model even when the new one is worse on the held-out brands or the evaluation sets.</summary>
    public bool Force { get; init; }

    /// <summary>Grouped folds for cross-validation and for the out-of-fold scores the calibration is fitted on.</summary>
    public int Folds { get; init; } = 5;

    /// <summary>The learner to ship; it must be linear, because explanations read its weights.</summary>
    public TrainerChoice Trainer { get; init; } = TrainerChoice.LbfgsLogisticRegression;

    /// <summary>Also cross-validate every candidate learner and recipe (<see cref="TrainingRecipe.Alternatives"/>) and store the table in the metrics file (slower).</summary>
    public bool Compare { get; init; }

    /// <summary>How much lower macro-F1 (full input or text alone) may be before the new model counts as worse.</summary>
    public double Tolerance { get; init; } = 0.005;

    /// <summary>Clock for the model's date; tests pass a fake one.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}

/// <summary>What <see cref="ModelTrainer.CompareAsync"/> cross-validates.</summary>
public sealed record ComparisonOptions
{
    public required string CorpusDirectory { get; init; }

    public string? ExtraDataPath { get; init; }

    public int Folds { get; init; } = 5;

    /// <summary>Learners to compare; null means all of <see cref="TrainerChoice"/>.</summary>
    public IReadOnlyList<TrainerChoice>? Trainers { get; init; }

    /// <summary>Recipes to compare with the shipped learner, after the learners (which all use the default recipe).</summary>
    public IReadOnlyList<TrainingRecipe>? Recipes { get; init; }
}

/// <summary>A step of training: <see cref="Stage"/> names it, <see cref="Done"/> of <see cref="Total"/> measures it.</summary>
public sealed record TrainingProgress(string Stage, int Done, int Total);

/// <summary>The outcome of a training run.</summary>
/// <param name="Replaced">Whether the model file was written.</param>
/// <param name="ModelVersion">The version in force after the run (the new one if replaced, else the previous one).</param>
/// <param name="CandidateModelVersion">The version the new model has or would have had.</param>
/// <param name="PreviousModelVersion">The version that was at the output path before, if any.</param>
/// <param name="Before">The previous model on the held-out brands, if there was one it could be compared with.</param>
/// <param name="After">The new model on the same held-out brands.</param>
/// <param name="Evaluations">Before and after on each evaluation set, and on all of them together.</param>
/// <param name="CrossValidation">The new model's learner under grouped cross-validation on the training brands.</param>
/// <param name="Comparison">Every learner's cross-validated metrics, when <see cref="TrainingOptions.Compare"/> was set.</param>
/// <param name="Data">How many items were read, merged, dropped as duplicates, trained on and held out.</param>
/// <param name="Summary">A few lines for a person: what happened and why.</param>
public sealed record TrainingReport(
    bool Replaced,
    string ModelVersion,
    string CandidateModelVersion,
    string? PreviousModelVersion,
    ModelEvaluation? Before,
    ModelEvaluation After,
    IReadOnlyList<SetEvaluation> Evaluations,
    ModelEvaluation CrossValidation,
    IReadOnlyList<TrainerComparison>? Comparison,
    TrainingData Data,
    string ModelPath,
    string MetricsPath,
    string Summary);

/// <summary>The data a training run used.</summary>
public sealed record TrainingData(
    int BaseItems,
    int ExtraItems,
    int DuplicatesDropped,
    int ExtraReplacedBase,
    int TrainItems,
    int HoldoutItems,
    IReadOnlyList<string> HoldoutGroups,
    CorpusSummary Corpus,
    IReadOnlyList<string> Problems);

/// <summary>One learner's grouped cross-validation result, with the recipe it was trained by and how folds were grouped.</summary>
/// <param name="Folds"><c>brand</c> (brands dealt into k folds) or <c>writer</c> (one corpus writer left out per fold).</param>
public sealed record TrainerComparison(TrainerChoice Trainer, ModelEvaluation Metrics, double Seconds, string Recipe, string Folds);

/// <summary>The previous model (if comparable) and the new one on one evaluation set.</summary>
public sealed record SetEvaluation(string Name, int Count, ModelEvaluation? Before, ModelEvaluation After);

/// <summary>The comparison of learners, with a Markdown table for the model card.</summary>
public sealed record ComparisonReport(IReadOnlyList<TrainerComparison> Rows, int Items, int Folds, string MarkdownTable);

/// <summary>An item a model labels wrongly: its probabilities with metadata and on text alone, and the signals it gave.</summary>
public sealed record Miss(LabelledItem Item, float FullProbability, float TextOnlyProbability, IReadOnlyList<string> Signals);
