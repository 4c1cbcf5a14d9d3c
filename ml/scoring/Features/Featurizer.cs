using Engagement.Ml.Vocabulary;

namespace Engagement.Ml.Features;

/// <summary>Builds the sparse feature vector of one input: structural slots, then hashed word and character n-grams.</summary>
/// <remarks>
/// Hashing instead of a learned vocabulary keeps the model file small and lets an explanation map every active
/// slot back to the exact n-gram of this input that lit it, so no dictionary has to ship with the model.
/// </remarks>
internal static class Featurizer
{
    /// <summary>Changes whenever the vector layout changes; a model trained on another layout refuses to load.</summary>
    public const string Version = "hash18-w12-c35-x12-sx-s68-v9";

    public const int HashBits = 18;
    public const int HashSize = 1 << HashBits;
    public const int Dimension = StructuralFeatures.Count + HashSize;

    // Character n-grams add robustness to typos, inflection and dialect; grouped cross-validation preferred them
    // slightly heavier than words (1.2 against 0.5-1.0; see ml/MODEL.md).
    private const float WordBlockWeight = 1.0f;
    private const float CharBlockWeight = 1.2f;

    // A second copy of the word n-grams keyed by who writes and where ("brand post", "customer comment") lets a
    // linear model learn that "prenota" means one thing in a brand's caption and another in a customer's question.
    // With no metadata there is no copy, and the shared weights alone decide, as they were trained to.
    private const float ContextBlockWeight = 0.7f;

    // The same keying for the text cues (question, price, call to action...), so "a question from a customer" and
    // "a question in a brand's caption" weigh differently. Grouped CV: macro-F1 0.957 → 0.968 with metadata.
    private const float StructuralContextWeight = 1.5f;

    private const uint UnigramSeed = 0x811C9DC5;
    private const uint BigramSeed = 0x9E3779B9;
    private const uint CharSeed = 0x85EBCA6B;

    /// <summary>The whole sparse vector of one input, in arrays of its own: what training keeps for thousands of inputs.</summary>
    public static FeaturizedInput Featurize(ClassifierInput input)
    {
        var scratch = FeatureScratch.Current;
        var featurized = FeaturizeForScoring(input, scratch);
        return featurized with
        {
            Structural = featurized.Structural.ToArray(),
            Indices = scratch.Indices[..scratch.Length],
            Values = scratch.Values[..scratch.Length],
            Occurrences = featurized.Occurrences.ToArray(),
            BlockScales = featurized.BlockScales.ToArray(),
        };
    }

    /// <summary>
    /// One input featurised into <paramref name="scratch"/>, which holds the sparse vector
    /// (<see cref="FeatureScratch.Indices"/>, <see cref="FeatureScratch.Values"/>, <see cref="FeatureScratch.Length"/>);
    /// the result's arrays are the scratch's, valid until it is used again, and its own Indices and Values are empty.
    /// </summary>
    /// <remarks>Scoring allocates no buffer per item this way; <see cref="Featurize"/> copies the result out for training.</remarks>
    public static FeaturizedInput FeaturizeForScoring(ClassifierInput input, FeatureScratch scratch)
    {
        var text = TextNormalizer.Normalize(input.Text);
        var cues = Cues.Find(text, input.Language);
        var structural = scratch.Structural;
        StructuralFeatures.Fill(input, text, cues, structural);

        var found = CollectOccurrences(input, text, structural, scratch);
        Merge(found, scratch);
        return new FeaturizedInput(input, text, cues, structural, [], [], new ArraySegment<Occurrence>(scratch.Occurrences, 0, found), scratch.Scales);
    }

    /// <summary>The merged, slot-ordered vector of the structural values and the first <paramref name="found"/> occurrences, and each block's scale.</summary>
    private static void Merge(int found, FeatureScratch scratch)
    {
        // One sort of packed (slot, block, cue) keys gives both each block's counts for its norm and the merged,
        // slot-ordered vector; a few hundred keys sort faster than dictionaries fill at this size.
        var structural = scratch.Structural;
        var occurrences = scratch.Occurrences;
        var keys = scratch.Keys(found, out var spare);
        ReadOnlySpan<uint> sorted = SortKeys(occurrences.AsSpan(0, found), keys, spare);

        Span<float> squares = stackalloc float[3];
        for (var k = 0; k < sorted.Length;)
        {
            var run = Run(sorted, k);
            var block = (int)((sorted[k] >> 8) & 3);
            if (block < 3)
            {
                squares[block] += run * run;
            }

            k += run;
        }

        var scales = scratch.Scales;
        scales[0] = WordBlockWeight;
        scales[1] = CharBlockWeight;
        scales[2] = ContextBlockWeight;
        scales[3] = StructuralContextWeight;
        for (var block = 0; block < 3; block++)
        {
            scales[block] /= squares[block] > 0 ? MathF.Sqrt(squares[block]) : 1f;
        }

        var indices = scratch.Indices;
        var values = scratch.Values;
        var count = 0;
        for (var slot = 0; slot < structural.Length; slot++)
        {
            if (structural[slot] != 0)
            {
                indices[count] = slot;
                values[count++] = structural[slot];
            }
        }

        var structuralSlots = count;
        for (var k = 0; k < sorted.Length;)
        {
            var run = Run(sorted, k);
            var slot = (int)(sorted[k] >> 10);
            var block = (int)((sorted[k] >> 8) & 3);
            var value = block == (int)Block.StructuralContext
                ? structural[(int)(sorted[k] & 255)] * scales[block] * run
                : scales[block] * run;
            if (count > structuralSlots && indices[count - 1] == slot)
            {
                values[count - 1] += value;
            }
            else
            {
                indices[count] = slot;
                values[count++] = value;
            }

            k += run;
        }

        scratch.Length = count;
    }

