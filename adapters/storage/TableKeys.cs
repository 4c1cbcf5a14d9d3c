using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Engagement.Storage;

/// <summary>Turns ids into legal, stable Table Storage keys (client and channel ids are keys as they are: see <c>Ids</c>).</summary>
internal static partial class TableKeys
{
    /// <summary>Partition key of every row in the Clients table.</summary>
    public const string ClientsPartition = "client";

    private const int MaxPlainLength = 200;
    private const int MaxEncodedLength = 400;

    /// <summary>
    /// Encodes a platform id. Plain ids stay readable; anything else (URLs, <c>at://</c> URIs, <c>/ \ # ?</c>,
    /// control or non-ASCII characters) becomes <c>~</c> + base64url of its UTF-8 bytes. <c>~</c> never starts a
    /// plain id, so the two forms cannot collide; overlong ids fall back to <c>~~</c> + a hash so keys stay under the limit.
    /// </summary>
    public static string EncodePlatformId(string platformId)
    {
        ArgumentException.ThrowIfNullOrEmpty(platformId);
        if (platformId.Length <= MaxPlainLength && PlainPattern().IsMatch(platformId))
        {
            return platformId;
        }

        var bytes = Encoding.UTF8.GetBytes(platformId);
        var encoded = Base64Url.EncodeToString(bytes);
        return encoded.Length <= MaxEncodedLength
            ? "~" + encoded
            : "~~" + Base64Url.EncodeToString(SHA256.HashData(bytes));
    }

    /// <summary>Reverses <see cref="EncodePlatformId"/>; hashed ids cannot be reversed and return null.</summary>
    public static string? DecodePlatformId(string key)
    {
        if (!key.StartsWith('~'))
        {
            return key;
        }

        return key.StartsWith("~~", StringComparison.Ordinal)
            ? null
            : Encoding.UTF8.GetString(Base64Url.DecodeFromChars(key.AsSpan(1)));
    }

    public static string InteractionPartition(string clientId, DateTimeOffset createdAt) =>
        $"{clientId}_{createdAt.UtcDateTime.ToString("yyyyMM", CultureInfo.InvariantCulture)}";

    public static string InteractionRow(string channelId, string platformId) =>
        $"{channelId}_{EncodePlatformId(platformId)}";

    public static string DailyRow(DateOnly date, string channelId) =>
        $"{date.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}_{channelId}";

    /// <summary>Newest first: Table Storage sorts rows ascending, so the key counts down from the end of time.</summary>
    public static string RunRow(DateTimeOffset startedAt, string runId) =>
        $"{(DateTimeOffset.MaxValue.UtcTicks - startedAt.UtcTicks).ToString("D19", CultureInfo.InvariantCulture)}_{runId}";

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._:@-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex PlainPattern();
}
