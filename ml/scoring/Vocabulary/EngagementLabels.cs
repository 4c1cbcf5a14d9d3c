namespace Engagement.Ml.Vocabulary;

/// <summary>The two labels of docs/labels.md, as stored and served.</summary>
public static class EngagementLabels
{
    public const string Broadcast = "broadcast";
    public const string Relational = "relational";

    /// <summary>The label for a verdict: relational or not.</summary>
    public static string Of(bool relational) => relational ? Relational : Broadcast;
}