    /// <summary>Every n-gram occurrence of one input, in <see cref="FeatureScratch.Occurrences"/>; returns how many.</summary>
    private static int CollectOccurrences(ClassifierInput input, NormalizedText text, float[] structural, FeatureScratch scratch)
    {
        var tokens = text.Tokens;
        var occurrences = scratch.Reserve(tokens.Count * 16 + 8);
        var count = 0;
        var context = ContextSeed(input);
        // The "<token>" of the character n-grams, built in place instead of as a string per token.
        Span<char> padded = stackalloc char[128];
        Span<int> fours = stackalloc int[128];
        Span<int> fives = stackalloc int[128];

        void Add(Occurrence occurrence)
        {
            if (count == occurrences.Length)
            {
                occurrences = scratch.Grow(count);
            }

            occurrences[count++] = occurrence;
        }

        for (var i = 0; i < tokens.Count; i++)
        {
            var previous = i == 0 ? "^" : tokens[i - 1];
            Add(new Occurrence(Hash(UnigramSeed, tokens[i]), i, -1, Block.Word));
            Add(new Occurrence(Hash(BigramSeed, previous, tokens[i]), i, i == 0 ? -1 : i - 1, Block.Word));
            if (i == tokens.Count - 1)
            {
                Add(new Occurrence(Hash(BigramSeed, tokens[i], "$"), i, -1, Block.Word));
            }

            if (context != 0)
            {
                Add(new Occurrence(Hash(UnigramSeed ^ context, tokens[i]), i, -1, Block.Context));
                Add(new Occurrence(Hash(BigramSeed ^ context, previous, tokens[i]), i, i == 0 ? -1 : i - 1, Block.Context));
            }

            if (HasCharGrams(tokens[i]))
            {
                var token = tokens[i];
                var chars = token.Length + 2 <= padded.Length ? padded[..(token.Length + 2)] : new char[token.Length + 2];
                chars[0] = '<';
                token.CopyTo(chars[1..]);
                chars[^1] = '>';
                if (chars.Length <= fours.Length)
                {
                    // A 4- and 5-gram hash continues its 3-gram's, so each start is hashed once; the occurrences keep the
                    // order of all 3-grams, then 4-grams, then 5-grams, which the explanations' sums depend on.
                    for (var start = 0; start + 3 <= chars.Length; start++)
                    {
                        var hash = Step(Step(Step(CharSeed, chars[start]), chars[start + 1]), chars[start + 2]);
                        Add(new Occurrence(Slot(hash), i, -1, Block.Char));
                        if (start + 4 <= chars.Length)
                        {
                            hash = Step(hash, chars[start + 3]);
                            fours[start] = Slot(hash);
                            if (start + 5 <= chars.Length)
                            {
                                fives[start] = Slot(Step(hash, chars[start + 4]));
                            }
                        }
                    }

                    for (var start = 0; start + 4 <= chars.Length; start++)
                    {
                        Add(new Occurrence(fours[start], i, -1, Block.Char));
                    }

                    for (var start = 0; start + 5 <= chars.Length; start++)
                    {
                        Add(new Occurrence(fives[start], i, -1, Block.Char));
                    }
                }
                else
                {
                    for (var n = 3; n <= 5; n++)
                    {
                        for (var start = 0; start + n <= chars.Length; start++)
                        {
                            Add(new Occurrence(Hash(CharSeed, chars.Slice(start, n)), i, -1, Block.Char));
                        }
                    }
                }
            }
        }

        if (context != 0)
        {
            for (var cue = StructuralFeatures.FirstTextCue; cue < StructuralFeatures.Bias; cue++)
            {
                if (structural[cue] != 0)
                {
                    Add(new Occurrence(StructuralContextSlot(context, cue), -1, cue, Block.StructuralContext));
                }
            }
        }

        return count;
    }

