using System.Collections.Concurrent;
using System.Reflection;
using Engagement.Ml.Features;
using Engagement.Ml.Vocabulary;
using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace Engagement.Ml;

/// <summary>Loads the shipped model once and scores interactions; safe to share across threads.</summary>
public sealed class EngagementClassifier : IDisposable
{
    // Featurising and explaining are per-item CPU work; past this size spreading them over cores pays for itself.
    private const int ParallelBatch = 64;
    private const int PartitionSize = 32;

    private readonly ContextCalibration _calibration;
    private readonly float[] _weights;
    private readonly LinearScore _score;

    private EngagementClassifier(ITransformer model, ModelManifest manifest)
    {
        _calibration = manifest.ContextCalibration();
        var linear = LinearModel(model);
        _weights = DenseWeights(linear);
        _score = ScoreOf(linear);
        ModelVersion = manifest.ModelVersion;
        Trainer = manifest.Trainer;
    }

    /// <summary>Where the shipped model sits beside the host's binaries.</summary>
    public static string DefaultModelPath => Path.Combine(AppContext.BaseDirectory, "model", "engagement-model.zip");

    /// <summary>Date and weight hash of the loaded model, e.g. <c>2026.11.27-3f9a1c2b</c>; stored on every scored row.</summary>
    public string ModelVersion { get; }

    /// <summary>The learner behind the loaded model, for logs and the model card.</summary>
    public string Trainer { get; }

