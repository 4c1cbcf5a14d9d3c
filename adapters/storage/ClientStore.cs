using Azure;
using Azure.Data.Tables;
using Engagement.Core.Domain;
using Engagement.Core.Ports;

namespace Engagement.Storage;

/// <summary>Clients and their channels.</summary>
internal sealed class ClientStore(EngagementTables tables) : IClientStore
{
    public async Task<ClientDefinition?> GetAsync(string clientId, CancellationToken cancellationToken = default)
    {
        await tables.EnsureCreatedAsync().ConfigureAwait(false);
        var response = await tables.Clients
            .GetEntityIfExistsAsync<ClientEntity>(TableKeys.ClientsPartition, clientId, cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        return response.HasValue ? ToClient(response.Value!) : null;
    }

    public async Task<IReadOnlyList<ClientDefinition>> ListAsync(CancellationToken cancellationToken = default)
    {
        await tables.EnsureCreatedAsync().ConfigureAwait(false);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {TableKeys.ClientsPartition}");
        var clients = new List<ClientDefinition>();
        await foreach (var entity in tables.Clients.QueryAsync<ClientEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            clients.Add(ToClient(entity));
        }

        return clients;
    }

    /// <summary>Enabled clients whose next run is due at <paramref name="now"/>, with the ETag to claim them by as their version.</summary>
    public async Task<IReadOnlyList<DueClient>> ListDueAsync(
        DateTimeOffset now,
        CancellationToken cancellationToken = default)
    {
        await tables.EnsureCreatedAsync().ConfigureAwait(false);
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {TableKeys.ClientsPartition} and Enabled eq {true} and NextRunAt le {now}");
        var due = new List<DueClient>();
        await foreach (var entity in tables.Clients.QueryAsync<ClientEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            due.Add(new DueClient(ToClient(entity), entity.ETag.ToString()));
        }

        return due;
    }

    public async Task UpsertAsync(ClientDefinition client, CancellationToken cancellationToken = default)
    {
        await tables.EnsureCreatedAsync().ConfigureAwait(false);
        await tables.Clients.UpsertEntityAsync(ToEntity(client), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Moves the next run forward only if nobody else did since the ETag <paramref name="version"/>; false when lost.</summary>
    public async Task<bool> TryClaimRunAsync(
        ClientDefinition client,
        string version,
        DateTimeOffset nextRunAt,
        CancellationToken cancellationToken = default)
    {
        var entity = ToEntity(client with { NextRunAt = nextRunAt });
        try
        {
            await tables.Clients.UpdateEntityAsync(entity, new ETag(version), TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            return false;
        }
    }

    public async Task<IReadOnlyList<ChannelDefinition>> ListChannelsAsync(string clientId, CancellationToken cancellationToken = default)
    {
        await tables.EnsureCreatedAsync().ConfigureAwait(false);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {clientId}");
        var channels = new List<ChannelDefinition>();
        await foreach (var entity in tables.Channels.QueryAsync<ChannelEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            channels.Add(ToChannel(entity));
        }

        return channels;
    }

    public async Task<ChannelDefinition?> GetChannelAsync(string clientId, string channelId, CancellationToken cancellationToken = default)
    {
        await tables.EnsureCreatedAsync().ConfigureAwait(false);
        var response = await tables.Channels
            .GetEntityIfExistsAsync<ChannelEntity>(clientId, channelId, cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        return response.HasValue ? ToChannel(response.Value!) : null;
    }

    /// <summary>Writes the channel as given; what it keeps of an earlier definition is the registration's rule, not the store's.</summary>
    public async Task UpsertChannelAsync(ChannelDefinition channel, CancellationToken cancellationToken = default)
    {
        await tables.EnsureCreatedAsync().ConfigureAwait(false);
        await tables.Channels.UpsertEntityAsync(ToEntity(channel), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Records a job's outcome; the cursor moves only when the job stored its page, and the page it still owes moves
    /// with it in the same write. A merge cannot remove a column, so a run without an error, or one that ends the
    /// owed work, rewrites the row (ETag-checked) to clear the last one.
    /// </summary>
    public async Task RecordRunAsync(
        string clientId,
        string channelId,
        string? cursor,
        string status,
        string? error,
        DateTimeOffset at,
        ContinuationChange? continuation = null,
        ChannelDefinition? seen = null,
        CancellationToken cancellationToken = default)
    {
        var ends = continuation is { Next: null };

        // A continuation page of a run that has had no error has nothing to clear: it merges without reading the row,
        // one request instead of two. An error written by another job since the page began (a page the queue gave up)
        // stays until the channel's next page, which reads the row it has to clear.
        var nothingToClear = seen is not null && (error is not null || seen.LastRunError is null) && (!ends || seen.Continuation is null);
        if ((error is null || ends) && !nothingToClear)
        {
            for (var attempt = 0; attempt < 3; attempt++)
            {
                var current = await tables.Channels.GetEntityIfExistsAsync<ChannelEntity>(clientId, channelId, cancellationToken: cancellationToken).ConfigureAwait(false);
                if (!current.HasValue || ((error is not null || current.Value!.LastRunError is null) && (!ends || current.Value!.ContinuationDueAt is null)))
                {
                    break;
                }

                var row = current.Value;
                row.LastRunStatus = status;
                row.LastRunError = error;
                row.LastRunAt = at;
                row.Cursor = cursor ?? row.Cursor;
                if (continuation is not null)
                {
                    row.ContinuationRunId = continuation.Next?.RunId;
                    row.ContinuationPage = continuation.Next?.Page;
                    row.ContinuationDueAt = continuation.Next?.DueAt;
                }

                try
                {
                    await tables.Channels.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                    return;
                }
                catch (RequestFailedException e) when (e.Status == 412)
                {
                    // Re-registered meanwhile: read it again.
                }
            }
        }

        var entity = new TableEntity(clientId, channelId)
        {
            [nameof(ChannelEntity.LastRunStatus)] = status,
            [nameof(ChannelEntity.LastRunError)] = error,
            [nameof(ChannelEntity.LastRunAt)] = at,
        };
        if (cursor is not null)
        {
            entity[nameof(ChannelEntity.Cursor)] = cursor;
        }

        if (continuation?.Next is { } next)
        {
            entity[nameof(ChannelEntity.ContinuationRunId)] = next.RunId;
            entity[nameof(ChannelEntity.ContinuationPage)] = next.Page;
            entity[nameof(ChannelEntity.ContinuationDueAt)] = next.DueAt;
        }

        await tables.Channels.UpdateEntityAsync(entity, ETag.All, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Channels of every client whose owed page was due at or before <paramref name="dueBy"/>; a small table, read across partitions.</summary>
    public async Task<IReadOnlyList<OverdueChannel>> ListOverdueAsync(DateTimeOffset dueBy, CancellationToken cancellationToken = default)
    {
        await tables.EnsureCreatedAsync().ConfigureAwait(false);
        var filter = TableClient.CreateQueryFilter($"ContinuationDueAt le {dueBy}");
        var overdue = new List<OverdueChannel>();
        await foreach (var entity in tables.Channels.QueryAsync<ChannelEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            overdue.Add(new OverdueChannel(ToChannel(entity), entity.ETag.ToString()));
        }

        return overdue;
    }

    /// <summary>Says the channel is stalled and moves its owed page's due time, only if no job or tick wrote the row since it was read.</summary>
    public async Task<bool> TryMarkStalledAsync(OverdueChannel overdue, string reason, DateTimeOffset at, DateTimeOffset dueAt, CancellationToken cancellationToken = default)
    {
        var entity = new TableEntity(overdue.Channel.ClientId, overdue.Channel.Id)
        {
            [nameof(ChannelEntity.LastRunStatus)] = RunStatuses.Failed,
            [nameof(ChannelEntity.LastRunError)] = reason,
            [nameof(ChannelEntity.LastRunAt)] = at,
            [nameof(ChannelEntity.ContinuationDueAt)] = dueAt,
        };
        try
        {
            await tables.Channels.UpdateEntityAsync(entity, new ETag(overdue.Version), TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            return false;
        }
    }

    public async Task DeleteChannelAsync(string clientId, string channelId, CancellationToken cancellationToken = default) =>
        await tables.Channels.DeleteEntityAsync(clientId, channelId, ETag.All, cancellationToken).ConfigureAwait(false);

    private static ClientDefinition ToClient(ClientEntity e) => new()
    {
        Id = e.RowKey,
        DisplayName = e.DisplayName,
        TimeZone = e.TimeZone,
        Schedule = e.Schedule,
        Enabled = e.Enabled,
        NextRunAt = e.NextRunAt,
        RetentionDays = e.RetentionDays,
        ReportLanguage = e.ReportLanguage ?? ReportLanguages.English,
        ReplyWindowHours = e.ReplyWindowHours ?? ResponseRules.DefaultReplyWindowHours,
        ReplyNeededHours = e.ReplyNeededHours ?? ResponseRules.DefaultReplyNeededHours,
        BusinessHours = e.BusinessHours,
    };

    private static ClientEntity ToEntity(ClientDefinition c) => new()
    {
        RowKey = c.Id,
        DisplayName = c.DisplayName,
        TimeZone = c.TimeZone,
        Schedule = c.Schedule,
        Enabled = c.Enabled,
        NextRunAt = c.NextRunAt,
        RetentionDays = c.RetentionDays,
        ReportLanguage = c.ReportLanguage,
        ReplyWindowHours = c.ReplyWindowHours,
        ReplyNeededHours = c.ReplyNeededHours,
        BusinessHours = c.BusinessHours,
    };

    private static ChannelDefinition ToChannel(ChannelEntity e) => new()
    {
        ClientId = e.PartitionKey,
        Id = e.RowKey,
        Platform = e.Platform,
        Account = e.Account,
        SecretName = e.SecretName,
        BackfillDays = e.BackfillDays,
        ThreadWindowDays = e.ThreadWindowDays,
        Enabled = e.Enabled,
        Cursor = e.Cursor,
        LastRunStatus = e.LastRunStatus,
        LastRunError = e.LastRunError,
        LastRunAt = e.LastRunAt,
        Continuation = e is { ContinuationRunId: { } runId, ContinuationPage: { } page, ContinuationDueAt: { } dueAt } ? new ChannelContinuation(runId, page, dueAt) : null,
    };

    private static ChannelEntity ToEntity(ChannelDefinition c) => new()
    {
        PartitionKey = c.ClientId,
        RowKey = c.Id,
        Platform = c.Platform,
        Account = c.Account,
        SecretName = c.SecretName,
        BackfillDays = c.BackfillDays,
        ThreadWindowDays = c.ThreadWindowDays,
        Enabled = c.Enabled,
        Cursor = c.Cursor,
        LastRunStatus = c.LastRunStatus,
        LastRunError = c.LastRunError,
        LastRunAt = c.LastRunAt,
        ContinuationRunId = c.Continuation?.RunId,
        ContinuationPage = c.Continuation?.Page,
        ContinuationDueAt = c.Continuation?.DueAt,
    };
}
