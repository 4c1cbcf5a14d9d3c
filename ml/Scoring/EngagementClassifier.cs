namespace Engagement.Ml;

/// <summary>Loads the shipped model once and scores interactions; safe to share across threads.</summary>
public sealed class EngagementClassifier : IDisposable
{
    /// <summary>Where the shipped model sits beside the host's binaries.</summary>
    public static string DefaultModelPath => Path.Combine(AppContext.BaseDirectory, "model", "engagement-model.zip");

    private EngagementClassifier(string modelVersion) => ModelVersion = modelVersion;

    public string ModelVersion { get; }

    public static EngagementClassifier Load(string? modelPath = null) =>
        throw new NotImplementedException("Placeholder until the first trained model lands.");

    public Classification Classify(ClassifierInput input) => ClassifyBatch([input])[0];

    public IReadOnlyList<Classification> ClassifyBatch(IReadOnlyList<ClassifierInput> inputs) =>
        throw new NotImplementedException();

    public void Dispose()
    {
    }
}
