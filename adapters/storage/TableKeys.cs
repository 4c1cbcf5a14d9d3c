using System.Globalization;
using Engagement.Core.Domain;

namespace Engagement.Storage;

/// <summary>
/// Turns ids into legal, stable Table Storage keys (client and channel ids are keys as they are: see <c>Ids</c>; an
/// interaction's row key is its interaction id: see <c>InteractionIds</c>).
/// </summary>
internal static class TableKeys
{
    /// <summary>Partition key of every row in the Clients table.</summary>
    public const string ClientsPartition = "client";

    /// <summary>Partition key of every row in the ApiKeys table: few rows, each read by key id.</summary>
    public const string ApiKeysPartition = "key";

    public static string InteractionPartition(string clientId, DateTimeOffset createdAt) =>
        $"{clientId}_{createdAt.UtcDateTime.ToString("yyyyMM", CultureInfo.InvariantCulture)}";

    /// <summary>The row of an interaction: its interaction id (<see cref="InteractionIds"/>), which people see and use.</summary>
    public static string InteractionRow(string channelId, string platformId) => InteractionIds.Of(channelId, platformId);

    public static string DailyRow(DateOnly date, string channelId) =>
        $"{date.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}_{channelId}";

    /// <summary>
    /// The outbox row of a page's event: the same page of the same run always lands on the same row, so a replay
    /// rewrites it. A run id is the app's own (32 hex digits), but one read from a message is encoded when it is no key.
    /// </summary>
    public static string OutboxRow(string channelId, string runId, int page) =>
        $"{channelId}_{(runId.All(char.IsAsciiLetterOrDigit) ? runId : Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(runId)).Replace('/', '_'))}_{page.ToString("D6", CultureInfo.InvariantCulture)}";

    /// <summary>Newest first: Table Storage sorts rows ascending, so the key counts down from the end of time.</summary>
    public static string RunRow(DateTimeOffset startedAt, string runId) =>
        $"{(DateTimeOffset.MaxValue.UtcTicks - startedAt.UtcTicks).ToString("D19", CultureInfo.InvariantCulture)}_{runId}";
}
