using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Engagement.Core.Access;

/// <summary>A read-only key scoped to one client, as stored: its hash, never the key.</summary>
public sealed record ApiKey
{
    /// <summary>The key's public id (<c>engage keys list</c> shows it, <c>engage keys revoke</c> takes it); part of the key.</summary>
    public required string KeyId { get; init; }

    /// <summary>The one client whose data the key may read.</summary>
    public required string ClientId { get; init; }

    /// <summary>What it is for, as its creator named it (a dashboard, a BI tool).</summary>
    public string? Name { get; init; }

    /// <summary>SHA-256 of the whole key, lowercase hex.</summary>
    public required string Hash { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When it was revoked; a revoked key opens nothing.</summary>
    public DateTimeOffset? RevokedAt { get; init; }

    public bool IsRevoked => RevokedAt is not null;
}

/// <summary>
/// The key rule. A client key is <c>ek_{keyId}_{secret}</c>: the id (12 hex characters) finds the stored row with
/// one point read, the secret is 32 random bytes (base64url). Only SHA-256 of the whole key is stored. A fast hash is
/// enough because the key is random, not chosen by a person: with 256 bits of entropy there is nothing to guess, so
/// a slow password hash would add latency to every request and protect nothing more.
/// </summary>
public static partial class ApiKeys
{
    /// <summary>What starts every key this deployment issues.</summary>
    public const string Prefix = "ek_";

    /// <summary>Longest key name kept.</summary>
    public const int MaxNameLength = 100;

    /// <summary>A new key for <paramref name="clientId"/>: the row to store and the key, shown once.</summary>
    public static (ApiKey Stored, string Key) Create(string clientId, string? name, DateTimeOffset now)
    {
        var keyId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        var key = $"{Prefix}{keyId}_{Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32))}";
        return (new ApiKey { KeyId = keyId, ClientId = clientId, Name = name, Hash = Hash(key), CreatedAt = now }, key);
    }

    /// <summary>A new admin key: the key itself (shown once) and the hash to configure as <c>Engagement__AdminKeyHash</c>.</summary>
    public static (string Key, string Hash) CreateAdmin()
    {
        var key = $"{Prefix}admin_{Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32))}";
        return (key, Hash(key));
    }

    /// <summary>SHA-256 of the key's UTF-8 bytes, lowercase hex.</summary>
    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>The key id inside a client key; false for anything that is not one.</summary>
    public static bool TryReadKeyId(string? key, out string keyId)
    {
        var match = key is null ? null : KeyPattern().Match(key);
        keyId = match is { Success: true } ? match.Groups[1].Value : "";
        return match is { Success: true };
    }

    /// <summary>Whether a key id has the shape <see cref="Create"/> gives.</summary>
    public static bool IsKeyId(string? keyId) => keyId is not null && KeyIdPattern().IsMatch(keyId);

    /// <summary>Whether <paramref name="key"/> hashes to <paramref name="hash"/>, compared in constant time.</summary>
    public static bool Matches(string key, string? hash)
    {
        if (hash is null || hash.Length != 64 || !IsHex(hash))
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(key)), Convert.FromHexString(hash));
    }

    /// <summary>Whether a configured admin key hash has the shape <see cref="Hash"/> gives.</summary>
    public static bool IsHash(string? hash) => hash is { Length: 64 } && IsHex(hash);

    private static bool IsHex(string text) => text.All(char.IsAsciiHexDigit);

    [GeneratedRegex("^ek_([0-9a-f]{12})_[A-Za-z0-9_-]{43}$", RegexOptions.CultureInvariant)]
    private static partial Regex KeyPattern();

    [GeneratedRegex("^[0-9a-f]{12}$", RegexOptions.CultureInvariant)]
    private static partial Regex KeyIdPattern();
}
