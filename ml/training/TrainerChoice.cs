using Microsoft.ML;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.LightGbm;

namespace Engagement.Ml.Training;

/// <summary>The learners the comparison runs; all of them see the same feature vector.</summary>
public enum TrainerChoice
{
    /// <summary>Logistic regression by stochastic dual coordinate ascent.</summary>
    SdcaLogisticRegression,

    /// <summary>Logistic regression by L-BFGS with L1 and L2 penalties.</summary>
    LbfgsLogisticRegression,

    /// <summary>Averaged perceptron (hinge loss), calibrated afterwards like the others.</summary>
    AveragedPerceptron,

    /// <summary>Gradient-boosted trees.</summary>
    LightGbm,

    /// <summary>Mean of the calibrated L-BFGS and LightGBM probabilities; evaluated only, not shipped.</summary>
    Ensemble,
}

/// <summary>Builds the ML.NET estimator for a choice, with the settings the comparison found sound.</summary>
internal static class TrainerFactory
{
    public static bool IsLinear(TrainerChoice choice) => choice is not (TrainerChoice.LightGbm or TrainerChoice.Ensemble);

    /// <summary>Whether the learner reads example weights; the averaged perceptron does not, so its rows are resampled instead.</summary>
    public static bool TakesWeights(TrainerChoice choice) => choice is not TrainerChoice.AveragedPerceptron;

    public static IEstimator<ITransformer> Create(MLContext ml, TrainerChoice choice, TrainingRecipe recipe) => choice switch
    {
        // One thread: SDCA and L-BFGS are only repeatable run to run when single-threaded.
        TrainerChoice.SdcaLogisticRegression => ml.BinaryClassification.Trainers.SdcaLogisticRegression(
            new SdcaLogisticRegressionBinaryTrainer.Options
            {
                LabelColumnName = nameof(TrainingRow.Label),
                FeatureColumnName = nameof(TrainingRow.Features),
                ExampleWeightColumnName = nameof(TrainingRow.Weight),
                L2Regularization = 1e-5f,
                MaximumNumberOfIterations = 40,
                NumberOfThreads = 1,
                Shuffle = true,
            }),
        TrainerChoice.LbfgsLogisticRegression => ml.BinaryClassification.Trainers.LbfgsLogisticRegression(
            new LbfgsLogisticRegressionBinaryTrainer.Options
            {
                LabelColumnName = nameof(TrainingRow.Label),
                FeatureColumnName = nameof(TrainingRow.Features),
                ExampleWeightColumnName = nameof(TrainingRow.Weight),
                L1Regularization = 0f,
                L2Regularization = recipe.L2Regularization,
                OptimizationTolerance = 1e-6f,
                HistorySize = 20,
                NumberOfThreads = 1,
            }),
        TrainerChoice.AveragedPerceptron => ml.BinaryClassification.Trainers.AveragedPerceptron(
            new AveragedPerceptronTrainer.Options
            {
                LabelColumnName = nameof(TrainingRow.Label),
                FeatureColumnName = nameof(TrainingRow.Features),
                NumberOfIterations = 10,
                LearningRate = 0.5f,
                Shuffle = true,
            }),
        TrainerChoice.LightGbm => ml.BinaryClassification.Trainers.LightGbm(
            new LightGbmBinaryTrainer.Options
            {
                LabelColumnName = nameof(TrainingRow.Label),
                FeatureColumnName = nameof(TrainingRow.Features),
                ExampleWeightColumnName = nameof(TrainingRow.Weight),
                NumberOfLeaves = 16,
                MinimumExampleCountPerLeaf = 10,
                LearningRate = 0.1,
                NumberOfIterations = 200,
                NumberOfThreads = 2,
                Seed = 1,
                Verbose = false,
                Silent = true,
            }),
        _ => throw new ArgumentOutOfRangeException(nameof(choice), choice, "The ensemble combines two fitted models and has no single estimator."),
    };
}
