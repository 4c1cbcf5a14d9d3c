using Azure;
using Azure.Data.Tables;
using Engagement.Core.Domain;
using Engagement.Core.Ports;
using Engagement.Ml.Vocabulary;

namespace Engagement.Storage;

/// <summary>Classified interactions, one row per platform id, partitioned by client and month.</summary>
internal sealed class InteractionStore(EngagementTables tables) : IInteractionStore
{
    private static readonly string[] AggregateColumns =
    [
        nameof(InteractionEntity.ChannelId), nameof(InteractionEntity.PlatformId), nameof(InteractionEntity.Kind),
        nameof(InteractionEntity.AuthorIsBrand), nameof(InteractionEntity.CreatedAt), nameof(InteractionEntity.ParentId),
        nameof(InteractionEntity.ThreadId), nameof(InteractionEntity.Label), nameof(InteractionEntity.IsQuestion),
        nameof(InteractionEntity.IsComplaint), nameof(InteractionEntity.Author), nameof(InteractionEntity.Likes),
        nameof(InteractionEntity.Shares), nameof(InteractionEntity.Replies), nameof(InteractionEntity.Reach),
        nameof(InteractionEntity.Impressions), nameof(InteractionEntity.Url),
    ];

    private static readonly string[] DetailColumns =
    [
        nameof(InteractionEntity.PlatformId), nameof(InteractionEntity.Text), nameof(InteractionEntity.Signals),
        nameof(InteractionEntity.Url), nameof(InteractionEntity.Platform),
    ];

    // Point reads run side by side, but not so many that one report floods the account.
    private const int ParallelReads = 16;

