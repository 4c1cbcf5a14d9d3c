using Engagement.Ml.Vocabulary;

namespace Engagement.Ml;

/// <summary>What the classifier may look at: the text, and the metadata when known (unknown is a value the model knows).</summary>
public sealed record ClassifierInput(
    string Text,
    InteractionKind Kind = InteractionKind.Unknown,
    Channel? Channel = null,
    bool? AuthorIsBrand = null,
    string? Language = null,
    bool? HasParent = null);

/// <summary>One prediction: the label, the probability of <c>relational</c>, and the strongest signals behind it.</summary>
public sealed record Classification(string Label, float RelationalProbability, IReadOnlyList<string> Signals);

/// <summary>How a batch is scored; <see cref="Default"/> names signals and lets the runtime choose the threads.</summary>
public sealed record ClassifyOptions
{
    public static ClassifyOptions Default { get; } = new();

    /// <summary>Name the 1-4 signals of each prediction (default true); false leaves them empty and skips the explaining.</summary>
    public bool Signals { get; init; } = true;

    /// <summary>Threads a large batch may use: -1 (default) lets the runtime choose, 1 scores on the calling thread.</summary>
    public int MaxDegreeOfParallelism { get; init; } = -1;
}
