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
