using Engagement.Ml.Vocabulary;

namespace Engagement.Ml.Corpus;

/// <summary>The composition of a labelled set, in the terms issue 3 sets its targets in.</summary>
public sealed record CorpusSummary(
    int Items,
    int Groups,
    int Sectors,
    int Relational,
    int Broadcast,
    int BrandPosts,
    int RelationalBrandPosts,
    int Hard,
    IReadOnlyDictionary<string, int> Languages,
    IReadOnlyDictionary<string, int> Kinds)
{
    public static CorpusSummary Of(IReadOnlyList<LabelledItem> items)
    {
        var brandPosts = items.Where(i => i.AuthorIsBrand == true && i.Kind == InteractionKind.Post).ToList();
        return new CorpusSummary(
            items.Count,
            items.Select(i => i.Group).Distinct(StringComparer.Ordinal).Count(),
            items.Select(i => i.Sector?.Trim().ToLowerInvariant()).Where(s => !string.IsNullOrEmpty(s)).Distinct(StringComparer.Ordinal).Count(),
            items.Count(i => i.IsRelational),
            items.Count(i => !i.IsRelational),
            brandPosts.Count,
            brandPosts.Count(i => i.IsRelational),
            items.Count(i => i.Hard),
            Count(items, i => i.Language?.ToLowerInvariant() ?? "unknown"),
            Count(items, i => i.Kind.Name()));
    }

    public double Share(string language) => Items == 0 ? 0 : (double)Languages.GetValueOrDefault(language) / Items;

    private static Dictionary<string, int> Count(IReadOnlyList<LabelledItem> items, Func<LabelledItem, string> key) =>
        items.GroupBy(key).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
}
