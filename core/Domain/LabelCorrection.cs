namespace Engagement.Core.Domain;

/// <summary>
/// An agency's label for one interaction. It wins over the model's verdict in the stored row, the daily figures and
/// reports, survives re-ingestion, and becomes a training example for the next model.
/// </summary>
public sealed record LabelCorrection
{
    public required string ClientId { get; init; }

    /// <summary>The interaction's id (<see cref="InteractionIds"/>).</summary>
    public required string InteractionId { get; init; }

    public required string ChannelId { get; init; }

    /// <summary>The label the agency gave: <c>broadcast</c> or <c>relational</c>.</summary>
    public required string Label { get; init; }

    /// <summary>The model's label when the correction was made.</summary>
    public required string ModelLabel { get; init; }

    /// <summary>The model's probability of <c>relational</c> when the correction was made.</summary>
    public double ModelRelationalProbability { get; init; }

    public string? ModelVersion { get; init; }

    /// <summary>Who made it, as they gave their name.</summary>
    public string? CorrectedBy { get; init; }

    public DateTimeOffset CorrectedAt { get; init; }

    public string? Note { get; init; }

    /// <summary>When the interaction was created, which says where its row is without searching for it.</summary>
    public DateTimeOffset InteractionCreatedAt { get; init; }
}

/// <summary>
/// A stored interaction as people look it up: its id, what it says, the label in force and the model's verdict.
/// The author is stored as given for the brand and as a pseudonym for anyone else.
/// </summary>
public sealed record InteractionRow(
    string InteractionId,
    string ChannelId,
    Interaction Interaction,
    string Label,
    string ModelLabel,
    double RelationalProbability,
    string? ModelVersion,
    bool LabelCorrected);
