using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Engagement.Connectors.Platforms;
using Engagement.Core.Ports;
using Microsoft.Extensions.Options;

namespace Engagement.Connectors.LinkedIn;

/// <summary>
/// The typed client of LinkedIn's versioned REST API (docs: shared/api-guide/concepts/protocol-version, error-handling).
/// Every call carries the member's token as a bearer header, <c>LinkedIn-Version</c> (a setting) and
/// <c>X-Restli-Protocol-Version: 2.0.0</c>; URNs are URL-encoded in paths and queries, Rest.li's <c>List(…)</c>
/// keeping its parentheses and commas. Errors are classified: 401 (expired or revoked token) and 403 (scope or role
/// missing) are permanent, 429 throttled until the next 00:00 UTC (<see cref="LinkedInSignals"/>), 408 and 5xx
/// transient; a 404 means the object is gone, which is the caller's to judge (null), not a fault.
/// </summary>
internal sealed class LinkedInClient(HttpClient http, TimeProvider time, IOptions<PlatformsOptions> options)
{
    public const string Permissions = "r_organization_social (r_organization_social_feed in newer versions) and rw_organization_admin";

    public LinkedInOptions Settings => options.Value.LinkedIn;

    private Uri BaseUrl => Settings.BaseUrl ?? throw ConnectorFaultException.Permanent("Engagement__Platforms__LinkedIn__BaseUrl is not set");

    /// <summary>A URN as a Rest.li 2.0 path key or query value: fully URL-encoded.</summary>
    public static string Encode(string urn) => Uri.EscapeDataString(urn);

    /// <summary><paramref name="path"/> under the API root, with <paramref name="query"/> as already encoded Rest.li text (<c>ids=List(urn%3A…,…)</c>).</summary>
    public Uri Url(string path, string query) => new($"{PlatformUris.Combine(BaseUrl, path).AbsoluteUri}?{query}", UriKind.Absolute);

    /// <summary>One object or collection, or null when it is gone (404).</summary>
    public async Task<T?> GetAsync<T>(Uri url, JsonTypeInfo<T> info, SourceCall call, CancellationToken cancellationToken)
        where T : class
    {
        if (call.Token is not { } token)
        {
            throw ConnectorFaultException.Permanent($"a LinkedIn channel needs a token: a member token of an administrator of the page, with {Permissions}; name the secret that holds it with --secret");
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Add("LinkedIn-Version", Settings.Version);
        request.Headers.Add("X-Restli-Protocol-Version", "2.0.0");
        using var response = await PlatformHttp.SendAsync(http, request, call.Tracker, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Gone)
        {
            return null;
        }

        if (!response.IsSuccessStatusCode)
        {
            throw await FaultAsync(response, cancellationToken).ConfigureAwait(false);
        }

        try
        {
            return await response.Content.ReadFromJsonAsync(info, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is JsonException or NotSupportedException)
        {
            throw ConnectorFaultException.Transient("LinkedIn answered with something that is not the expected JSON", e);
        }
    }

    private async Task<ConnectorFaultException> FaultAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        var error = await ErrorAsync(response, cancellationToken).ConfigureAwait(false);
        var said = error?.Message?.Trim() is { Length: > 0 } message
            ? (message.Length <= 200 ? message : message[..200] + "…") + (error.Code is { } code ? $", {code}" : "")
            : response.ReasonPhrase ?? "no reason given";
        return status switch
        {
            401 when error?.Code == "EXPIRED_ACCESS_TOKEN" || error?.ServiceErrorCode == 65602 =>
                ConnectorFaultException.Permanent($"LinkedIn refused the token ({said}): member tokens last 60 days; connect the page's admin again and update the channel's secret"),
            401 => ConnectorFaultException.Permanent($"LinkedIn refused the token ({said}): connect the page's admin again (scopes {Permissions}) and update the channel's secret"),
            403 => ConnectorFaultException.Permanent($"LinkedIn refused access ({said}): the token must be an ADMINISTRATOR's of the page, with {Permissions}"),
            429 => ConnectorFaultException.Throttled(LinkedInSignals.NextUtcMidnight(time.GetUtcNow()), $"LinkedIn's daily limit is reached ({said})"),
            408 or >= 500 => ConnectorFaultException.Transient($"LinkedIn answered {status} ({said})"),
            _ => ConnectorFaultException.Permanent($"LinkedIn refused the request with {status} ({said})"),
        };
    }

    private static async Task<LinkedInError?> ErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync(LinkedInJson.Default.LinkedInError, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException)
        {
            return null;
        }
    }
}
