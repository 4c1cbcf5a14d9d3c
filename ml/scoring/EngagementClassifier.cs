using System.Collections.Concurrent;
using Engagement.Ml.Features;
using Engagement.Ml.Vocabulary;
using Microsoft.Extensions.ObjectPool;
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

    private readonly MLContext _ml;
    private readonly ITransformer _model;
    private readonly ContextCalibration _calibration;
    private readonly float[] _weights;
    private readonly ObjectPool<PredictionEngine<ModelRow, ScoreRow>> _engines;

    private EngagementClassifier(MLContext ml, ITransformer model, ModelManifest manifest)
    {
        _ml = ml;
        _model = model;
        _calibration = manifest.ContextCalibration();
        _weights = LinearWeights(model);
        // The provider hands back a disposing pool because engines are IDisposable.
        _engines = new DefaultObjectPoolProvider { MaximumRetained = Math.Max(2, Environment.ProcessorCount * 2) }
            .Create(new EnginePolicy(ml, model));
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

        var ml = new MLContext(seed: 1);
        var (model, manifest) = ModelFile.Load(ml, path);
        return new EngagementClassifier(ml, model, manifest);
    }

    /// <summary>Reads the version of a model file without loading its weights.</summary>
    public static string ReadModelVersion(string modelPath) => ModelFile.ReadVersion(modelPath);

    public Classification Classify(ClassifierInput input) => ClassifyBatch([input])[0];

    /// <summary>Scores many inputs over pooled engines, in parallel for larger batches; thread-safe, results in input order.</summary>
    public IReadOnlyList<Classification> ClassifyBatch(IReadOnlyList<ClassifierInput> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.Count == 0)
        {
            return [];
        }

        // Each worker takes a pooled engine and carries its items from text to explanation one at a time, so only a
        // few featurised inputs are alive at once. Featurising a whole batch first (for one Transform) kept ~20 KB
        // per item alive across the batch, which pushed it into gen-2 collections and made batches slower per item
        // than single calls.
        var results = new Classification[inputs.Count];
        if (inputs.Count >= ParallelBatch)
        {
            Parallel.ForEach(Partitioner.Create(0, inputs.Count, PartitionSize), range => ClassifyRange(inputs, results, range.Item1, range.Item2));
        }
        else
        {
            ClassifyRange(inputs, results, 0, inputs.Count);
        }

        return results;
    }

    /// <summary>The signals of one input with their contributions toward the predicted label, for tests and debugging.</summary>
    internal IReadOnlyList<(string Phrase, float Contribution)> ExplainWithContributions(ClassifierInput input)
    {
        var featurized = Featurizer.Featurize(input);
        var engine = _engines.Get();
        float score;
        try
        {
            score = engine.Predict(ModelRow.From(featurized)).Score;
        }
        finally
        {
            _engines.Return(engine);
        }

        var relational = _calibration.Probability(score, input) >= 0.5f;
        return SignalExplainer.ExplainWithContributions(featurized, _weights, relational);
    }

    private void ClassifyRange(IReadOnlyList<ClassifierInput> inputs, Classification[] results, int from, int to)
    {
        var engine = _engines.Get();
        try
        {
            for (var i = from; i < to; i++)
            {
                var featurized = Featurizer.Featurize(inputs[i] ?? new ClassifierInput(string.Empty));
                results[i] = Result(featurized, engine.Predict(ModelRow.From(featurized)).Score);
            }
        }
        finally
        {
            _engines.Return(engine);
        }
    }

    private Classification Result(FeaturizedInput featurized, float score)
    {
        var probability = _calibration.Probability(score, featurized.Input);
        var relational = probability >= 0.5f;
        return new Classification(
            EngagementLabels.Of(relational),
            probability,
            SignalExplainer.Explain(featurized, _weights, relational));
    }

    /// <summary>Raw margins through one ML.NET Transform over the batch: the alternative batch path, kept so the benchmark can compare it.</summary>
    internal float[] RawScores(IReadOnlyList<ClassifierInput> inputs) =>
        ScoreWithTransform(inputs.Select(Featurizer.Featurize).ToArray());

    private float[] ScoreWithTransform(FeaturizedInput[] featurized)
    {
        var data = _ml.Data.LoadFromEnumerable(featurized.Select(f => ModelRow.From(f)));
        var scores = new float[featurized.Length];
        var i = 0;
        foreach (var score in _model.Transform(data).GetColumn<float>(nameof(ScoreRow.Score)))
        {
            scores[i++] = score;
        }

        return scores;
    }

    /// <summary>Dense weights of the linear model, the basis of every explanation.</summary>
    private static float[] LinearWeights(ITransformer model)
    {
        var parameters = (model as ISingleFeaturePredictionTransformer<object>)?.Model;
        var linear = parameters switch
        {
            LinearBinaryModelParameters l => l,
            CalibratedModelParametersBase<LinearBinaryModelParameters, PlattCalibrator> c => c.SubModel,
            CalibratedModelParametersBase<LinearBinaryModelParameters, ICalibrator> c => c.SubModel,
            _ => parameters?.GetType().GetProperty("SubModel")?.GetValue(parameters) as LinearBinaryModelParameters,
        } ?? throw new InvalidDataException($"Explanations need a linear model; this one is {parameters?.GetType().Name ?? model.GetType().Name}.");

        var weights = new float[Featurizer.Dimension];
        var k = 0;
        foreach (var w in linear.Weights)
        {
            weights[k++] = w;
        }

        return weights;
    }

    public void Dispose() => (_engines as IDisposable)?.Dispose();

    private sealed class EnginePolicy(MLContext ml, ITransformer model) : PooledObjectPolicy<PredictionEngine<ModelRow, ScoreRow>>
    {
        public override PredictionEngine<ModelRow, ScoreRow> Create() => ml.Model.CreatePredictionEngine<ModelRow, ScoreRow>(model);

        public override bool Return(PredictionEngine<ModelRow, ScoreRow> obj) => true;
    }
}