    /// <summary>
    /// The packed (slot, block, cue) keys of <paramref name="occurrences"/> in ascending order, in <paramref name="keys"/>
    /// or <paramref name="spare"/> (returned). A stable split by block, then two stable passes on the slot's low ten bits
    /// and the rest: the cue needs no pass of its own, since a block's occurrences arrive in ascending cue order
    /// (only <see cref="Block.StructuralContext"/> has cues, added cue by cue) and equal keys are interchangeable. The
    /// order is the one a comparison sort of the keys gives, at a fraction of its branches for the few hundred keys of a text.
    /// </summary>
    private static Span<uint> SortKeys(ReadOnlySpan<Occurrence> occurrences, Span<uint> keys, Span<uint> spare)
    {
        // Every pass's counts in one read; a count is the same whatever order the occurrences are in.
        Span<int> blocks = stackalloc int[4];
        Span<int> low = stackalloc int[1 << 10];
        Span<int> high = stackalloc int[(Dimension >> 10) + 1];
        foreach (var o in occurrences)
        {
            blocks[(int)o.Block]++;
            low[o.Slot & 1023]++;
            high[o.Slot >> 10]++;
        }

        Offsets(blocks);
        Offsets(low);
        Offsets(high);
        foreach (var o in occurrences)
        {
            var cue = o.Block == Block.StructuralContext ? o.OtherToken : 0;
            spare[blocks[(int)o.Block]++] = ((uint)o.Slot << 10) | ((uint)o.Block << 8) | (uint)cue;
        }

        foreach (var key in spare)
        {
            keys[low[(int)(key >> 10) & 1023]++] = key;
        }

        foreach (var key in keys)
        {
            spare[high[(int)(key >> 20)]++] = key;
        }

        return spare;
    }

    /// <summary>Turns counts per bucket into each bucket's first position.</summary>
    private static void Offsets(Span<int> counts)
    {
        var total = 0;
        for (var b = 0; b < counts.Length; b++)
        {
            (counts[b], total) = (total, total + counts[b]);
        }
    }

    private static int Run(ReadOnlySpan<uint> sorted, int start)
    {
        var end = start + 1;
        while (end < sorted.Length && sorted[end] == sorted[start])
        {
            end++;
        }

        return end - start;
    }

    private static bool HasCharGrams(string token) =>
        token.Length >= 2 && char.IsLetterOrDigit(token[0]) && !TextNormalizer.IsPlaceholder(token);

    private static int StructuralContextSlot(uint context, int cue)
    {
        var hash = (context ^ 0xC2B2AE35u) * 16777619u;
        hash = (hash ^ (uint)cue) * 16777619u;
        return StructuralFeatures.Count + (int)(Mix(hash) & (HashSize - 1));
    }

    /// <summary>A seed per writer-and-place context, or 0 when metadata is too thin to name one.</summary>
    private static uint ContextSeed(ClassifierInput input)
    {
        var place = input.Kind switch
        {
            InteractionKind.Unknown => input.HasParent switch { true => "conversation", false => "post", null => null },
            InteractionKind.Post => "post",
            _ => "conversation",
        };
        var author = input.AuthorIsBrand switch { true => "brand", false => "other", null => null };
        if (place is null && author is null)
        {
            return 0;
        }

        var hash = 0x27D4EB2Fu;
        foreach (var c in (author ?? "?") + "+" + (place ?? "?"))
        {
            hash = (hash ^ c) * 16777619u;
        }

        return Mix(hash) | 1;
    }

    private static uint Step(uint hash, char c) => (hash ^ c) * 16777619u;

    private static int Slot(uint hash) => StructuralFeatures.Count + (int)(Mix(hash) & (HashSize - 1));

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

/// <summary>The part of the vector an n-gram lands in; each part is L2-normalised on its own.</summary>
internal enum Block : byte
{
    Word,
    Char,
    Context,

    /// <summary>A text cue keyed by context; <see cref="Occurrence.OtherToken"/> holds the structural slot, not a token.</summary>
    StructuralContext,
}

/// <summary>One n-gram occurrence: the slot it lit and the token(s) of the input it came from.</summary>
internal readonly record struct Occurrence(int Slot, int Token, int OtherToken, Block Block);

/// <summary>An input as the model sees it, with what is needed to explain its score.</summary>
internal sealed record FeaturizedInput(
    ClassifierInput Input,
    NormalizedText Text,
    Cues Cues,
    float[] Structural,
    int[] Indices,
    float[] Values,
    ArraySegment<Occurrence> Occurrences,
    float[] BlockScales)
{
    /// <summary>The value one occurrence adds to its slot.</summary>
    public float Scale(Occurrence occurrence) => occurrence.Block == Block.StructuralContext
        ? Structural[occurrence.OtherToken] * BlockScales[(int)occurrence.Block]
        : BlockScales[(int)occurrence.Block];
}
