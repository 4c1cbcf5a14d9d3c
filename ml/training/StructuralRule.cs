using Engagement.Ml.Corpus;
using Engagement.Ml.Vocabulary;

namespace Engagement.Ml.Training;

/// <summary>
/// The two-line rule the model must beat on every slice (issue 8): a brand's own post is broadcast, anything else is
/// relational. It reads only the metadata, so it has no answer for text alone.
/// </summary>
public static class StructuralRule
{
    public static bool IsRelational(LabelledItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return !(item.AuthorIsBrand == true && item.Kind == InteractionKind.Post);
    }

    /// <summary>The rule's answers as probabilities (0 or 1), measured like a model's.</summary>
    public static ModelMetrics Measure(IReadOnlyList<LabelledItem> items, IReadOnlyList<float>? weights = null) =>
        ModelMetrics.Compute(items, items.Select(i => IsRelational(i) ? 1f : 0f).ToList(), weights);
}
