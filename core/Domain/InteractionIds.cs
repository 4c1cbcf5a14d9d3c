using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Engagement.Core.Domain;

/// <summary>
/// The id people use for one stored interaction: <c>{channelId}_{encoded platform id}</c>, which is also its row key in
/// the Interactions table. It is unique within a client, stable across replays, readable for plain platform ids, and
/// safe as a URL path segment and a table key without further escaping.
/// </summary>
public static partial class InteractionIds
{
    /// <summary>What an interaction id looks like, for messages.</summary>
    public const string Rule = "'{channel id}_{platform id}' as engage interactions lists it (the RowKey of the Interactions table).";

    private const int MaxPlainLength = 200;
    private const int MaxEncodedLength = 400;

    /// <summary>The id of a channel's interaction.</summary>
    public static string Of(string channelId, string platformId) => $"{channelId}_{EncodePlatformId(platformId)}";

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

    /// <summary>Splits an id into its channel id and encoded platform id; false for anything <see cref="Of"/> cannot return.</summary>
    public static bool TryParse(string? id, out string channelId, out string encodedPlatformId)
    {
        channelId = encodedPlatformId = "";
        var separator = id?.IndexOf('_', StringComparison.Ordinal) ?? -1;
        if (separator < 1 || id!.Length - separator - 1 is < 1 or > MaxEncodedLength + 2)
        {
            return false;
        }

        var channel = id[..separator];
        var platform = id[(separator + 1)..];
        if (!Ids.IsValid(channel) || !(PlainPattern().IsMatch(platform) || EncodedPattern().IsMatch(platform)))
        {
            return false;
        }

        (channelId, encodedPlatformId) = (channel, platform);
        return true;
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._:@-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex PlainPattern();

    [GeneratedRegex("^~~?[A-Za-z0-9_-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex EncodedPattern();
}
