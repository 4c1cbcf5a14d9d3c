using System.Security.Cryptography;
using System.Text;

namespace Engagement.Ml.Corpus;

/// <summary>Splits items by group (brand or page) so no brand is both learned from and tested on.</summary>
/// <remarks>
/// A brand's posts share products, names and phrasing. Splitting rows at random lets a model score well by
/// remembering the brand; splitting by group measures what the product needs, how it does on a brand it never saw.
/// </remarks>
public static class GroupSplit
{
    /// <summary>Share of groups the shipped model never trains on, so its quality gate measures unseen brands.</summary>
    public const int HoldoutPercent = 15;

    /// <summary>A group is held out by a hash of its name alone, so adding data never moves an existing group across.</summary>
    public static bool IsHoldout(string group) => StableHash(group) % 100 < HoldoutPercent;

    /// <summary>Assigns each item a fold in 0..folds-1; the groups are dealt largest first to the smallest fold.</summary>
    public static int[] AssignFolds(IReadOnlyList<LabelledItem> items, int folds, int seed = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(folds, 2);
        var groups = items
            .Select((item, index) => (item.Group, index))
            .GroupBy(x => x.Group, StringComparer.Ordinal)
            .Select(g => (Name: g.Key, Indices: g.Select(x => x.index).ToArray()))
            .OrderByDescending(g => g.Indices.Length)
            .ThenBy(g => StableHash(seed + ":" + g.Name))
            .ToList();
        var sizes = new int[folds];
        var assignment = new int[items.Count];
        foreach (var group in groups)
        {
            var fold = Array.IndexOf(sizes, sizes.Min());
            sizes[fold] += group.Indices.Length;
            foreach (var index in group.Indices)
            {
                assignment[index] = fold;
            }
        }

        return assignment;
    }

    internal static uint StableHash(string value)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(value), hash);
        return BitConverter.ToUInt32(hash[..4]);
    }
}
