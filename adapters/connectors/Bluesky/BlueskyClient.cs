using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Engagement.Connectors.Platforms;
using Engagement.Core.Ports;
using Polly.Timeout;

namespace Engagement.Connectors.Bluesky;

/// <summary>A session made from an app password: the account it belongs to, its access token, and the PDS to call with it.</summary>
internal sealed record BlueskySession(string Did, string AccessJwt, Uri Pds)
{
    // The access token is a credential: never shown.
    public override string ToString() => $"session of {Did} at {Pds.Host}";
}

/// <summary>
/// The typed client of the AT Protocol's XRPC methods the connector calls (lexicons: com.atproto.identity.resolveHandle,
/// com.atproto.server.createSession, app.bsky.actor.getProfile, app.bsky.feed.getAuthorFeed, getPostThread,
/// app.bsky.notification.listNotifications). Public reads go to the AppView without a token; notifications go to the
/// account's PDS with the session's access token as a bearer header, never in a URL. Every error answer becomes a
/// classified <see cref="ConnectorFaultException"/>: Bluesky says "not found" and "expired" with a 400 and an error
/// name, not with 404 and 401, so the name decides. A deleted post is not a fault (its thread reads as null), and an
/// expired session is handed back to the source to create once more.
/// </summary>
internal sealed class BlueskyClient(HttpClient http, TimeProvider time)
{
    /// <summary>The DID of a handle (<c>com.atproto.identity.resolveHandle</c>).</summary>
    public async Task<string> ResolveHandleAsync(Uri appView, string handle, SourceCall call, CancellationToken cancellationToken)
    {
        var url = PlatformUris.Combine(appView, "xrpc/com.atproto.identity.resolveHandle", [new("handle", handle)]);
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Get, url), call, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.BadRequest && await ErrorOfAsync(response, cancellationToken).ConfigureAwait(false) is { Error: "InvalidRequest" or "HandleNotFound" } error)
        {
            throw ConnectorFaultException.Permanent($"the Bluesky handle {handle} does not resolve to an account ({error.Message}): check its spelling, or whether the account moved to another handle");
        }

        await ThrowIfFailedAsync(response, "resolving the handle", cancellationToken).ConfigureAwait(false);
        var resolved = await ReadAsync(response, BlueskyJson.Default.BlueskyResolvedHandle, cancellationToken).ConfigureAwait(false);
        return string.IsNullOrWhiteSpace(resolved?.Did)
            ? throw ConnectorFaultException.Transient($"{url.Host} resolved {handle} without a DID")
            : resolved.Did;
    }

    /// <summary>The profile of an account by handle or DID (<c>app.bsky.actor.getProfile</c>): it exists and is active.</summary>
    public async Task<BlueskyProfile> GetProfileAsync(Uri appView, string actor, SourceCall call, CancellationToken cancellationToken)
    {
        var url = PlatformUris.Combine(appView, "xrpc/app.bsky.actor.getProfile", [new("actor", actor)]);
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Get, url), call, cancellationToken).ConfigureAwait(false);
        await ThrowIfFailedAsync(response, $"the account {actor}", cancellationToken).ConfigureAwait(false);
        var profile = await ReadAsync(response, BlueskyJson.Default.BlueskyProfile, cancellationToken).ConfigureAwait(false);
        return string.IsNullOrWhiteSpace(profile?.Did)
            ? throw ConnectorFaultException.Transient($"{url.Host} answered the profile of {actor} without a DID")
            : profile;
    }

    /// <summary>One page of the account's posts, replies and reposts, newest first (<c>app.bsky.feed.getAuthorFeed</c>).</summary>
    public async Task<BlueskyFeedPage> GetAuthorFeedAsync(Uri appView, string did, int limit, string? cursor, SourceCall call, CancellationToken cancellationToken)
    {
        List<KeyValuePair<string, string>> query = [new("actor", did), new("limit", Invariant(limit)), new("filter", "posts_with_replies")];
        if (cursor is not null)
        {
            query.Add(new("cursor", cursor));
        }

        var url = PlatformUris.Combine(appView, "xrpc/app.bsky.feed.getAuthorFeed", query);
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Get, url), call, cancellationToken).ConfigureAwait(false);
        await ThrowIfFailedAsync(response, $"the posts of {did}", cancellationToken).ConfigureAwait(false);
        return await ReadAsync(response, BlueskyJson.Default.BlueskyFeedPage, cancellationToken).ConfigureAwait(false) ?? new BlueskyFeedPage();
    }

    /// <summary>The thread under (and, with <paramref name="parentHeight"/>, above) a post (<c>app.bsky.feed.getPostThread</c>), or null when the post is gone.</summary>
    public async Task<JsonElement?> GetPostThreadAsync(Uri appView, string uri, int depth, int parentHeight, SourceCall call, CancellationToken cancellationToken)
    {
        var url = PlatformUris.Combine(appView, "xrpc/app.bsky.feed.getPostThread", [new("uri", uri), new("depth", Invariant(depth)), new("parentHeight", Invariant(parentHeight))]);
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Get, url), call, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.BadRequest && await ErrorOfAsync(response, cancellationToken).ConfigureAwait(false) is { Error: "NotFound" })
        {
            return null;
        }

        await ThrowIfFailedAsync(response, "reading a thread", cancellationToken).ConfigureAwait(false);
        var thread = await ReadAsync(response, BlueskyJson.Default.BlueskyThreadResponse, cancellationToken).ConfigureAwait(false);
        return thread?.Thread;
    }

    /// <summary>
    /// A session from the account's app password (<c>com.atproto.server.createSession</c>). The password travels in
    /// the body of a POST to <paramref name="service"/> alone; the session names the PDS to read notifications from.
    /// </summary>
    public async Task<BlueskySession> CreateSessionAsync(Uri service, string identifier, string appPassword, SourceCall call, CancellationToken cancellationToken)
    {
        var url = PlatformUris.Combine(service, "xrpc/com.atproto.server.createSession");
        var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = JsonContent.Create(new BlueskySessionRequest(identifier, appPassword), BlueskyJson.Default.BlueskySessionRequest),
        };
        using var response = await SendAsync(request, call, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            var error = await ErrorOfAsync(response, cancellationToken).ConfigureAwait(false);
            throw ConnectorFaultException.Permanent($"{url.Host} refused the app password of {identifier} ({Said(error, response)}): create a new app password in Bluesky's settings and update the channel's secret");
        }

        await ThrowIfFailedAsync(response, $"signing in as {identifier}", cancellationToken).ConfigureAwait(false);
        var session = await ReadAsync(response, BlueskyJson.Default.BlueskySessionDto, cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrWhiteSpace(session?.Did) || string.IsNullOrWhiteSpace(session.AccessJwt))
        {
            throw ConnectorFaultException.Transient($"{url.Host} created a session without an account or a token");
        }

        if (session.Active == false)
        {
            throw ConnectorFaultException.Permanent($"the Bluesky account {identifier} is not active ({session.Status ?? "deactivated"})");
        }

        return new BlueskySession(session.Did, session.AccessJwt, PdsOf(session) ?? service);
    }

    /// <summary>
    /// One page of the account's notifications of the given reasons, newest first
    /// (<c>app.bsky.notification.listNotifications</c>, at its PDS); null when the session has expired.
    /// </summary>
    public async Task<BlueskyNotificationsPage?> ListNotificationsAsync(BlueskySession session, IReadOnlyList<string> reasons, int limit, string? cursor, SourceCall call, CancellationToken cancellationToken)
    {
        var query = reasons.Select(r => KeyValuePair.Create("reasons", r)).Append(new("limit", Invariant(limit))).ToList();
        if (cursor is not null)
        {
            query.Add(new("cursor", cursor));
        }

        var url = PlatformUris.Combine(session.Pds, "xrpc/app.bsky.notification.listNotifications", query);
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", session.AccessJwt);
        using var response = await SendAsync(request, call, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.BadRequest && await ErrorOfAsync(response, cancellationToken).ConfigureAwait(false) is { Error: "ExpiredToken" })
        {
            return null;
        }

        await ThrowIfFailedAsync(response, "the notifications", cancellationToken).ConfigureAwait(false);
        return await ReadAsync(response, BlueskyJson.Default.BlueskyNotificationsPage, cancellationToken).ConfigureAwait(false) ?? new BlueskyNotificationsPage();
    }

    /// <summary>The PDS a session's DID document names (<c>#atproto_pds</c>), when it is an address tokens may go to.</summary>
    private static Uri? PdsOf(BlueskySessionDto session)
    {
        var endpoint = session.DidDoc?.Service?.FirstOrDefault(s => s.Id?.EndsWith("#atproto_pds", StringComparison.Ordinal) == true || s.Type == "AtprotoPersonalDataServer")?.ServiceEndpoint;
        if (endpoint is null)
        {
            return null;
        }

        return Uri.TryCreate(endpoint, UriKind.Absolute, out var pds) && PlatformUris.Problem(pds) is null
            ? pds
            : throw ConnectorFaultException.Permanent($"the account's DID document names a PDS the token cannot be sent to ({endpoint}: it must use https://)");
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, SourceCall call, CancellationToken cancellationToken)
    {
        using (request)
        {
            var host = request.RequestUri?.Host ?? "Bluesky";
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            request.Options.Set(RateLimitTracker.Key, call.Tracker);
            try
            {
                return await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException e)
            {
                throw ConnectorFaultException.Transient($"{host} could not be reached: {e.Message}", e);
            }
            catch (TimeoutRejectedException e)
            {
                throw ConnectorFaultException.Transient($"{host} did not answer in time", e);
            }
            catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
            {
                throw ConnectorFaultException.Transient($"{host} did not answer in time", e);
            }
        }
    }

    /// <summary>Classifies an error answer by its status and XRPC error name (atproto: xrpc-server errors, pds auth-verifier).</summary>
    private async Task ThrowIfFailedAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var host = response.RequestMessage?.RequestUri?.Host ?? "Bluesky";
        var error = await ErrorOfAsync(response, cancellationToken).ConfigureAwait(false);
        var said = Said(error, response);
        var status = (int)response.StatusCode;
        var now = time.GetUtcNow();
        throw (status, error?.Error) switch
        {
            (400, "ExpiredToken" or "InvalidToken") or (401, _) => ConnectorFaultException.Permanent($"{host} refused the session ({said}): create a new app password in Bluesky's settings and update the channel's secret"),
            (_, "AccountDeactivated") => ConnectorFaultException.Permanent($"the Bluesky account is deactivated ({said}), {what}"),
            (_, "AccountTakedown") => ConnectorFaultException.Permanent($"the Bluesky account has been taken down ({said}), {what}"),
            (_, "BlockedActor" or "BlockedByActor") => ConnectorFaultException.Permanent($"{host} refused {what}: a block stands between the accounts ({said})"),
            (400, "InvalidRequest") when error?.Message?.Contains("not found", StringComparison.OrdinalIgnoreCase) == true => ConnectorFaultException.Permanent($"the Bluesky account does not exist ({said}), {what}: it was deleted, or the channel names the wrong account"),
            (403, _) => ConnectorFaultException.Permanent($"{host} refused access to {what} ({said}): the app password must belong to the channel's account"),
            (429, _) => ConnectorFaultException.Throttled(
                RateLimitHeaders.RetryAfter(response.Headers, now) ?? (RateLimitHeaders.RateLimit(response.Headers, now)?.ResetAt is { } reset && reset > now ? reset : now.AddMinutes(5)),
                $"{host} rate limit reached ({said})"),
            (408 or >= 500, _) => ConnectorFaultException.Transient($"{host} answered {status} ({said})"),
            _ => ConnectorFaultException.Permanent($"{host} refused {what} with {status} ({said})"),
        };
    }

    private static async Task<BlueskyError?> ErrorOfAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync(BlueskyJson.Default.BlueskyError, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException)
        {
            return null;
        }
    }

    private static string Said(BlueskyError? error, HttpResponseMessage response)
    {
        var text = string.Join(": ", new[] { error?.Error, error?.Message }.Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => t!.Trim()));
        return text.Length == 0 ? response.ReasonPhrase ?? "no reason given" : text.Length <= 200 ? text : text[..200] + "…";
    }

    private static async Task<T?> ReadAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> info, CancellationToken cancellationToken)
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

    private static string Invariant(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
