using Engagement.Ml.Vocabulary;

namespace Engagement.Core.Domain;

/// <summary>One post, comment, reply or direct message as a connector delivers it.</summary>
public sealed record Interaction
{
    /// <summary>Text beyond this many characters is cut (<see cref="InputContract.Cut"/>), scored cut and flagged, on every path.</summary>
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

    /// <summary>Times the item was shown, when the platform gives it; the engagement rate's base where reach is absent.</summary>
    public long? Impressions { get; init; }

    /// <summary>The item's permalink on its platform, when the connector gives one.</summary>
    public string? Url { get; init; }

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

/// <summary>
/// What aggregation and reports need of a stored interaction, without its text. Counters are null when the platform
/// did not give them, which is not the same as zero.
/// </summary>
public sealed record StoredInteraction(
    string ChannelId,
    string PlatformId,
    InteractionKind Kind,
    bool? AuthorIsBrand,
    DateTimeOffset CreatedAt,
    string? ParentId,
    string? ThreadId,
    string Label,
    bool IsQuestion)
{
    /// <summary>The text complains about something (the model's complaint cue).</summary>
    public bool IsComplaint { get; init; }

    /// <summary>The brand's handle, or a customer's pseudonym.</summary>
    public string? Author { get; init; }

    public long? Likes { get; init; }

    public long? Shares { get; init; }

    /// <summary>The platform's counter of replies to the item (not a count of stored rows).</summary>
    public long? Replies { get; init; }

    public long? Reach { get; init; }

    public long? Impressions { get; init; }

    public string? Url { get; init; }

    public bool IsDm => Kind == InteractionKind.Dm;

    /// <summary>Known to be written by the brand.</summary>
    public bool IsBrand => AuthorIsBrand == true;

    /// <summary>Known to be written by someone other than the brand; an unknown author is neither this nor the brand.</summary>
    public bool IsCustomer => AuthorIsBrand == false;

    /// <summary>
    /// The kind the row counts as: its own, except that an unknown kind with a parent id answers something, so is a
    /// reply; an unknown kind without one stays unknown (it counts in a day's total only).
    /// </summary>
    public InteractionKind CountedKind => Kind == InteractionKind.Unknown && ParentId is not null ? InteractionKind.Reply : Kind;
}

/// <summary>What a report shows of an interaction beyond its figures: its words, why it got its label, and where it lives.</summary>
public sealed record InteractionDetail(string PlatformId, string Text, string? Signals, string? Url, string? Platform);

/// <summary>
/// One record of an interchange file: the interaction, or why it could not be read; <paramref name="Warnings"/> say what
/// was read as unknown in a record that is kept (an unknown channel name), and are not errors.
/// </summary>
public sealed record InterchangeRecord(int Line, Interaction? Interaction, string? Error, IReadOnlyList<string>? Warnings = null);
