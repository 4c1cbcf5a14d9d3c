using System.Globalization;
using Azure.Data.Tables;
using Engagement.Core.Domain;
using Engagement.Core.Ports;

namespace Engagement.Storage;

/// <summary>Daily aggregates per client and channel, rewritten whole on every recompute.</summary>
internal sealed class DailyEngagementStore(EngagementTables tables) : IDailyEngagementStore
{
    public async Task UpsertAsync(IEnumerable<DailyEngagement> days, DateTimeOffset computedAt, CancellationToken cancellationToken = default)
    {
        await tables.EnsureCreatedAsync().ConfigureAwait(false);
        var entities = days.Select(d => ToEntity(d, computedAt));
        await TableBatches.UpsertAsync(tables.DailyEngagement, entities, _ => 1_024, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The client's days in [<paramref name="from"/>, <paramref name="to"/>], all channels.</summary>
    public async Task<IReadOnlyList<DailyEngagement>> QueryAsync(
        string clientId,
        DateOnly from,
        DateOnly to,
        CancellationToken cancellationToken = default)
    {
        await tables.EnsureCreatedAsync().ConfigureAwait(false);
        var rowFrom = from.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var rowTo = to.AddDays(1).ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {clientId} and RowKey ge {rowFrom} and RowKey lt {rowTo}");
        var days = new List<DailyEngagement>();
        await foreach (var e in tables.DailyEngagement.QueryAsync<DailyEngagementEntity>(filter, maxPerPage: 1000, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            days.Add(FromEntity(e));
        }

        return days;
    }

    private static DailyEngagementEntity ToEntity(DailyEngagement d, DateTimeOffset computedAt) => new()
    {
        PartitionKey = d.ClientId,
        RowKey = TableKeys.DailyRow(d.Date, d.ChannelId),
        Date = d.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ChannelId = d.ChannelId,
        Interactions = d.Interactions,
        Broadcast = d.Broadcast,
        Relational = d.Relational,
        RelationalShare = d.RelationalShare,
        Posts = d.Posts,
        Comments = d.Comments,
        Replies = d.Replies,
        Dms = d.Dms,
        BrandInteractions = d.BrandInteractions,
        BrandRelational = d.BrandRelational,
        BrandRelationalShare = d.BrandRelationalShare,
        CustomerMessages = d.CustomerMessages,
        CustomerMessagesAnswered = d.CustomerMessagesAnswered,
        ReplyRate = d.ReplyRate,
        UnansweredQuestions = d.UnansweredQuestions,
        MedianFirstResponseMinutes = d.MedianFirstResponseMinutes,
        FirstResponseMinutesTotal = d.FirstResponseMinutesTotal,
        Likes = d.Likes,
        Shares = d.Shares,
        ReplyCount = d.ReplyCount,
        Reach = d.Reach,
        InteractionRate = d.InteractionRate,
        ComputedAt = computedAt,
    };

    private static DailyEngagement FromEntity(DailyEngagementEntity e) => new()
    {
        ClientId = e.PartitionKey,
        ChannelId = e.ChannelId,
        Date = DateOnly.ParseExact(e.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture),
        Interactions = e.Interactions,
        Broadcast = e.Broadcast,
        Relational = e.Relational,
        Posts = e.Posts,
        Comments = e.Comments,
        Replies = e.Replies,
        Dms = e.Dms,
        BrandInteractions = e.BrandInteractions,
        BrandRelational = e.BrandRelational,
        CustomerMessages = e.CustomerMessages,
        CustomerMessagesAnswered = e.CustomerMessagesAnswered,
        UnansweredQuestions = e.UnansweredQuestions,
        MedianFirstResponseMinutes = e.MedianFirstResponseMinutes,
        FirstResponseMinutesTotal = e.FirstResponseMinutesTotal,
        Likes = e.Likes,
        Shares = e.Shares,
        ReplyCount = e.ReplyCount,
        Reach = e.Reach,
    };
}
