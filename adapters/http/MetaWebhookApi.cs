using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Engagement.Core.Ports;
using Engagement.Core.Scheduling;
using Microsoft.Extensions.Options;

namespace Engagement.Http;

/// <summary>Answer to a Meta change notification: how many channel jobs it queued.</summary>
public sealed record WebhookAccepted(int Jobs);

/// <summary>
/// Where the Meta webhook finds its two secrets (<c>Engagement__Webhooks__Meta__*</c>): both are names in the secret
/// store (Key Vault in Azure, <c>Engagement__Secrets__&lt;name&gt;</c> elsewhere), never the values.
/// </summary>
public sealed class MetaWebhookOptions
{
    public const string SectionName = "Engagement:Webhooks:Meta";

    /// <summary>The Meta app's secret, the key of <c>X-Hub-Signature-256</c>. Default: <c>meta-app-secret</c>.</summary>
    public string AppSecretName { get; set; } = "meta-app-secret";

    /// <summary>The verify token typed in the app's webhook settings, echoed by the handshake. Default: <c>meta-webhook-verify-token</c>.</summary>
    public string VerifyTokenName { get; set; } = "meta-webhook-verify-token";
}

/// <summary>
/// <c>/api/webhooks/meta</c>, free of any host. Meta cannot send a function key, so the route is anonymous and the
/// signature is the authentication: the handshake must echo the verify token we chose, and a notification must carry
/// <c>X-Hub-Signature-256</c>, <c>sha256=</c> and the hex HMAC-SHA256 of the raw body bytes under the app secret,
/// compared in constant time. A notification only queues an ingestion job for each registered channel of the Page
/// (<c>object: page</c>) or Instagram account (<c>object: instagram</c>) in its entries; the job reads the channel as
/// any run does, so the answer is fast and a lost notification costs nothing the schedule will not catch.
/// </summary>
public sealed class MetaWebhookApi(ScheduleService schedule, ISecretStore secrets, IOptions<MetaWebhookOptions> options)
{
    /// <summary>Largest body read; Meta batches at most 1,000 changes, far below this.</summary>
    public const int MaxBody = 4 * 1024 * 1024;

    private const string SignaturePrefix = "sha256=";

    /// <summary>The subscription handshake: the challenge back as plain text, or 403 with nothing said.</summary>
    public async Task<ApiResult> VerifyAsync(string? mode, string? verifyToken, string? challenge, CancellationToken cancellationToken = default)
    {
        var expected = await secrets.GetSecretAsync(options.Value.VerifyTokenName, cancellationToken).ConfigureAwait(false);
        var matches = mode == "subscribe" && !string.IsNullOrEmpty(expected) && verifyToken is not null
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(verifyToken), Encoding.UTF8.GetBytes(expected));
        return matches && !string.IsNullOrEmpty(challenge) ? ApiResult.PlainText(challenge) : ApiResult.Refused(403);
    }

    /// <summary>A change notification as the host receives it: the raw bytes, read once, are what the signature covers.</summary>
    public async Task<ApiResult> NotifyAsync(Stream body, string? signature, CancellationToken cancellationToken = default)
    {
        using var raw = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (raw.Length + read > MaxBody)
            {
                return ApiResult.Refused(413);
            }

            raw.Write(buffer, 0, read);
        }

        return await NotifyAsync(raw.GetBuffer().AsMemory(0, (int)raw.Length), signature, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A change notification: 401 with nothing said unless the signature is the body's; else the channels it names are queued.</summary>
    public async Task<ApiResult> NotifyAsync(ReadOnlyMemory<byte> body, string? signature, CancellationToken cancellationToken = default)
    {
        var secret = await secrets.GetSecretAsync(options.Value.AppSecretName, cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrEmpty(secret) || !IsSigned(body.Span, signature, Encoding.UTF8.GetBytes(secret)))
        {
            return ApiResult.Refused(401);
        }

        var accounts = AccountsOf(body);
        if (accounts is null)
        {
            return ApiResult.Invalid("body", "The body is not a Meta change notification.");
        }

        var jobs = 0;
        foreach (var (platform, ids) in accounts)
        {
            jobs += (await schedule.RunAccountsAsync(platform, ids, cancellationToken).ConfigureAwait(false)).Jobs;
        }

        return ApiResult.Ok(new WebhookAccepted(jobs));
    }

    /// <summary>Whether <paramref name="signature"/> is <c>sha256=</c> and the hex HMAC-SHA256 of <paramref name="body"/> under <paramref name="key"/>.</summary>
    public static bool IsSigned(ReadOnlySpan<byte> body, string? signature, byte[] key)
    {
        if (signature is null || !signature.StartsWith(SignaturePrefix, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        byte[] given;
        try
        {
            given = Convert.FromHexString(signature.AsSpan(SignaturePrefix.Length).Trim());
        }
        catch (FormatException)
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(key, body, expected);
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }

    /// <summary>
    /// The accounts each platform's entries name: a Page's id (<c>object: page</c>, platform facebook) or an Instagram
    /// account's (<c>object: instagram</c>). The Page webhooks send one object, Instagram's docs show an array of them;
    /// both are read. Null when the body is not such a notification.
    /// </summary>
    public static Dictionary<string, HashSet<string>>? AccountsOf(ReadOnlyMemory<byte> body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return null;
        }

        using (document)
        {
            var root = document.RootElement;
            var notifications = root.ValueKind switch
            {
                JsonValueKind.Array => root.EnumerateArray().ToList(),
                JsonValueKind.Object => [root],
                _ => [],
            };
            var accounts = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
            foreach (var notification in notifications)
            {
                if (notification.ValueKind != JsonValueKind.Object || !notification.TryGetProperty("object", out var kind)
                    || !notification.TryGetProperty("entry", out var entries) || entries.ValueKind != JsonValueKind.Array)
                {
                    return null;
                }

                var platform = kind.ValueKind == JsonValueKind.String ? kind.GetString() switch
                {
                    "page" => "facebook",
                    "instagram" => "instagram",
                    _ => null,
                } : null;
                if (platform is null)
                {
                    continue; // another product's notification (user, permissions...): nothing of ours to read
                }

                foreach (var entry in entries.EnumerateArray())
                {
                    if (entry.ValueKind == JsonValueKind.Object && entry.TryGetProperty("id", out var id)
                        && (id.ValueKind == JsonValueKind.String ? id.GetString() : id.ValueKind == JsonValueKind.Number ? id.GetRawText() : null) is { Length: > 0 } account)
                    {
                        (accounts.TryGetValue(platform, out var ids) ? ids : accounts[platform] = new HashSet<string>(StringComparer.Ordinal)).Add(account);
                    }
                }
            }

            return accounts;
        }
    }
}
