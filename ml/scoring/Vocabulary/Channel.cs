namespace Engagement.Ml.Vocabulary;

/// <summary>
/// The platform an interaction comes from, in the style of the Azure SDK's expandable string enums: the known
/// platforms are named values, and any other name is still a value (a connector may bring one the model has never
/// seen). An unknown channel is a <see langword="null"/> <see cref="Channel"/>?.
/// </summary>
public readonly struct Channel : IEquatable<Channel>
{
    private readonly string? _value;

    /// <summary>A channel by name; names are compared lowercase and trimmed.</summary>
    public Channel(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        _value = value.Trim().ToLowerInvariant();
    }

    public static Channel Facebook { get; } = new("facebook");

    public static Channel Instagram { get; } = new("instagram");

    public static Channel LinkedIn { get; } = new("linkedin");

    public static Channel Mastodon { get; } = new("mastodon");

    public static Channel Bluesky { get; } = new("bluesky");

    public static Channel YouTube { get; } = new("youtube");

    public static Channel X { get; } = new("x");

    /// <summary>A platform the format has no name for.</summary>
    public static Channel Other { get; } = new("other");

    /// <summary>The channels the interchange format names, in its order; the model has a slot for each.</summary>
    public static IReadOnlyList<Channel> Known { get; } = [Facebook, Instagram, LinkedIn, Mastodon, Bluesky, YouTube, X, Other];

    /// <summary>The names of <see cref="Known"/>, for messages and documentation.</summary>
    public static IReadOnlyList<string> KnownNames { get; } = Known.Select(c => c.ToString()).ToList();

    /// <summary>Where this channel sits in <see cref="Known"/>, or -1 for a name the format does not know.</summary>
    public int KnownIndex
    {
        get
        {
            for (var i = 0; i < Known.Count; i++)
            {
                if (Known[i].Equals(this))
                {
                    return i;
                }
            }

            return -1;
        }
    }

    /// <summary>Reads one of the <see cref="Known"/> names (any case, trimmed); any other name is refused.</summary>
    public static bool TryParse(string? text, out Channel channel)
    {
        channel = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var candidate = new Channel(text);
        if (candidate.KnownIndex < 0)
        {
            return false;
        }

        channel = candidate;
        return true;
    }

    public bool Equals(Channel other) => string.Equals(_value, other._value, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is Channel other && Equals(other);

    public override int GetHashCode() => _value is null ? 0 : StringComparer.Ordinal.GetHashCode(_value);

    public override string ToString() => _value ?? "";

    public static bool operator ==(Channel left, Channel right) => left.Equals(right);

    public static bool operator !=(Channel left, Channel right) => !left.Equals(right);
}
