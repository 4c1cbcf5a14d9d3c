using BenchmarkDotNet.Attributes;
using Engagement.Ml;
using Engagement.Ml.Corpus;
using Engagement.Ml.Training;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Engagement.Bench;

/// <summary>
/// The shipped classifier against a bare ML.NET text pipeline (FeaturizeText + SDCA logistic regression) on the same
/// 1,000 held-out inputs: batch throughput through one call, and one item at a time.
/// </summary>
[MemoryDiagnoser]
public class ScoringBenchmarks
{
    private const int BatchSize = 1000;

    private EngagementClassifier _classifier = null!;
    private List<ClassifierInput> _inputs = null!;
    private ClassifierInput _single = null!;
    private MLContext _ml = null!;
    private ITransformer _baseline = null!;
    private List<BaselineRow> _baselineRows = null!;
    private PredictionEngine<BaselineRow, BaselinePrediction> _baselineEngine = null!;
    private int _next;

    private static readonly ClassifyOptions NoSignals = new() { Signals = false };

    [GlobalSetup]
    public void Setup()
    {
        var corpus = Paths.Corpus;
        _classifier = EngagementClassifier.Load(Paths.Model);
        var holdout = ModelTrainer.HoldoutItems(corpus);
        _inputs = Enumerable.Range(0, BatchSize).Select(i => holdout[i % holdout.Count].ToInput()).ToList();
        _single = _inputs[0];

        _ml = new MLContext(seed: 1);
        _baseline = Baseline.Train(_ml, LabelledData.ReadDirectory(corpus).Items.Where(i => !GroupSplit.IsHoldout(i.Group)));
        _baselineRows = _inputs.Select(i => new BaselineRow { Text = i.Text }).ToList();
        _baselineEngine = _ml.Model.CreatePredictionEngine<BaselineRow, BaselinePrediction>(_baseline);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _classifier.Dispose();
        _baselineEngine.Dispose();
    }

    [Benchmark(Description = "Engagement: ClassifyBatch(1000), with signals")]
    public int EngagementBatch() => _classifier.ClassifyBatch(_inputs).Count;

    [Benchmark(Description = "Engagement: ClassifyBatch(1000), no signals")]
    public int EngagementBatchNoSignals() => _classifier.ClassifyBatch(_inputs, NoSignals).Count;

    [Benchmark(Description = "Baseline: Transform(1000), FeaturizeText+SDCA")]
    public int BaselineBatch()
    {
        var scored = _baseline.Transform(_ml.Data.LoadFromEnumerable(_baselineRows));
        var count = 0;
        foreach (var probability in scored.GetColumn<float>(nameof(BaselinePrediction.Probability)))
        {
            count += probability >= 0.5f ? 1 : 0;
        }

        return count;
    }

    [Benchmark(Description = "Engagement: Classify(1 item), with signals")]
    public Classification EngagementSingle() => _classifier.Classify(_inputs[_next++ % BatchSize]);

    [Benchmark(Description = "Baseline: PredictionEngine.Predict(1 item)")]
    public BaselinePrediction BaselineSingle() => _baselineEngine.Predict(_baselineRows[_next++ % BatchSize]);

    [Benchmark(Description = "Engagement: Classify(same item), with signals")]
    public Classification EngagementSameItem() => _classifier.Classify(_single);
}

/// <summary>Finds the repository from wherever BenchmarkDotNet runs the generated project.</summary>
internal static class Paths
{
    public static readonly string Root = FindRoot();

    public static string Corpus => Path.Combine(Root, "ml", "data", "corpus");

    public static string Model => Path.Combine(Root, "ml", "model", "engagement-model.zip");

    public static string Demo => Path.Combine(Root, "demo");

    private static string FindRoot()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "Engagement.sln")))
                {
                    return directory.FullName;
                }
            }
        }

        throw new DirectoryNotFoundException("Run the benchmarks from inside the repository.");
    }
}
