using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Engagement.Connectors.Platforms;
using Engagement.Core.Ports;

namespace Engagement.Connectors.Mastodon;

/// <summary>
/// The typed client of Mastodon's REST API (docs: methods/accounts, statuses, notifications). Each call goes to the
/// channel's own server, with the token as a bearer header when the channel has one, and reports what went wrong
/// as a classified <see cref="ConnectorFaultException"/>: a refused token, a missing scope, a deleted or suspended
/// account are permanent; 5xx, timeouts and dropped connections transient; a 429 throttled until the window's reset.
/// A deleted or hidden status is not a fault: its calls return null.
/// </summary>
internal sealed class MastodonClient(HttpClient http, TimeProvider time)
{
    /// <summary>Resolves <c>user</c> on its server to its account (<c>GET /api/v1/accounts/lookup</c>).</summary>
    public async Task<MastodonAccountDto> LookupAsync(Uri server, string username, SourceCall call, CancellationToken cancellationToken)
    {
        var url = PlatformUris.Combine(server, "api/v1/accounts/lookup", [new("acct", username)]);
        using var response = await SendAsync(url, call, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Gone)
        {
            throw ConnectorFaultException.Permanent($"the account @{username}@{server.Authority} does not exist (deleted, suspended or misspelt)");
        }

        await ThrowIfFailedAsync(response, call, cancellationToken).ConfigureAwait(false);
        var account = await ReadAsync(response, MastodonJson.Default.MastodonAccountDto, cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrWhiteSpace(account?.Id))
        {
            throw ConnectorFaultException.Transient($"{server.Host} answered the account lookup without an account id");
        }

        if (account.Suspended == true)
        {
            throw ConnectorFaultException.Permanent($"the account @{username}@{server.Authority} is suspended");
        }

        return account;
    }

    /// <summary>One page of a Link-paged list (statuses, notifications) as raw elements, and the <c>rel="next"</c> link.</summary>
    public async Task<(IReadOnlyList<JsonElement> Items, Uri? Next)> ListAsync(Uri url, SourceCall call, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(url, call, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Gone)
        {
            throw ConnectorFaultException.Permanent($"{url.Host} no longer has this account (deleted or suspended)");
        }

        await ThrowIfFailedAsync(response, call, cancellationToken).ConfigureAwait(false);
        var items = await ReadAsync(response, MastodonJson.Default.ListJsonElement, cancellationToken).ConfigureAwait(false) ?? [];
        return (items, LinkHeader.Find(response.Headers, "next", url));
    }

    /// <summary>One status (<c>GET /api/v1/statuses/:id</c>) as a raw element, or null when it is deleted or hidden from this token.</summary>
    public async Task<JsonElement?> GetStatusAsync(Uri server, string id, SourceCall call, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(PlatformUris.Combine(server, $"api/v1/statuses/{Uri.EscapeDataString(id)}"), call, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Gone)
        {
            return null;
        }

        await ThrowIfFailedAsync(response, call, cancellationToken).ConfigureAwait(false);
        return await ReadAsync(response, MastodonJson.Default.JsonElement, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The thread around a status (<c>GET /api/v1/statuses/:id/context</c>), or null when the status is gone.</summary>
    public async Task<MastodonContext?> GetContextAsync(Uri server, string id, SourceCall call, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(PlatformUris.Combine(server, $"api/v1/statuses/{Uri.EscapeDataString(id)}/context"), call, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Gone)
        {
            return null;
        }

        await ThrowIfFailedAsync(response, call, cancellationToken).ConfigureAwait(false);
        return await ReadAsync(response, MastodonJson.Default.MastodonContext, cancellationToken).ConfigureAwait(false) ?? new MastodonContext();
    }

    private async Task<HttpResponseMessage> SendAsync(Uri url, SourceCall call, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (call.Token is { } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await PlatformHttp.SendAsync(http, request, call.Tracker, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Classifies an error answer (docs: entities/Error; api/rate-limits).</summary>
    private async Task ThrowIfFailedAsync(HttpResponseMessage response, SourceCall call, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var host = response.RequestMessage?.RequestUri?.Host ?? "the server";
        var said = await ErrorTextAsync(response, cancellationToken).ConfigureAwait(false);
        var status = (int)response.StatusCode;
        throw status switch
        {
            401 when call.Token is null => ConnectorFaultException.Permanent($"{host} requires a token to read this account ({said}): name a secret holding one with --secret"),
            401 => ConnectorFaultException.Permanent($"{host} refused the token ({said}): authorise the app again (scopes read:accounts read:statuses read:notifications) and update the channel's secret"),
            403 => ConnectorFaultException.Permanent($"{host} refused access ({said}): the token needs the scopes read:accounts read:statuses read:notifications, and the account must be active"),
            429 => ConnectorFaultException.Throttled(
                RateLimitHeaders.XRateLimit(response.Headers)?.ResetAt is { } reset && reset > time.GetUtcNow() ? reset : time.GetUtcNow().AddMinutes(5),
                $"{host} rate limit reached ({said})"),
            408 or >= 500 => ConnectorFaultException.Transient($"{host} answered {status} ({said})"),
            _ => ConnectorFaultException.Permanent($"{host} answered {status} ({said})"),
        };
    }

    private static async Task<string> ErrorTextAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var error = await response.Content.ReadFromJsonAsync(MastodonJson.Default.MastodonError, cancellationToken).ConfigureAwait(false);
            var text = error?.Error?.Trim();
            return string.IsNullOrEmpty(text) ? response.ReasonPhrase ?? "no reason given" : text.Length <= 200 ? text : text[..200] + "…";
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException)
        {
            return response.ReasonPhrase ?? "no reason given";
        }
    }

    private static async Task<T?> ReadAsync<T>(HttpResponseMessage response, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> info, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync(info, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is JsonException or NotSupportedException)
        {
            throw ConnectorFaultException.Transient($"{response.RequestMessage?.RequestUri?.Host} answered with something that is not the expected JSON", e);
        }
    }
}
