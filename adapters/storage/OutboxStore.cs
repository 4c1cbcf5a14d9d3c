using System.Text.Json;
using Azure.Data.Tables;
using Engagement.Core.Interchange;
using Engagement.Core.Ports;

namespace Engagement.Storage;

/// <summary>The Outbox table: one row per stored page whose event is not yet published, the event inside as JSON.</summary>
internal sealed class OutboxStore(EngagementTables tables) : IEventOutbox
{
    public async Task PutAsync(ChannelIngested ingested, CancellationToken cancellationToken = default)
    {
        await tables.EnsureCreatedAsync().ConfigureAwait(false);
        var entity = new TableEntity(ingested.ClientId, TableKeys.OutboxRow(ingested.ChannelId, ingested.RunId, ingested.Page))
        {
            ["ChannelId"] = ingested.ChannelId,
            ["RunId"] = ingested.RunId,
            ["Page"] = ingested.Page,
            ["OwedSince"] = ingested.At,
            ["Event"] = JsonSerializer.Serialize(ingested, InterchangeJson.Options),
        };
        await tables.Outbox.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Every owed event, oldest first: the table holds only what failed to publish, so it stays small.</summary>
    public async Task<IReadOnlyList<ChannelIngested>> ListAsync(CancellationToken cancellationToken = default)
    {
        await tables.EnsureCreatedAsync().ConfigureAwait(false);
        var owed = new List<(DateTimeOffset Since, ChannelIngested Event)>();
        await foreach (var entity in tables.Outbox.QueryAsync<TableEntity>(cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (JsonSerializer.Deserialize<ChannelIngested>(entity.GetString("Event"), InterchangeJson.Options) is { } ingested)
            {
                owed.Add((entity.GetDateTimeOffset("OwedSince") ?? ingested.At, ingested));
            }
        }

        return owed.OrderBy(o => o.Since).Select(o => o.Event).ToList();
    }

    public async Task DeleteAsync(ChannelIngested ingested, CancellationToken cancellationToken = default)
    {
        await tables.EnsureCreatedAsync().ConfigureAwait(false);
        await tables.Outbox.DeleteEntityAsync(ingested.ClientId, TableKeys.OutboxRow(ingested.ChannelId, ingested.RunId, ingested.Page), Azure.ETag.All, cancellationToken).ConfigureAwait(false);
    }
}
