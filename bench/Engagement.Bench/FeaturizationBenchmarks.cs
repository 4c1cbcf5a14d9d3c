using BenchmarkDotNet.Attributes;
using Engagement.Ml;
using Engagement.Ml.Features;
using Engagement.Ml.Training;

namespace Engagement.Bench;

/// <summary>
/// Where the time of a 1,000-item batch goes before the model: normalising the text, the structural cues, and the
/// whole feature vector; set beside <see cref="ScoringBenchmarks"/> it splits scoring into its stages.
/// </summary>
[MemoryDiagnoser]
public class FeaturizationBenchmarks
{
    private const int BatchSize = 1000;

    private List<ClassifierInput> _inputs = null!;
    private NormalizedText[] _normalized = null!;
    private float[] _cues = null!;

    [GlobalSetup]
    public void Setup()
    {
        var holdout = ModelTrainer.HoldoutItems(Paths.Corpus);
        _inputs = Enumerable.Range(0, BatchSize).Select(i => holdout[i % holdout.Count].ToInput()).ToList();
        _normalized = _inputs.Select(i => TextNormalizer.Normalize(i.Text)).ToArray();
        _cues = new float[StructuralFeatures.Count];
    }

    [Benchmark(Description = "Normalise 1000 texts")]
    public int Normalise() => _inputs.Sum(i => TextNormalizer.Normalize(i.Text).Tokens.Count);

    [Benchmark(Description = "Structural cues of 1000 normalised texts")]
    public float Cues()
    {
        var sum = 0f;
        for (var k = 0; k < _inputs.Count; k++)
        {
            StructuralFeatures.Fill(_inputs[k], _normalized[k], _cues);
            sum += _cues[24];
        }

        return sum;
    }

    [Benchmark(Description = "Featurise 1000 inputs (normalise, cues, n-grams)")]
    public int Featurise() => _inputs.Sum(i => Featurizer.Featurize(i).Indices.Length);
}
