namespace Engagement.Ml.Training.Tests;

/// <summary>The shipped model, loaded once for every test class that needs it.</summary>
public sealed class ShippedModel : IDisposable
{
    public EngagementClassifier Classifier { get; } = EngagementClassifier.Load();

    public void Dispose() => Classifier.Dispose();
}
