using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Engagement.Core.Domain;

/// <summary>
/// The privacy rule for people's handles: stored only as a pseudonym, an HMAC-SHA256 of the client and the handle under
/// the deployment's own key, so nobody without the key can recompute one from a handle (a plain hash of a public
/// handle can be recomputed by anyone who guesses it). The same person has the same pseudonym within one client, so
/// threads can be followed and a person's rows found for erasure, and different ones across clients.
/// </summary>
internal static partial class Pseudonyms
{
    /// <summary>What starts every pseudonym of this format; the unkeyed format of before began with <c>p-</c> and 16 hex.</summary>
    public const string Prefix = "pk-";

    /// <summary>The pseudonym of <paramref name="author"/> within <paramref name="clientId"/>, or null when there is no author.</summary>
    public static string? Of(ReadOnlySpan<byte> key, string clientId, string? author)
    {
        var handle = Normalize(author);
        return handle.Length == 0
            ? null
            : Prefix + Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{clientId}\n{handle}")))[..20];
    }

    /// <summary>
    /// The unkeyed pseudonyms the handle may have been stored under before keyed ones (SHA-256 of client and the
    /// author as the source wrote it), for the spellings a source uses: with and without '@'. Erasure looks for these too.
    /// </summary>
    public static IReadOnlyList<string> Legacy(string clientId, string handle)
    {
        var bare = handle.Trim().TrimStart('@');
        return new[] { handle.Trim(), bare, "@" + bare, bare.ToLowerInvariant(), "@" + bare.ToLowerInvariant() }
            .Where(h => h.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .Select(h => "p-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{clientId}\n{h}")))[..16])
            .ToList();
    }

    /// <summary>A handle as compared: without a leading '@' or spaces, in lower case (platforms ignore case in handles).</summary>
    public static string Normalize(string? handle) =>
        (handle ?? "").Trim().TrimStart('@').ToLowerInvariant();

    /// <summary>
    /// The text with each <c>@handle</c> (or <c>@user@host</c>) of a person replaced by <c>@</c> and their pseudonym;
    /// handles in <paramref name="kept"/> (the brand's own, normalised) stay as written. The '@' stays, so the text
    /// still reads as mentioning someone.
    /// </summary>
    public static string MaskMentions(ReadOnlySpan<byte> key, string clientId, string text, IReadOnlySet<string> kept)
    {
        if (!text.Contains('@', StringComparison.Ordinal))
        {
            return text;
        }

        var keyCopy = key.ToArray();
        return Mention().Replace(text, m =>
        {
            var handle = m.Groups["handle"].Value;
            return kept.Contains(Normalize(handle)) ? m.Value : "@" + Of(keyCopy, clientId, handle);
        });
    }

    // '@' not preceded by a word character or '@' (so an e-mail address is left alone), then a handle that does not
    // end in a dot or dash, optionally @host as on Mastodon.
    [GeneratedRegex(@"(?<![\w@.])@(?<handle>[\p{L}\p{N}_](?:[\p{L}\p{N}_.\-]*[\p{L}\p{N}_])?(?:@[\p{L}\p{N}\-]+(?:\.[\p{L}\p{N}\-]+)+)?)", RegexOptions.CultureInvariant)]
    private static partial Regex Mention();
}
