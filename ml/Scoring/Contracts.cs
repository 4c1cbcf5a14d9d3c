namespace Engagement.Ml;

/// <summary>The two labels of docs/labels.md, as stored and served.</summary>
public static class EngagementLabels
{
    public const string Broadcast = "broadcast";
    public const string Relational = "relational";
}

/// <summary>What the classifier may look at: the text, and the metadata when known.</summary>
public sealed record ClassifierInput(
    string Text,
    string? Kind = null,
    string? Channel = null,
    bool? AuthorIsBrand = null,
    string? Language = null,
    bool? HasParent = null);

/// <summary>One prediction: the label, the probability of <c>relational</c>, and the strongest signals behind it.</summary>
public sealed record Classification(string Label, float RelationalProbability, IReadOnlyList<string> Signals);
