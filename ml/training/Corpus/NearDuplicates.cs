using Engagement.Ml.Features;

namespace Engagement.Ml.Corpus;

/// <summary>Finds items whose normalised text is equal or nearly equal (word-bigram Jaccard) to an earlier item.</summary>
/// <remarks>
/// A near-copy on both sides of a fold boundary turns a test into a memory check, so these are dropped before any
/// split. Texts compare after normalisation, so a changed price, handle, link or accent does not hide a copy.
/// </remarks>
public static class NearDuplicates
{
    public const double DefaultThreshold = 0.6;

    // Shingles this common ("grazie mille", "link in") are too frequent to point at a copy and would make the index quadratic.
    private const int MaxPostingLength = 200;

    /// <summary>Every item that repeats an earlier one, with the earlier one and their similarity.</summary>
    public static IReadOnlyList<DuplicatePair> Find(IReadOnlyList<LabelledItem> items, double threshold = DefaultThreshold)
    {
        var shingles = items.Select(i => Shingles(i.Text)).ToArray();
        var keys = items.Select(i => string.Join(' ', TextNormalizer.Normalize(i.Text).Tokens)).ToArray();
        var postings = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var exact = new Dictionary<string, int>(StringComparer.Ordinal);
        var pairs = new List<DuplicatePair>();
        for (var i = 0; i < items.Count; i++)
        {
            if (exact.TryGetValue(keys[i], out var same))
            {
                pairs.Add(new DuplicatePair(items[same], items[i], 1.0));
                continue;
            }

            exact[keys[i]] = i;
            var shared = new Dictionary<int, int>();
            foreach (var shingle in shingles[i])
            {
                if (postings.TryGetValue(shingle, out var list) && list.Count < MaxPostingLength)
                {
                    foreach (var j in list)
                    {
                        shared[j] = shared.GetValueOrDefault(j) + 1;
                    }
                }
            }

            var best = -1;
            var bestSimilarity = 0.0;
            foreach (var (j, count) in shared)
            {
                var similarity = (double)count / (shingles[i].Count + shingles[j].Count - count);
                if (similarity > bestSimilarity)
                {
                    best = j;
                    bestSimilarity = similarity;
                }
            }

            // Very short texts ("grazie!", "🔥🔥") legitimately repeat; only the exact rule above applies to them.
            if (best >= 0 && bestSimilarity >= threshold && shingles[i].Count >= 4)
            {
                pairs.Add(new DuplicatePair(items[best], items[i], bestSimilarity));
                continue;
            }

            foreach (var shingle in shingles[i])
            {
                if (!postings.TryGetValue(shingle, out var list))
                {
                    postings[shingle] = list = [];
                }

                list.Add(i);
            }
        }

        return pairs;
    }

    private static HashSet<string> Shingles(string text)
    {
        var tokens = TextNormalizer.Normalize(text).Tokens.Where(t => t is not "?" and not "!").ToArray();
        var set = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < tokens.Length; i++)
        {
            set.Add(tokens[i] + " " + tokens[i + 1]);
        }

        if (tokens.Length == 1)
        {
            set.Add(tokens[0]);
        }

        return set;
    }
}

/// <summary>An item (<see cref="Duplicate"/>) that repeats an earlier one (<see cref="Original"/>).</summary>
public sealed record DuplicatePair(LabelledItem Original, LabelledItem Duplicate, double Similarity)
{
    public bool CrossesGroups => !string.Equals(Original.Group, Duplicate.Group, StringComparison.Ordinal);
}