    /// <summary>Loads a model written by <c>engage train</c>; <paramref name="modelPath"/> null means <see cref="DefaultModelPath"/>.</summary>
    public static EngagementClassifier Load(string? modelPath = null)
    {
        var path = modelPath ?? DefaultModelPath;
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"No engagement model at '{path}'. Train one with 'engage train'.", path);
        }

        var (model, manifest) = ModelFile.Load(new MLContext(seed: 1), path);
        return new EngagementClassifier(model, manifest);
    }

    /// <summary>Reads the version of a model file without loading its weights.</summary>
    public static string ReadModelVersion(string modelPath) => ModelFile.ReadVersion(modelPath);

    public Classification Classify(ClassifierInput input) => ClassifyBatch([input])[0];

    /// <summary>Scores many inputs, in parallel for larger batches; thread-safe, results in input order.</summary>
    public IReadOnlyList<Classification> ClassifyBatch(IReadOnlyList<ClassifierInput> inputs) => ClassifyBatch(inputs, ClassifyOptions.Default);

    /// <summary>Scores many inputs as <paramref name="options"/> say: with or without signals, on how many threads.</summary>
    public IReadOnlyList<Classification> ClassifyBatch(IReadOnlyList<ClassifierInput> inputs, ClassifyOptions options)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(options);
        if (inputs.Count == 0)
        {
            return [];
        }

        // Each worker carries its items from text to explanation one at a time in its thread's scratch buffers, so
        // nothing of an item outlives it but its result. Featurising a whole batch first (for one ML.NET Transform)
        // kept ~20 KB per item alive across the batch, which pushed it into gen-2 collections.
        var results = new Classification[inputs.Count];
        if (inputs.Count >= ParallelBatch && options.MaxDegreeOfParallelism != 1)
        {
            Parallel.ForEach(
                Partitioner.Create(0, inputs.Count, PartitionSize),
                new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism },
                range => ClassifyRange(inputs, results, range.Item1, range.Item2, options.Signals));
        }
        else
        {
            ClassifyRange(inputs, results, 0, inputs.Count, options.Signals);
        }

        return results;
    }

    /// <summary>The signals of one input with their contributions toward the predicted label, for tests and debugging.</summary>
    internal IReadOnlyList<(string Phrase, float Contribution)> ExplainWithContributions(ClassifierInput input)
    {
        var scratch = FeatureScratch.Current;
        var featurized = Featurizer.FeaturizeForScoring(input, scratch);
        var relational = _calibration.Probability(Score(scratch), input) >= 0.5f;
        return SignalExplainer.ExplainWithContributions(featurized, _weights, relational);
    }

    /// <summary>
    /// The signals of one input toward <paramref name="relational"/> as scoring picks them and as the full ranking of every
    /// candidate names them, under <paramref name="weights"/> (the model's when null); for tests that hold them equal.
    /// </summary>
    internal (IReadOnlyList<string> Picked, IReadOnlyList<string> FullRanking) ExplainBothWays(ClassifierInput input, bool relational, float[]? weights = null)
    {
        var featurized = Featurizer.FeaturizeForScoring(input, FeatureScratch.Current);
        return (SignalExplainer.Explain(featurized, weights ?? _weights, relational), SignalExplainer.ExplainByFullRanking(featurized, weights ?? _weights, relational));
    }

    /// <summary>The raw margin of one input before calibration, for tests that move it.</summary>
    internal float RawScore(ClassifierInput input)
    {
        var scratch = FeatureScratch.Current;
        Featurizer.FeaturizeForScoring(input, scratch);
        return Score(scratch);
    }

    /// <summary>The raw margin of the input last featurised into <paramref name="scratch"/>.</summary>
    private float Score(FeatureScratch scratch)
    {
        var features = new VBuffer<float>(Featurizer.Dimension, scratch.Length, scratch.Values, scratch.Indices);
        return _score(in features);
    }

    private void ClassifyRange(IReadOnlyList<ClassifierInput> inputs, Classification[] results, int from, int to, bool signals)
    {
        var scratch = FeatureScratch.Current;
        for (var i = from; i < to; i++)
        {
            var featurized = Featurizer.FeaturizeForScoring(inputs[i] ?? new ClassifierInput(string.Empty), scratch);
            results[i] = Result(featurized, Score(scratch), signals);
        }
    }

    private Classification Result(FeaturizedInput featurized, float score, bool signals)
    {
        var probability = _calibration.Probability(score, featurized.Input);
        var relational = probability >= 0.5f;
        return new Classification(
            EngagementLabels.Of(relational),
            probability,
            signals ? SignalExplainer.Explain(featurized, _weights, relational) : []);
    }

    private static LinearBinaryModelParameters LinearModel(ITransformer model)
    {
        var parameters = (model as ISingleFeaturePredictionTransformer<object>)?.Model;
        return parameters switch
        {
            LinearBinaryModelParameters l => l,
            CalibratedModelParametersBase<LinearBinaryModelParameters, PlattCalibrator> c => c.SubModel,
            CalibratedModelParametersBase<LinearBinaryModelParameters, ICalibrator> c => c.SubModel,
            _ => parameters?.GetType().GetProperty("SubModel")?.GetValue(parameters) as LinearBinaryModelParameters,
        } ?? throw new InvalidDataException($"Explanations need a linear model; this one is {parameters?.GetType().Name ?? model.GetType().Name}.");
    }

    /// <summary>Dense weights of the linear model, the basis of every explanation.</summary>
    private static float[] DenseWeights(LinearBinaryModelParameters linear)
    {
        var weights = new float[Featurizer.Dimension];
        var k = 0;
        foreach (var w in linear.Weights)
        {
            weights[k++] = w;
        }

        return weights;
    }

    /// <summary>
    /// The linear model's own margin function, bias plus its SIMD sparse dot product, called straight on a vector in the
    /// scratch buffers instead of through a PredictionEngine (which copies each row through a cursor and a mapper).
    /// </summary>
    /// <remarks>
    /// ML.NET keeps this method non-public; it is what its value mapper and so every PredictionEngine call, computes, so
    /// the margins are the same floats bit for bit. Summing weight × value ourselves would round differently (its float
    /// SIMD lanes against any other order): by up to ~1e-6 in probability on the evaluation sets, enough to fail
    /// <c>ShippedModelIdentityTests</c>. If an ML.NET upgrade renames it, loading fails here and says so.
    /// </remarks>
    private static LinearScore ScoreOf(LinearBinaryModelParameters linear)
    {
        var method = typeof(LinearModelParameters).GetMethod(
            "Score",
            BindingFlags.Instance | BindingFlags.NonPublic,
            [typeof(VBuffer<float>).MakeByRefType()]);
        return method?.ReturnType == typeof(float)
            ? method.CreateDelegate<LinearScore>(linear)
            : throw new InvalidOperationException($"This ML.NET ({typeof(LinearModelParameters).Assembly.GetName().Version}) has no LinearModelParameters.Score(in VBuffer<float>); the classifier needs it to score like ML.NET.");
    }

    private delegate float LinearScore(in VBuffer<float> features);

    /// <summary>Nothing to release since scoring no longer pools ML.NET engines; kept so hosts that dispose it still compile.</summary>
    public void Dispose()
    {
    }
}
