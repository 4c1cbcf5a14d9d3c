using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Engagement.Connectors.Platforms;
using Engagement.Core.Ports;
using Microsoft.Extensions.Options;

namespace Engagement.Connectors.Meta;

/// <summary>
/// What the Facebook and Instagram clients share of Meta's Graph API: URLs under the configured root (its version
/// kept), the token as a bearer header (never <c>access_token=</c>, which Meta would copy into every paging link),
/// cursor paging whose <c>next</c> links must stay on the root's host, and errors classified on <c>error.code</c>
/// rather than on the status (docs: graph-api/guides/error-handling):
/// <list type="bullet">
/// <item>190 (expired, revoked or invalid token), 10 and 200-299 (a permission missing), 368 (blocked): permanent;</item>
/// <item>4, 17, 32, 613, 80000-80014: throttled until access returns (<see cref="MetaSignals"/>);</item>
/// <item>1, 2, -1, -2, <c>is_transient</c>, 5xx: transient;</item>
/// <item>100 with subcode 33, 803, 404: the object is gone, which is the caller's to judge (null), not a fault.</item>
/// </list>
/// </summary>
internal abstract class GraphClient(HttpClient http, TimeProvider time, IOptions<PlatformsOptions> options)
{
    /// <summary>The product as people know it, for messages: "Facebook", "Instagram".</summary>
    protected abstract string Product { get; }

    /// <summary>What a channel's token must be and hold, for messages.</summary>
    protected abstract string TokenNeeds { get; }

    public Uri BaseUrl => options.Value.Meta.BaseUrl ?? throw ConnectorFaultException.Permanent("Engagement__Platforms__Meta__BaseUrl is not set");

    public MetaOptions Settings => options.Value.Meta;

    /// <summary><paramref name="path"/> under the Graph API root, with <paramref name="query"/>.</summary>
    public Uri Url(string path, params (string Name, string Value)[] query) =>
        PlatformUris.Combine(BaseUrl, path, query.Select(q => KeyValuePair.Create(q.Name, q.Value)));

    /// <summary>
    /// The backfill depth as Graph's <c>since</c> (Unix seconds) for the listings that take it: the crawl plan never
    /// reads further back, and starting at a whole day keeps the paging links of one sweep the same.
    /// </summary>
    public string Since(int backfillDays) =>
        new DateTimeOffset(time.GetUtcNow().UtcDateTime.Date, TimeSpan.Zero).AddDays(-backfillDays).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    /// <summary>A page token (a <c>next</c> link kept in the cursor) as a URL, refused if it leads off the API root's host.</summary>
    public Uri PageUrl(string pageToken) =>
        Uri.TryCreate(pageToken, UriKind.Absolute, out var url) && PlatformUris.SameOrigin(BaseUrl, url)
            ? url
            : throw ConnectorFaultException.Permanent($"a paging link leads off {BaseUrl.Host}; the token is only sent to the Graph API root");

