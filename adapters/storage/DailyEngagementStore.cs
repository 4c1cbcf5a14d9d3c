using System.Buffers.Binary;
using System.Globalization;
using Azure.Data.Tables;
using Engagement.Core.Domain;
using Engagement.Core.Ports;

namespace Engagement.Storage;

/// <summary>
/// Daily aggregates per client and channel, rewritten whole on every recompute. Every figure is a column of its own
/// (docs/tables.md); the response times are packed into binary columns so periods can take exact medians.
/// </summary>
internal sealed class DailyEngagementStore(EngagementTables tables) : IDailyEngagementStore
{
    /// <summary>Bytes of one packed response time: seconds (int32), business seconds (int32, -1 when none), flags.</summary>
    public const int ResponseTimeBytes = 9;

    /// <summary>Response times per binary column, under the service's 64 KiB limit of a binary property.</summary>
    public const int ResponseTimesPerColumn = 65_536 / ResponseTimeBytes;

    /// <summary>Binary columns a day may use, keeping a row well under the service's 1 MiB entity limit.</summary>
    public const int MaxResponseTimeColumns = 12;

    private const byte DmFlag = 1;
    private const byte QuestionFlag = 2;

    public async Task UpsertAsync(IEnumerable<DailyEngagement> days, DateTimeOffset computedAt, CancellationToken cancellationToken = default)
    {
        await tables.EnsureCreatedAsync().ConfigureAwait(false);
        var entities = days.Select(d => ToEntity(d, computedAt));
        await TableBatches.UpsertAsync(tables.DailyEngagement, entities, EstimateBytes, cancellationToken).ConfigureAwait(false);
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
        await foreach (var e in tables.DailyEngagement.QueryAsync<TableEntity>(filter, maxPerPage: 1000, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            days.Add(FromEntity(e));
        }

        return days;
    }

    internal static TableEntity ToEntity(DailyEngagement d, DateTimeOffset computedAt)
    {
        var entity = new TableEntity(d.ClientId, TableKeys.DailyRow(d.Date, d.ChannelId))
        {
            ["Date"] = d.Date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
            ["ChannelId"] = d.ChannelId,
            ["Interactions"] = d.Interactions,
            ["Broadcast"] = d.Broadcast,
            ["Relational"] = d.Relational,
            ["RelationalShare"] = d.RelationalShare,
            ["Posts"] = d.Posts,
            ["Comments"] = d.Comments,
            ["ReplyMessages"] = d.ReplyMessages,
            ["Dms"] = d.Dms,
            ["BrandInteractions"] = d.BrandInteractions,
            ["BrandRelational"] = d.BrandRelational,
            ["BrandInteractionsDm"] = d.BrandInteractionsDm,
            ["BrandRelationalDm"] = d.BrandRelationalDm,
            ["BrandRelationalShare"] = d.BrandRelationalShare,
            ["BrandPosts"] = d.BrandPosts,
            ["BrandRelationalPosts"] = d.BrandRelationalPosts,
            ["InboundMessages"] = d.InboundMessages,
            ["ResponseVolume"] = d.ResponseVolume,
            ["CustomerMessages"] = d.CustomerMessages,
            ["CustomerMessagesDm"] = d.CustomerMessagesDm,
            ["CustomerMessagesAnswered"] = d.CustomerMessagesAnswered,
            ["CustomerMessagesAnsweredDm"] = d.CustomerMessagesAnsweredDm,
            ["AnsweredInTime"] = d.AnsweredInTime,
            ["ReplyRate"] = d.ReplyRate,
            ["CustomerQuestions"] = d.CustomerQuestions,
            ["CustomerQuestionsAnswered"] = d.CustomerQuestionsAnswered,
            ["UnansweredQuestions"] = d.UnansweredQuestions,
            ["FirstResponseCount"] = d.ResponseTimes.Count,
            ["FirstResponseSecondsTotal"] = d.ResponseTimes.Sum(r => (long)r.Seconds),
            ["MedianFirstResponseMinutes"] = d.MedianFirstResponseMinutes,
            ["PostLikes"] = d.PostLikes,
            ["PostsWithLikes"] = d.PostsWithLikes,
            ["PostShares"] = d.PostShares,
            ["PostsWithShares"] = d.PostsWithShares,
            ["PostReplies"] = d.PostReplies,
            ["PostsWithReplies"] = d.PostsWithReplies,
            ["PostReach"] = d.PostReach,
            ["PostImpressions"] = d.PostImpressions,
            ["RatedPosts"] = d.RatedPosts,
            ["EngagementRateSum"] = d.EngagementRateSum,
            ["RatedEngagements"] = d.RatedEngagements,
            ["RatedAudience"] = d.RatedAudience,
            ["EngagementRate"] = d.EngagementRate,
            ["Settings"] = d.Settings,
            ["ComputedAt"] = computedAt,
        };

        var packed = Pack(d.ResponseTimes);
        for (var i = 0; i < packed.Count; i++)
        {
            entity[ResponseTimesColumn(i)] = packed[i];
        }

        // No data is no column: a ratio over nothing is absent, which BI tools read as null.
        foreach (var empty in entity.Where(p => p.Value is null).Select(p => p.Key).ToList())
        {
            entity.Remove(empty);
        }

        return entity;
    }

    internal static DailyEngagement FromEntity(TableEntity e)
    {
        var times = new List<ResponseTime>();
        for (var i = 0; i < MaxResponseTimeColumns && e.GetBinary(ResponseTimesColumn(i)) is { } bytes; i++)
        {
            times.AddRange(Unpack(bytes));
        }

        // The day and channel are read from the key, which every version of the schema wrote the same way.
        var underscore = e.RowKey.IndexOf('_', StringComparison.Ordinal);
        int Int(string name) => e.GetInt32(name) ?? 0;
        long Long(string name) => e.GetInt64(name) ?? 0;
        return new DailyEngagement
        {
            ClientId = e.PartitionKey,
            ChannelId = e.RowKey[(underscore + 1)..],
            Date = DateOnly.ParseExact(e.RowKey[..underscore], "yyyyMMdd", CultureInfo.InvariantCulture),
            Interactions = Int("Interactions"),
            Broadcast = Int("Broadcast"),
            Relational = Int("Relational"),
            Posts = Int("Posts"),
            Comments = Int("Comments"),
            ReplyMessages = Int("ReplyMessages"),
            Dms = Int("Dms"),
            BrandInteractions = Int("BrandInteractions"),
            BrandRelational = Int("BrandRelational"),
            BrandInteractionsDm = Int("BrandInteractionsDm"),
            BrandRelationalDm = Int("BrandRelationalDm"),
            BrandPosts = Int("BrandPosts"),
            BrandRelationalPosts = Int("BrandRelationalPosts"),
            InboundMessages = Int("InboundMessages"),
            ResponseVolume = Int("ResponseVolume"),
            CustomerMessages = Int("CustomerMessages"),
            CustomerMessagesDm = Int("CustomerMessagesDm"),
            CustomerMessagesAnswered = Int("CustomerMessagesAnswered"),
            CustomerMessagesAnsweredDm = Int("CustomerMessagesAnsweredDm"),
            AnsweredInTime = Int("AnsweredInTime"),
            CustomerQuestions = Int("CustomerQuestions"),
            CustomerQuestionsAnswered = Int("CustomerQuestionsAnswered"),
            UnansweredQuestions = Int("UnansweredQuestions"),
            ResponseTimes = times,
            PostLikes = Long("PostLikes"),
            PostsWithLikes = Int("PostsWithLikes"),
            PostShares = Long("PostShares"),
            PostsWithShares = Int("PostsWithShares"),
            PostReplies = Long("PostReplies"),
            PostsWithReplies = Int("PostsWithReplies"),
            PostReach = Long("PostReach"),
            PostImpressions = Long("PostImpressions"),
            RatedPosts = Int("RatedPosts"),
            EngagementRateSum = e.GetDouble("EngagementRateSum") ?? 0,
            RatedEngagements = Long("RatedEngagements"),
            RatedAudience = Long("RatedAudience"),
            Settings = e.GetString("Settings"),
        };
    }

    /// <summary>
    /// Packs response times nine bytes each, little-endian: seconds (int32), business seconds (int32, -1 when business
    /// hours were not configured), flags (1: DM, 2: question); split into columns of at most 64 KiB.
    /// </summary>
    internal static IReadOnlyList<byte[]> Pack(IReadOnlyList<ResponseTime> times)
    {
        var columns = new List<byte[]>();
        var kept = Math.Min(times.Count, ResponseTimesPerColumn * MaxResponseTimeColumns);
        for (var start = 0; start < kept; start += ResponseTimesPerColumn)
        {
            var count = Math.Min(ResponseTimesPerColumn, kept - start);
            var bytes = new byte[count * ResponseTimeBytes];
            for (var i = 0; i < count; i++)
            {
                var time = times[start + i];
                var slot = bytes.AsSpan(i * ResponseTimeBytes, ResponseTimeBytes);
                BinaryPrimitives.WriteInt32LittleEndian(slot, time.Seconds);
                BinaryPrimitives.WriteInt32LittleEndian(slot[4..], time.BusinessSeconds ?? -1);
                slot[8] = (byte)((time.Dm ? DmFlag : 0) | (time.Question ? QuestionFlag : 0));
            }

            columns.Add(bytes);
        }

        return columns;
    }

    internal static IEnumerable<ResponseTime> Unpack(byte[] bytes)
    {
        for (var offset = 0; offset + ResponseTimeBytes <= bytes.Length; offset += ResponseTimeBytes)
        {
            var slot = bytes.AsSpan(offset, ResponseTimeBytes);
            var business = BinaryPrimitives.ReadInt32LittleEndian(slot[4..]);
            yield return new ResponseTime(
                BinaryPrimitives.ReadInt32LittleEndian(slot),
                business < 0 ? null : business,
                (slot[8] & DmFlag) != 0,
                (slot[8] & QuestionFlag) != 0);
        }
    }

    /// <summary><c>ResponseTimes</c>, then <c>ResponseTimes2</c>, <c>ResponseTimes3</c>… for days with many answers.</summary>
    private static string ResponseTimesColumn(int index) => index == 0 ? "ResponseTimes" : "ResponseTimes" + (index + 1).ToString(CultureInfo.InvariantCulture);

    private static int EstimateBytes(TableEntity e) =>
        2_048 + e.Select(p => p.Value).OfType<byte[]>().Sum(b => b.Length * 4 / 3);
}
