using System.Runtime.InteropServices;

namespace Engagement.Ml.Features;

/// <summary>Builds the sparse feature vector of one input: structural slots, then hashed word and character n-grams.</summary>
/// <remarks>
/// Hashing instead of a learned vocabulary keeps the model file small and lets an explanation map every active
/// slot back to the exact n-gram of this input that lit it, so no dictionary has to ship with the model.
/// </remarks>
internal static class Featurizer
{
    /// <summary>Changes whenever the vector layout changes; a model trained on another layout refuses to load.</summary>
    public const string Version = "hash18-w12-c35-s53-v1";

    public const int HashBits = 18;
    public const int HashSize = 1 << HashBits;
    public const int Dimension = StructuralFeatures.Count + HashSize;

    // Words carry most of the meaning; character n-grams add robustness to typos, inflection and dialect.
    private const float WordBlockWeight = 1.0f;
    private const float CharBlockWeight = 0.8f;

    private const uint UnigramSeed = 0x811C9DC5;
    private const uint BigramSeed = 0x9E3779B9;
    private const uint CharSeed = 0x85EBCA6B;

    public static FeaturizedInput Featurize(ClassifierInput input)
    {
        var text = TextNormalizer.Normalize(input.Text);
        var structural = new float[StructuralFeatures.Count];
        StructuralFeatures.Fill(input, text, structural);

        var tokens = text.Tokens;
        var occurrences = new List<Occurrence>(tokens.Count * 12);
        var wordCounts = new Dictionary<int, float>();
        var charCounts = new Dictionary<int, float>();

        for (var i = 0; i < tokens.Count; i++)
        {
            Add(wordCounts, occurrences, Hash(UnigramSeed, tokens[i]), i, -1, isChar: false);
            var previous = i == 0 ? "^" : tokens[i - 1];
            Add(wordCounts, occurrences, Hash(BigramSeed, previous, tokens[i]), i, i == 0 ? -1 : i - 1, isChar: false);
            if (i == tokens.Count - 1)
            {
                Add(wordCounts, occurrences, Hash(BigramSeed, tokens[i], "$"), i, -1, isChar: false);
            }

            if (HasCharGrams(tokens[i]))
            {
                var padded = "<" + tokens[i] + ">";
                for (var n = 3; n <= 5; n++)
                {
                    for (var start = 0; start + n <= padded.Length; start++)
                    {
                        Add(charCounts, occurrences, Hash(CharSeed, padded.AsSpan(start, n)), i, -1, isChar: true);
                    }
                }
            }
        }

        var wordScale = WordBlockWeight / Norm(wordCounts);
        var charScale = CharBlockWeight / Norm(charCounts);
        var merged = new Dictionary<int, float>(wordCounts.Count + charCounts.Count + StructuralFeatures.Count);
        for (var s = 0; s < structural.Length; s++)
        {
            if (structural[s] != 0)
            {
                merged[s] = structural[s];
            }
        }

        foreach (var (slot, count) in wordCounts)
        {
            merged[slot] = count * wordScale;
        }

        foreach (var (slot, count) in charCounts)
        {
            ref var value = ref CollectionsMarshal.GetValueRefOrAddDefault(merged, slot, out _);
            value += count * charScale;
        }

        var indices = merged.Keys.ToArray();
        Array.Sort(indices);
        var values = new float[indices.Length];
        for (var k = 0; k < indices.Length; k++)
        {
            values[k] = merged[indices[k]];
        }

        return new FeaturizedInput(input, text, structural, indices, values, occurrences, wordScale, charScale);
    }

    private static bool HasCharGrams(string token) =>
        token.Length >= 2 && char.IsLetterOrDigit(token[0]) && !TextNormalizer.Placeholders.Contains(token);

    private static void Add(Dictionary<int, float> counts, List<Occurrence> occurrences, int slot, int token, int otherToken, bool isChar)
    {
        ref var count = ref CollectionsMarshal.GetValueRefOrAddDefault(counts, slot, out _);
        count += 1;
        occurrences.Add(new Occurrence(slot, token, otherToken, isChar));
    }

    private static float Norm(Dictionary<int, float> counts)
    {
        var sum = 0f;
        foreach (var value in counts.Values)
        {
            sum += value * value;
        }

        return sum > 0 ? MathF.Sqrt(sum) : 1f;
    }

    private static int Hash(uint seed, ReadOnlySpan<char> text)
    {
        var hash = seed;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return StructuralFeatures.Count + (int)(Mix(hash) & (HashSize - 1));
    }

    private static int Hash(uint seed, string first, string second)
    {
        var hash = seed;
        foreach (var c in first)
        {
            hash = (hash ^ c) * 16777619u;
        }

        hash = (hash ^ ' ') * 16777619u;
        foreach (var c in second)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return StructuralFeatures.Count + (int)(Mix(hash) & (HashSize - 1));
    }

    // FNV's low bits are weak for short keys; a final avalanche spreads them across the table.
    private static uint Mix(uint h)
    {
        h ^= h >> 16;
        h *= 0x7FEB352D;
        h ^= h >> 15;
        h *= 0x846CA68B;
        h ^= h >> 16;
        return h;
    }
}

/// <summary>One n-gram occurrence: the slot it lit and the token(s) of the input it came from.</summary>
internal readonly record struct Occurrence(int Slot, int Token, int OtherToken, bool IsChar);

/// <summary>An input as the model sees it, with what is needed to explain its score.</summary>
internal sealed record FeaturizedInput(
    ClassifierInput Input,
    NormalizedText Text,
    float[] Structural,
    int[] Indices,
    float[] Values,
    IReadOnlyList<Occurrence> Occurrences,
    float WordScale,
    float CharScale);
