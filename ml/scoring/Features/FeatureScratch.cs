namespace Engagement.Ml.Features;

/// <summary>
/// The buffers one thread reuses to featurise input after input (<see cref="Featurizer.FeaturizeForScoring"/>), so
/// scoring allocates no n-gram list, sort keys, sparse vector or structural vector per item. One per thread.
/// </summary>
internal sealed class FeatureScratch
{
    // Enough for a caption of ~120 words before the first growth; longer texts grow the arrays once and keep them.
    private const int InitialOccurrences = 2048;

    [ThreadStatic]
    private static FeatureScratch? _current;

    private uint[] _keys = new uint[2 * InitialOccurrences];

    /// <summary>This thread's scratch.</summary>
    public static FeatureScratch Current => _current ??= new FeatureScratch();

    public Occurrence[] Occurrences { get; private set; } = new Occurrence[InitialOccurrences];

    public float[] Structural { get; } = new float[StructuralFeatures.Count];

    public float[] Scales { get; } = new float[4];

    /// <summary>The slots of the merged sparse vector, in order; the first <see cref="Length"/> are this input's.</summary>
    public int[] Indices { get; private set; } = new int[StructuralFeatures.Count + InitialOccurrences];

    /// <summary>The values of the merged sparse vector, beside <see cref="Indices"/>.</summary>
    public float[] Values { get; private set; } = new float[StructuralFeatures.Count + InitialOccurrences];

    /// <summary>How many slots of <see cref="Indices"/> and <see cref="Values"/> the last input lit.</summary>
    public int Length { get; set; }

    /// <summary>The occurrence array, grown first if it holds fewer than <paramref name="capacity"/>.</summary>
    public Occurrence[] Reserve(int capacity)
    {
        if (Occurrences.Length < capacity)
        {
            Occurrences = new Occurrence[capacity];
        }

        return Occurrences;
    }

    /// <summary>Doubles the occurrence array, keeping the first <paramref name="count"/>.</summary>
    public Occurrence[] Grow(int count)
    {
        var grown = new Occurrence[Occurrences.Length * 2];
        Array.Copy(Occurrences, grown, count);
        return Occurrences = grown;
    }

    /// <summary>Sort keys for <paramref name="count"/> occurrences and as many spare, with the vector arrays grown to match.</summary>
    public Span<uint> Keys(int count, out Span<uint> spare)
    {
        if (_keys.Length < 2 * count)
        {
            _keys = new uint[2 * Occurrences.Length];
        }

        if (Indices.Length < StructuralFeatures.Count + count)
        {
            Indices = new int[StructuralFeatures.Count + Occurrences.Length];
            Values = new float[StructuralFeatures.Count + Occurrences.Length];
        }

        spare = _keys.AsSpan(count, count);
        return _keys.AsSpan(0, count);
    }
}
