using System.Text.Json;
using Engagement.Core.Domain;
using Engagement.Core.Interchange;
using Engagement.Core.Ports;
using Engagement.Core.Reporting;
using Engagement.Ml.Vocabulary;

namespace Engagement.Core.Corrections;

/// <summary>A correction as a person asks for it: the label, and optionally who they are and why.</summary>
public sealed record CorrectionRequest(string? Label, string? By = null, string? Note = null);

/// <summary>How a correction ended.</summary>
public enum CorrectionStatus
{
    Corrected,
    Invalid,
    ClientNotFound,
    InteractionNotFound,
}

/// <summary>The stored correction and the days it recomputed, or why there is none (problems keyed by field).</summary>
public sealed record CorrectionOutcome(
    CorrectionStatus Status,
    LabelCorrection? Correction,
    IReadOnlyList<DateOnly> Days,
    IReadOnlyDictionary<string, string[]> Errors)
{
    public static CorrectionOutcome Of(CorrectionStatus status) => new(status, null, [], new Dictionary<string, string[]>());
}

/// <summary>One correction as a training example: the stored text and metadata, with the agency's label, grouped by client.</summary>
public sealed record FeedbackItem(
    string Id,
    string Group,
    string Text,
    string Label,
    string? Kind,
    string? Channel,
    bool? AuthorIsBrand,
    string? Lang,
    string? ParentId)
{
    /// <summary>The training group of a client's corrections: one group per client, so grouped folds never split a client.</summary>
    public static string GroupOf(string clientId) => "feedback-" + clientId;
}

/// <summary>
/// Agencies correct labels: a correction is stored, becomes the label in force on the interaction's row (the model's
/// is kept beside it), and the days it changes are recomputed through the same path ingestion uses, so reports show
/// it at once. Corrections are also the feedback the next model trains on.
/// </summary>
public sealed class LabelCorrectionService(
    IClientStore clients,
    IInteractionStore interactions,
    ILabelCorrectionStore corrections,
    DailyRecompute recompute,
    TimeProvider time)
{
    /// <summary>Longest name in <see cref="CorrectionRequest.By"/>.</summary>
    public const int MaxByLength = 200;

    /// <summary>Longest <see cref="CorrectionRequest.Note"/>.</summary>
    public const int MaxNoteLength = 2_000;

    /// <summary>Stores a correction of one interaction's label and recomputes the figures of the days it changes.</summary>
    public async Task<CorrectionOutcome> CorrectAsync(string clientId, string interactionId, CorrectionRequest request, CancellationToken cancellationToken = default)
    {
        var errors = Validate(clientId, interactionId, request, out var label);
        if (errors.Count > 0)
        {
            return new CorrectionOutcome(CorrectionStatus.Invalid, null, [], errors);
        }

        var client = await clients.GetAsync(clientId, cancellationToken).ConfigureAwait(false);
        if (client is null)
        {
            return CorrectionOutcome.Of(CorrectionStatus.ClientNotFound);
        }

        var row = await interactions.FindAsync(clientId, interactionId, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (row is null)
        {
            return CorrectionOutcome.Of(CorrectionStatus.InteractionNotFound);
        }

        var correction = new LabelCorrection
        {
            ClientId = clientId,
            InteractionId = row.InteractionId,
            ChannelId = row.ChannelId,
            Label = label!,
            ModelLabel = row.ModelLabel,
            ModelRelationalProbability = row.RelationalProbability,
            ModelVersion = row.ModelVersion,
            CorrectedBy = Blank(request.By),
            CorrectedAt = time.GetUtcNow(),
            Note = Blank(request.Note),
            InteractionCreatedAt = row.Interaction.CreatedAt,
        };

        // The correction first: should the row update fail, the next ingestion of the interaction applies it anyway.
        await corrections.UpsertAsync(correction, cancellationToken).ConfigureAwait(false);
        await interactions.SetCorrectedLabelAsync(clientId, row, correction.Label, cancellationToken).ConfigureAwait(false);
        var days = await recompute.RecomputeAsync(client, row.ChannelId, [(row.Interaction.PlatformId, row.Interaction.CreatedAt)], cancellationToken).ConfigureAwait(false);
        return new CorrectionOutcome(CorrectionStatus.Corrected, correction, days, new Dictionary<string, string[]>());
    }

    /// <summary>
    /// Every client's corrections as training examples, text and metadata read from the stored rows; a correction whose
    /// row is gone is left out.
    /// </summary>
    public async Task<IReadOnlyList<FeedbackItem>> FeedbackAsync(CancellationToken cancellationToken = default)
    {
        var items = new List<FeedbackItem>();
        foreach (var client in await clients.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            foreach (var correction in await corrections.ListAsync(client.Id, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                var row = await interactions.FindAsync(client.Id, correction.InteractionId, correction.InteractionCreatedAt, cancellationToken).ConfigureAwait(false);
                if (row is null)
                {
                    continue;
                }

                var i = row.Interaction;
                items.Add(new FeedbackItem(
                    $"{FeedbackItem.GroupOf(client.Id)}:{row.InteractionId}",
                    FeedbackItem.GroupOf(client.Id),
                    i.Text,
                    correction.Label,
                    i.Kind == InteractionKind.Unknown ? null : i.Kind.Name(),
                    i.Platform?.ToString(),
                    i.AuthorIsBrand,
                    i.Language,
                    i.ParentId));
            }
        }

        return items;
    }

    /// <summary>Writes feedback as labelled JSON Lines (the corpus line format: interchange fields plus label and group).</summary>
    public static async Task WriteJsonLinesAsync(IEnumerable<FeedbackItem> items, Stream output, CancellationToken cancellationToken = default)
    {
        await using var writer = new StreamWriter(output, leaveOpen: true);
        foreach (var item in items)
        {
            await writer.WriteLineAsync(JsonSerializer.Serialize(item, InterchangeJson.Options).AsMemory(), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The label a person gave, read as the vocabulary names it, or null when it is not one.</summary>
    public static string? ReadLabel(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        EngagementLabels.Broadcast => EngagementLabels.Broadcast,
        EngagementLabels.Relational => EngagementLabels.Relational,
        _ => null,
    };

    private static Dictionary<string, string[]> Validate(string clientId, string interactionId, CorrectionRequest request, out string? label)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (!Ids.IsValid(clientId))
        {
            errors["clientId"] = ["A client id is " + Ids.Rule];
        }

        if (!InteractionIds.TryParse(interactionId, out _, out _))
        {
            errors["interactionId"] = ["An interaction id is " + InteractionIds.Rule];
        }

        label = ReadLabel(request.Label);
        if (label is null)
        {
            errors["label"] = [$"'label' must be {EngagementLabels.Broadcast} or {EngagementLabels.Relational}."];
        }

        if (request.By?.Length > MaxByLength)
        {
            errors["by"] = [$"'by' may hold at most {MaxByLength} characters."];
        }

        if (request.Note?.Length > MaxNoteLength)
        {
            errors["note"] = [$"'note' may hold at most {MaxNoteLength} characters."];
        }

        return errors;
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
