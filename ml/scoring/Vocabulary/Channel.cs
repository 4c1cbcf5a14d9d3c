using System.Collections.Frozen;

namespace Engagement.Ml.Vocabulary;

/// <summary>
/// The platform an interaction comes from, in the style of the Azure SDK's expandable string enums: the known
/// platforms are named values, and any other name is still a value (a connector may bring one the model has never
/// seen). An unknown channel is a <see langword="null"/> <see cref="Channel"/>?. The names people really use for a
/// platform (<c>twitter</c>, <c>fb</c>, <c>ig</c>...) are <see cref="Aliases"/> of the known ones and read as them.
/// </summary>
public readonly struct Channel : IEquatable<Channel>
{
    // First in the type: static initialisers run in text order, and the named values below go through the constructor,
    // which reads this table.
    private static readonly FrozenDictionary<string, string> AliasTable = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["twitter"] = "x",
        ["fb"] = "facebook",
        ["ig"] = "instagram",
        ["insta"] = "instagram",
        ["yt"] = "youtube",
        ["li"] = "linkedin",
        ["bsky"] = "bluesky",
        ["masto"] = "mastodon",
        ["fediverse"] = "mastodon",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private readonly string? _value;

    /// <summary>A channel by name; names are compared lowercase and trimmed, and an alias is its platform's name.</summary>
    public Channel(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        var name = value.Trim().ToLowerInvariant();
        _value = AliasTable.TryGetValue(name, out var canonical) ? canonical : name;
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

    /// <summary>Other names people and exports use for the known platforms, each with the name it stands for.</summary>
    public static IReadOnlyDictionary<string, string> Aliases => AliasTable;

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

    /// <summary>Reads one of the <see cref="Known"/> names or <see cref="Aliases"/> (any case, trimmed); any other name is refused.</summary>
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
