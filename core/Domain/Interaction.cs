using Engagement.Ml.Vocabulary;

namespace Engagement.Core.Domain;

/// <summary>One post, comment, reply or direct message as a connector delivers it.</summary>
public sealed record Interaction
{
    /// <summary>Text beyond this many characters is cut and flagged when stored, and refused for scoring.</summary>
    public const int MaxTextLength = 16_000;

    /// <summary>The platform's own id: any string, URLs and <c>at://</c> URIs included.</summary>
    public required string PlatformId { get; init; }

    public required string Text { get; init; }

    /// <summary>What it is; <see cref="InteractionKind.Unknown"/> when the source does not say.</summary>
    public InteractionKind Kind { get; init; } = InteractionKind.Unknown;

    /// <summary>Platform of origin (<c>instagram</c>, <c>mastodon</c>...), which may differ from the channel id; null when unknown.</summary>
    public Channel? Platform { get; init; }

    public string? Author { get; init; }

    /// <summary>Written by the client itself; null when the source does not say, which is neither the brand nor a customer.</summary>
    public bool? AuthorIsBrand { get; init; }

    public string? Language { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public string? ParentId { get; init; }

    public string? ThreadId { get; init; }

    public long? Likes { get; init; }

    public long? Replies { get; init; }

    public long? Shares { get; init; }

    public long? Reach { get; init; }

    /// <summary>
    /// False for media-only items (a photo, a sticker, a video with no caption): they are stored and counted, but
    /// labelled by their metadata alone, since there are no words to classify.
    /// </summary>
    public bool HasText => !string.IsNullOrWhiteSpace(Text);
}

/// <summary>An interaction with the classifier's verdict, as stored.</summary>
public sealed record ClassifiedInteraction(
    Interaction Interaction,
    string Label,
    float RelationalProbability,
    IReadOnlyList<string> Signals,
    string ModelVersion);

/// <summary>What aggregation needs of a stored interaction, without its text.</summary>
public sealed record StoredInteraction(
    string ChannelId,
    string PlatformId,
    InteractionKind Kind,
    bool? AuthorIsBrand,
    DateTimeOffset CreatedAt,
    string? ParentId,
    string Label,
    bool IsQuestion,
    long Likes,
    long Shares,
    long Replies,
    long Reach);

/// <summary>
/// One record of an interchange file: the interaction, or why it could not be read; <paramref name="Warnings"/> say what
/// was read as unknown in a record that is kept (an unknown channel name), and are not errors.
/// </summary>
public sealed record InterchangeRecord(int Line, Interaction? Interaction, string? Error, IReadOnlyList<string>? Warnings = null);
