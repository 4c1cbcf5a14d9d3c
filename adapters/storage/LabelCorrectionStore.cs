using Azure.Data.Tables;
using Engagement.Core.Domain;
using Engagement.Core.Ports;

namespace Engagement.Storage;

/// <summary>The LabelCorrections table: one row per corrected interaction, partitioned by client, keyed by interaction id.</summary>
internal sealed class LabelCorrectionStore(EngagementTables tables) : ILabelCorrectionStore
{
    /// <summary>Note text kept on a row.</summary>
    public const int MaxNoteLength = 2_000;

    public async Task UpsertAsync(LabelCorrection correction, CancellationToken cancellationToken = default)
    {
        await tables.EnsureCreatedAsync().ConfigureAwait(false);
        var entity = new LabelCorrectionEntity
        {
            PartitionKey = correction.ClientId,
            RowKey = correction.InteractionId,
            ChannelId = correction.ChannelId,
            Label = correction.Label,
            ModelLabel = correction.ModelLabel,
            ModelRelationalProbability = Math.Round(correction.ModelRelationalProbability, 4),
            ModelVersion = correction.ModelVersion,
            CorrectedBy = correction.CorrectedBy,
            CorrectedAt = correction.CorrectedAt,
            Note = correction.Note is { Length: > MaxNoteLength } note ? note[..MaxNoteLength] : correction.Note,
            InteractionCreatedAt = correction.InteractionCreatedAt,
        };
        await tables.LabelCorrections.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<LabelCorrection>> ListAsync(string clientId, string? channelId = null, CancellationToken cancellationToken = default)
    {
        await tables.EnsureCreatedAsync().ConfigureAwait(false);
        // An interaction id starts with its channel id and '_', so one channel's corrections are one key range.
        var filter = channelId is null
            ? TableClient.CreateQueryFilter($"PartitionKey eq {clientId}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {clientId} and RowKey ge {channelId + "_"} and RowKey lt {channelId + "`"}");
        var list = new List<LabelCorrection>();
        await foreach (var e in tables.LabelCorrections.QueryAsync<LabelCorrectionEntity>(filter, maxPerPage: 1000, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            list.Add(new LabelCorrection
            {
                ClientId = e.PartitionKey,
                InteractionId = e.RowKey,
                ChannelId = e.ChannelId,
                Label = e.Label,
                ModelLabel = e.ModelLabel,
                ModelRelationalProbability = e.ModelRelationalProbability,
                ModelVersion = e.ModelVersion,
                CorrectedBy = e.CorrectedBy,
                CorrectedAt = e.CorrectedAt,
                Note = e.Note,
                InteractionCreatedAt = e.InteractionCreatedAt,
            });
        }

        return list;
    }
}