    /// <summary>Upserts the rows in per-partition transactions; replaying the same items rewrites the same rows.</summary>
    public async Task<int> UpsertAsync(
        string clientId,
        string channelId,
        IReadOnlyList<StoredItem> items,
        DateTimeOffset ingestedAt,
        CancellationToken cancellationToken = default)
    {
        await tables.EnsureCreatedAsync().ConfigureAwait(false);
        var entities = items.Select(i => ToEntity(clientId, channelId, i, ingestedAt));
        return await TableBatches.UpsertAsync(tables.Interactions, entities, EstimateBytes, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The channel's interactions created in [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public async Task<IReadOnlyList<StoredInteraction>> QueryAsync(
        string clientId,
        string channelId,
        DateTimeOffset from,
        DateTimeOffset to,
        CancellationToken cancellationToken = default)
    {
        await tables.EnsureCreatedAsync().ConfigureAwait(false);
        return await ReadAsync(clientId, channelId, from, to, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// As <see cref="QueryAsync"/>, without the rows <paramref name="writer"/> wrote last. A row stored before rows had
    /// a writer has none, and a missing property matches no comparison in a table filter, so such rows are taken by
    /// their ingestion time instead.
    /// </summary>
    public async Task<IReadOnlyList<StoredInteraction>> QueryOthersAsync(
        string clientId,
        string channelId,
        DateTimeOffset from,
        DateTimeOffset to,
        string writer,
        DateTimeOffset since,
        CancellationToken cancellationToken = default)
    {
        await tables.EnsureCreatedAsync().ConfigureAwait(false);
        var others = TableClient.CreateQueryFilter($"(Writer ne {writer} or IngestedAt lt {since})");
        return await ReadAsync(clientId, channelId, from, to, others, cancellationToken).ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<StoredInteraction>> ReadAsync(string clientId, string channelId, DateTimeOffset from, DateTimeOffset to, string? and, CancellationToken cancellationToken)
    {
        var rows = new List<StoredInteraction>();
        var rowFrom = channelId + "_";
        var rowTo = channelId + "`"; // the character after '_': the end of this channel's rows
        foreach (var partition in MonthPartitions(clientId, from, to))
        {
            var filter = TableClient.CreateQueryFilter(
                $"PartitionKey eq {partition} and RowKey ge {rowFrom} and RowKey lt {rowTo} and CreatedAt ge {from} and CreatedAt lt {to}");
            if (and is not null)
            {
                filter += " and " + and;
            }

            var query = tables.Interactions.QueryAsync<TableEntity>(filter, maxPerPage: 1000, select: AggregateColumns, cancellationToken: cancellationToken);
            await foreach (var e in query.ConfigureAwait(false))
            {
                rows.Add(ToStoredInteraction(e, channelId));
            }
        }

        return rows;
    }

    /// <summary>Text, signals and permalink of the given rows, read by their keys (the creation time names the partition).</summary>
    public async Task<IReadOnlyDictionary<string, InteractionDetail>> GetDetailsAsync(
        string clientId,
        string channelId,
        IReadOnlyCollection<(string PlatformId, DateTimeOffset CreatedAt)> rows,
        CancellationToken cancellationToken = default)
    {
        await tables.EnsureCreatedAsync().ConfigureAwait(false);
        var found = new System.Collections.Concurrent.ConcurrentDictionary<string, InteractionDetail>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(
            rows,
            new ParallelOptions { MaxDegreeOfParallelism = ParallelReads, CancellationToken = cancellationToken },
            async (row, ct) =>
            {
                var response = await tables.Interactions
                    .GetEntityIfExistsAsync<TableEntity>(TableKeys.InteractionPartition(clientId, row.CreatedAt), TableKeys.InteractionRow(channelId, row.PlatformId), DetailColumns, ct)
                    .ConfigureAwait(false);
                if (response.HasValue)
                {
                    var e = response.Value!;
                    found[row.PlatformId] = new InteractionDetail(
                        row.PlatformId,
                        e.GetString(nameof(InteractionEntity.Text)) ?? "",
                        e.GetString(nameof(InteractionEntity.Signals)),
                        e.GetString(nameof(InteractionEntity.Url)),
                        e.GetString(nameof(InteractionEntity.Platform)));
                }
            }).ConfigureAwait(false);
        return found;
    }

    /// <summary>Counts a client's stored interactions (all channels), for summaries and checks.</summary>
    public async Task<int> CountAsync(string clientId, CancellationToken cancellationToken = default)
    {
        await tables.EnsureCreatedAsync().ConfigureAwait(false);
        var from = clientId + "_";
        var to = clientId + "`";
        var filter = TableClient.CreateQueryFilter($"PartitionKey ge {from} and PartitionKey lt {to}");
        var count = 0;
        await foreach (var _ in tables.Interactions.QueryAsync<TableEntity>(filter, maxPerPage: 1000, select: ["RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            count++;
        }

        return count;
    }

    /// <summary>The stored interaction with this id: a point read when its creation time is known, else a search of the client's months.</summary>
    public async Task<InteractionRow?> FindAsync(
        string clientId,
        string interactionId,
        DateTimeOffset? createdAt = null,
        CancellationToken cancellationToken = default)
    {
        await tables.EnsureCreatedAsync().ConfigureAwait(false);
        if (createdAt is { } at)
        {
            var found = await tables.Interactions
                .GetEntityIfExistsAsync<TableEntity>(TableKeys.InteractionPartition(clientId, at), interactionId, cancellationToken: cancellationToken)
                .ConfigureAwait(false);
            return found.HasValue ? ToRow(found.Value!) : null;
        }

        // One query over the client's month partitions; an id found in two months (a created date that changed
        // between exports) is the most recent one.
        var from = clientId + "_";
        var to = clientId + "`";
        var filter = TableClient.CreateQueryFilter($"PartitionKey ge {from} and PartitionKey lt {to} and RowKey eq {interactionId}");
        InteractionRow? row = null;
        await foreach (var e in tables.Interactions.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            row = ToRow(e);
        }

        return row;
    }

    /// <summary>The client's interactions created in [<paramref name="from"/>, <paramref name="to"/>), newest first.</summary>
    public async Task<IReadOnlyList<InteractionRow>> ListAsync(
        string clientId,
        DateTimeOffset from,
        DateTimeOffset to,
        int take,
        CancellationToken cancellationToken = default)
    {
        await tables.EnsureCreatedAsync().ConfigureAwait(false);
        var rows = new List<InteractionRow>();
        foreach (var partition in MonthPartitions(clientId, from, to).Reverse())
        {
            // Rows sort by key, not by time, so a month is read whole and ordered here.
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and CreatedAt ge {from} and CreatedAt lt {to}");
            var month = new List<InteractionRow>();
            await foreach (var e in tables.Interactions.QueryAsync<TableEntity>(filter, maxPerPage: 1000, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                month.Add(ToRow(e));
            }

            rows.AddRange(month.OrderByDescending(r => r.Interaction.CreatedAt).ThenBy(r => r.InteractionId, StringComparer.Ordinal));
            if (rows.Count >= take)
            {
                break;
            }
        }

        return rows.Take(take).ToList();
    }

    /// <summary>One query over the client's month partitions for rows by these authors.</summary>
    public async Task<IReadOnlyList<InteractionRow>> ListByAuthorAsync(string clientId, IReadOnlyCollection<string> authors, CancellationToken cancellationToken = default)
    {
        await tables.EnsureCreatedAsync().ConfigureAwait(false);
        var rows = new List<InteractionRow>();
        if (authors.Count == 0)
        {
            return rows;
        }

        var from = clientId + "_";
        var to = clientId + "`";
        var anyAuthor = string.Join(" or ", authors.Select(a => TableClient.CreateQueryFilter($"Author eq {a}")));
        var filter = TableClient.CreateQueryFilter($"PartitionKey ge {from} and PartitionKey lt {to}") + $" and ({anyAuthor})";
        await foreach (var e in tables.Interactions.QueryAsync<TableEntity>(filter, maxPerPage: 1000, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            rows.Add(ToRow(e));
        }

        return rows;
    }

    public async Task<int> DropTextsAsync(string clientId, DateTimeOffset before, CancellationToken cancellationToken = default)
    {
        await tables.EnsureCreatedAsync().ConfigureAwait(false);
        var from = clientId + "_";
        var to = TableKeys.InteractionPartition(clientId, before.AddMonths(1));
        var filter = TableClient.CreateQueryFilter($"PartitionKey ge {from} and PartitionKey lt {to} and CreatedAt lt {before}");
        var dropped = 0;
        string[] columns = ["PartitionKey", "RowKey", nameof(InteractionEntity.AuthorIsBrand), nameof(InteractionEntity.TextDropped)];
        await foreach (var e in tables.Interactions.QueryAsync<TableEntity>(filter, maxPerPage: 1000, select: columns, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            // A missing property never matches a table filter, so rows already dropped are skipped here.
            if (e.GetBoolean(nameof(InteractionEntity.AuthorIsBrand)) == true || e.GetBoolean(nameof(InteractionEntity.TextDropped)) == true)
            {
                continue;
            }

            var update = new TableEntity(e.PartitionKey, e.RowKey)
            {
                [nameof(InteractionEntity.Text)] = "",
                [nameof(InteractionEntity.Author)] = "",
                [nameof(InteractionEntity.TextTruncated)] = false,
                [nameof(InteractionEntity.TextDropped)] = true,
            };
            await tables.Interactions.UpdateEntityAsync(update, ETag.All, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
            dropped++;
        }

        return dropped;
    }

    public async Task DeleteAsync(string clientId, IReadOnlyList<InteractionRow> rows, CancellationToken cancellationToken = default)
    {
        await tables.EnsureCreatedAsync().ConfigureAwait(false);
        foreach (var row in rows)
        {
            // Not found is fine: erasing twice, or a row a concurrent erasure took, leaves nothing to do.
            await tables.Interactions.DeleteEntityAsync(TableKeys.InteractionPartition(clientId, row.Interaction.CreatedAt), row.InteractionId, ETag.All, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Merges the label in force into the row, marked corrected, and keeps the model's label beside it.</summary>
    public async Task SetCorrectedLabelAsync(string clientId, InteractionRow row, string label, CancellationToken cancellationToken = default)
    {
        await tables.EnsureCreatedAsync().ConfigureAwait(false);
        var update = new TableEntity(TableKeys.InteractionPartition(clientId, row.Interaction.CreatedAt), row.InteractionId)
        {
            [nameof(InteractionEntity.Label)] = label,
            [nameof(InteractionEntity.ModelLabel)] = row.ModelLabel,
            [nameof(InteractionEntity.LabelCorrected)] = true,
        };
        await tables.Interactions.UpdateEntityAsync(update, ETag.All, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
    }

    private static StoredInteraction ToStoredInteraction(TableEntity e, string channelId) =>
        new(
            e.GetString(nameof(InteractionEntity.ChannelId)) ?? channelId,
            e.GetString(nameof(InteractionEntity.PlatformId)) ?? "",
            ReadKind(e.GetString(nameof(InteractionEntity.Kind))),
            e.GetBoolean(nameof(InteractionEntity.AuthorIsBrand)),
            e.GetDateTimeOffset(nameof(InteractionEntity.CreatedAt)) ?? default,
            e.GetString(nameof(InteractionEntity.ParentId)),
            e.GetString(nameof(InteractionEntity.ThreadId)),
            e.GetString(nameof(InteractionEntity.Label)) ?? "",
            e.GetBoolean(nameof(InteractionEntity.IsQuestion)) ?? false)
        {
            IsComplaint = e.GetBoolean(nameof(InteractionEntity.IsComplaint)) ?? false,
            Author = e.GetString(nameof(InteractionEntity.Author)),
            Likes = e.GetInt64(nameof(InteractionEntity.Likes)),
            Shares = e.GetInt64(nameof(InteractionEntity.Shares)),
            Replies = e.GetInt64(nameof(InteractionEntity.Replies)),
            Reach = e.GetInt64(nameof(InteractionEntity.Reach)),
            Impressions = e.GetInt64(nameof(InteractionEntity.Impressions)),
            Url = e.GetString(nameof(InteractionEntity.Url)),
        };

    internal static IEnumerable<string> MonthPartitions(string clientId, DateTimeOffset from, DateTimeOffset to)
    {
        var month = new DateTimeOffset(from.UtcDateTime.Year, from.UtcDateTime.Month, 1, 0, 0, 0, TimeSpan.Zero);
        for (; month < to; month = month.AddMonths(1))
        {
            yield return TableKeys.InteractionPartition(clientId, month);
        }
    }

    private static InteractionEntity ToEntity(string clientId, string channelId, StoredItem stored, DateTimeOffset ingestedAt)
    {
        var item = stored.Classified;
        var i = item.Interaction;
        // Cut where scoring cut it (the core's one rule), which keeps rows far under the 64 KiB string limit; the row says so.
        var truncated = InputContract.IsOverLimit(i.Text);
        return new InteractionEntity
        {
            PartitionKey = TableKeys.InteractionPartition(clientId, i.CreatedAt),
            RowKey = TableKeys.InteractionRow(channelId, i.PlatformId),
            ChannelId = channelId,
            PlatformId = Cap(i.PlatformId, StoredItem.MaxIdLength)!,
            Platform = i.Platform?.ToString(),
            Kind = i.Kind.Name(),
            AuthorIsBrand = i.AuthorIsBrand,
            Author = Cap(stored.Author, StoredItem.MaxAuthorLength),
            Text = InputContract.Cut(i.Text),
            TextTruncated = truncated,
            Language = i.Language,
            CreatedAt = i.CreatedAt,
            ParentId = Cap(i.ParentId, StoredItem.MaxIdLength),
            ThreadId = Cap(i.ThreadId, StoredItem.MaxIdLength),
            Likes = i.Likes,
            Replies = i.Replies,
            Shares = i.Shares,
            Reach = i.Reach,
            Impressions = i.Impressions,
            Url = Cap(i.Url, StoredItem.MaxIdLength),
            Label = stored.Label,
            ModelLabel = item.Label,
            LabelCorrected = stored.CorrectedLabel is not null,
            RelationalProbability = Math.Round(item.RelationalProbability, 4),
            Signals = string.Join("; ", item.Signals),
            ModelVersion = item.ModelVersion,
            IngestedAt = ingestedAt,
            Writer = stored.Writer,
            IsQuestion = stored.IsQuestion,
            IsComplaint = stored.IsComplaint,
            LocalDate = stored.LocalDate.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
        };
    }

    private static InteractionRow ToRow(TableEntity e)
    {
        var label = e.GetString(nameof(InteractionEntity.Label)) ?? "";
        var platform = e.GetString(nameof(InteractionEntity.Platform));
        var interaction = new Interaction
        {
            PlatformId = e.GetString(nameof(InteractionEntity.PlatformId)) ?? "",
            Text = e.GetString(nameof(InteractionEntity.Text)) ?? "",
            Kind = ReadKind(e.GetString(nameof(InteractionEntity.Kind))),
            Platform = string.IsNullOrWhiteSpace(platform) ? null : new Channel(platform),
            Author = e.GetString(nameof(InteractionEntity.Author)),
            AuthorIsBrand = e.GetBoolean(nameof(InteractionEntity.AuthorIsBrand)),
            Language = e.GetString(nameof(InteractionEntity.Language)),
            CreatedAt = e.GetDateTimeOffset(nameof(InteractionEntity.CreatedAt)) ?? default,
            ParentId = e.GetString(nameof(InteractionEntity.ParentId)),
            ThreadId = e.GetString(nameof(InteractionEntity.ThreadId)),
            Likes = e.GetInt64(nameof(InteractionEntity.Likes)),
            Replies = e.GetInt64(nameof(InteractionEntity.Replies)),
            Shares = e.GetInt64(nameof(InteractionEntity.Shares)),
            Reach = e.GetInt64(nameof(InteractionEntity.Reach)),
            Impressions = e.GetInt64(nameof(InteractionEntity.Impressions)),
            Url = e.GetString(nameof(InteractionEntity.Url)),
        };

        // Rows written before corrections existed have no ModelLabel: their label is the model's.
        return new InteractionRow(
            e.RowKey,
            e.GetString(nameof(InteractionEntity.ChannelId)) ?? "",
            interaction,
            label,
            e.GetString(nameof(InteractionEntity.ModelLabel)) is { Length: > 0 } modelLabel ? modelLabel : label,
            e.GetDouble(nameof(InteractionEntity.RelationalProbability)) ?? 0,
            e.GetString(nameof(InteractionEntity.ModelVersion)),
            e.GetBoolean(nameof(InteractionEntity.LabelCorrected)) ?? false);
    }

    // Rows carry the kind's name; anything else (none, or "unknown") is unknown.
    private static InteractionKind ReadKind(string? name) => InteractionKinds.TryParse(name, out var kind) ? kind : InteractionKind.Unknown;

    private static string? Cap(string? value, int max) => StoredItem.Cap(value, max);

    private static int EstimateBytes(InteractionEntity e) =>
        1_024 + (2 * (e.Text.Length + e.PlatformId.Length + (e.ParentId?.Length ?? 0) + (e.ThreadId?.Length ?? 0) + (e.Url?.Length ?? 0) + e.Signals.Length));
}