    /// <summary>One object, or null when it is gone (deleted, never existed, or hidden from this token).</summary>
    public async Task<JsonElement?> GetAsync(Uri url, SourceCall call, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(url, call, cancellationToken).ConfigureAwait(false);
        return await GoneAsync(response, call, cancellationToken).ConfigureAwait(false)
            ? null
            : await ReadAsync(response, GraphJson.Default.JsonElement, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// One page of a list edge: its items as raw elements and the next page's link (null at the end); null when the
    /// object whose edge it is has gone.
    /// </summary>
    public async Task<(IReadOnlyList<JsonElement> Items, string? Next, GraphCursors? Cursors)?> ListAsync(Uri url, SourceCall call, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(url, call, cancellationToken).ConfigureAwait(false);
        if (await GoneAsync(response, call, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var list = await ReadAsync(response, GraphJson.Default.GraphList, cancellationToken).ConfigureAwait(false);
        return (list?.Data ?? [], NextOf(list?.Paging?.Next), list?.Paging?.Cursors);
    }

    /// <summary>
    /// A <c>next</c> link as the cursor keeps it: on the API root's host (the request carries the token), and without
    /// an <c>access_token</c> parameter, which Meta echoes when a token was sent in the query, so none reaches a table.
    /// </summary>
    public string? NextOf(string? next)
    {
        if (string.IsNullOrWhiteSpace(next))
        {
            return null;
        }

        if (!Uri.TryCreate(next, UriKind.Absolute, out var url) || !PlatformUris.SameOrigin(BaseUrl, url))
        {
            throw ConnectorFaultException.Permanent($"{BaseUrl.Host} pages through another host; set Engagement__Platforms__Meta__BaseUrl to the host its links use");
        }

        var parameters = url.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries);
        var kept = parameters.Where(p => !p.StartsWith("access_token=", StringComparison.OrdinalIgnoreCase)).ToList();
        return kept.Count == parameters.Length ? url.AbsoluteUri : url.GetLeftPart(UriPartial.Path) + (kept.Count > 0 ? "?" + string.Join('&', kept) : "");
    }

    private async Task<HttpResponseMessage> SendAsync(Uri url, SourceCall call, CancellationToken cancellationToken)
    {
        if (call.Token is not { } token)
        {
            throw ConnectorFaultException.Permanent($"a {Product} channel needs a token: {TokenNeeds}; name the secret that holds it with --secret");
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await PlatformHttp.SendAsync(http, request, call.Tracker, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>False for a success, true when the object is gone; any other error answer throws its classified fault.</summary>
    private async Task<bool> GoneAsync(HttpResponseMessage response, SourceCall call, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return false;
        }

        var status = (int)response.StatusCode;
        var error = await ErrorAsync(response, cancellationToken).ConfigureAwait(false);
        var code = error?.Code;
        var said = Said(error, response);
        if ((code == 100 && error!.ErrorSubcode == 33) || code == 803 || (code is null && response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Gone))
        {
            return true;
        }

        var now = time.GetUtcNow();
        throw code switch
        {
            190 => ConnectorFaultException.Permanent($"{Product} refused the token ({said}): {TokenHelp(error!.ErrorSubcode)}; it must be {TokenNeeds}"),
            10 or (>= 200 and <= 299) => ConnectorFaultException.Permanent($"{Product} refused access ({said}): the token must be {TokenNeeds}"),
            368 => ConnectorFaultException.Permanent($"{Product} has blocked the account or app ({said})"),
            { } c when ErrorBodies.IsMetaThrottle(c) => ConnectorFaultException.Throttled(MetaSignals.Until(call.Tracker.Last, now), $"{Product} rate limit reached ({said})"),
            1 or 2 or -1 or -2 => ConnectorFaultException.Transient($"{Product} had a temporary problem ({said})"),
            _ when error?.IsTransient == true || status is 408 or >= 500 => ConnectorFaultException.Transient($"{Product} answered {status} ({said})"),
            _ => ConnectorFaultException.Permanent($"{Product} refused the request with {status} ({said})"),
        };
    }

    private static string TokenHelp(int? subcode) => subcode switch
    {
        463 => "it has expired; connect the account again and update the channel's secret",
        460 => "the password was changed; connect the account again and update the channel's secret",
        458 => "the app was removed; connect the account again and update the channel's secret",
        492 => "the person who made it no longer has a role on the Page; connect again with an admin",
        _ => "it is invalid or was revoked; connect the account again and update the channel's secret",
    };

    private static string Said(GraphError? error, HttpResponseMessage response)
    {
        var text = error?.Message?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return response.ReasonPhrase ?? "no reason given";
        }

        text = text.Length <= 200 ? text : text[..200] + "…";
        return error!.Code is { } code && !text.StartsWith($"(#{code})", StringComparison.Ordinal) ? $"#{code} {text}" : text;
    }

    private static async Task<GraphError?> ErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return (await response.Content.ReadFromJsonAsync(GraphJson.Default.GraphErrorEnvelope, cancellationToken).ConfigureAwait(false))?.Error;
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException)
        {
            return null;
        }
    }

    private async Task<T?> ReadAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> info, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync(info, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is JsonException or NotSupportedException)
        {
            throw ConnectorFaultException.Transient($"{Product} answered with something that is not the expected JSON", e);
        }
    }
}
