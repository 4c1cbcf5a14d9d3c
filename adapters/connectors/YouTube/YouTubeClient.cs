using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Engagement.Connectors.Platforms;
using Engagement.Core.Ports;
using Polly.Timeout;

namespace Engagement.Connectors.YouTube;

/// <summary>One page of a YouTube list: its raw items and the next page's token; <see cref="Expired"/> when the token given was refused.</summary>
internal sealed record YouTubeList(IReadOnlyList<JsonElement> Items, string? NextPageToken, bool Expired = false)
{
    public static readonly YouTubeList Empty = new([], null);
}

/// <summary>
/// The typed client of the YouTube Data API v3 (channels, playlistItems, videos, commentThreads, comments: one quota
/// unit per page each). The API key goes in the <c>X-Goog-Api-Key</c> header, never as <c>key=</c> in the URL, where
/// it would land in request logs. Every error answer becomes a classified <see cref="ConnectorFaultException"/> by its
/// reason (<c>error.errors[0].reason</c>): <c>quotaExceeded</c> throttled until midnight Pacific time, a refused key or
/// a missing permission permanent, 5xx transient. A deleted video or comment is not a fault (its list reads as null),
/// nor are comments disabled on a video (an empty list).
/// </summary>
internal sealed class YouTubeClient(HttpClient http, TimeProvider time)
{
    public const string KeyHeader = "X-Goog-Api-Key";

    /// <summary>The channel by id or handle (<c>channels.list</c>), or null when there is none.</summary>
    public async Task<YouTubeChannel?> GetChannelAsync(Uri baseUrl, YouTubeAccount account, SourceCall call, CancellationToken cancellationToken)
    {
        var url = PlatformUris.Combine(baseUrl, "channels", [new("part", "snippet,contentDetails,statistics"), account.ChannelId is { } id ? new("id", id) : new("forHandle", account.Handle!)]);
        var list = await ListAsync(url, call, cancellationToken).ConfigureAwait(false);
        foreach (var item in list?.Items ?? [])
        {
            try
            {
                if (item.Deserialize(YouTubeJson.Default.YouTubeChannel) is { Id: not null } channel)
                {
                    return channel;
                }
            }
            catch (JsonException e)
            {
                throw ConnectorFaultException.Transient($"{url.Host} answered the channel with something that is not the expected JSON", e);
            }
        }

        return null;
    }

    /// <summary>
    /// One page of any list. Null when what it lists is gone (a deleted video, comment or playlist: 404);
    /// <see cref="YouTubeList.Empty"/> when a video's comments are disabled; <see cref="YouTubeList.Expired"/> when the
    /// page token is no longer valid.
    /// </summary>
    public async Task<YouTubeList?> ListAsync(Uri url, SourceCall call, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(url, call, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var (reason, message) = await ErrorOfAsync(response, cancellationToken).ConfigureAwait(false);
            switch ((int)response.StatusCode, reason)
            {
                case (404, _):
                    return null;
                case (403, "commentsDisabled"):
                    return YouTubeList.Empty;
                case (400, "invalidPageToken"):
                    return YouTubeList.Empty with { Expired = true };
                default:
                    throw Fault(response, reason, message);
            }
        }

        try
        {
            var page = await response.Content.ReadFromJsonAsync(YouTubeJson.Default.YouTubeListResponse, cancellationToken).ConfigureAwait(false);
            return new YouTubeList(page?.Items ?? [], string.IsNullOrEmpty(page?.NextPageToken) ? null : page.NextPageToken);
        }
        catch (Exception e) when (e is JsonException or NotSupportedException)
        {
            throw ConnectorFaultException.Transient($"{url.Host} answered with something that is not the expected JSON", e);
        }
    }

    private async Task<HttpResponseMessage> SendAsync(Uri url, SourceCall call, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Add(KeyHeader, call.Token ?? throw NoKey());
        request.Options.Set(RateLimitTracker.Key, call.Tracker);
        try
        {
            return await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw ConnectorFaultException.Transient($"{url.Host} could not be reached: {e.Message}", e);
        }
        catch (TimeoutRejectedException e)
        {
            throw ConnectorFaultException.Transient($"{url.Host} did not answer in time", e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw ConnectorFaultException.Transient($"{url.Host} did not answer in time", e);
        }
    }

    /// <summary>The fault a channel without a key has: every call of the Data API needs one.</summary>
    public static ConnectorFaultException NoKey() =>
        ConnectorFaultException.Permanent("YouTube needs an API key: create one in a Google Cloud project with the YouTube Data API v3 enabled, store it as a secret and name it with --secret");

    /// <summary>Classifies an error answer (docs: youtube/v3/docs/errors) by its reason, then its status.</summary>
    private ConnectorFaultException Fault(HttpResponseMessage response, string? reason, string message)
    {
        var host = response.RequestMessage?.RequestUri?.Host ?? "YouTube";
        var status = (int)response.StatusCode;
        var now = time.GetUtcNow();
        if (YouTubeSignals.WaitFor(reason, status, response, now) is { } until)
        {
            return ConnectorFaultException.Throttled(until, reason is "quotaExceeded" or "dailyLimitExceeded"
                ? $"the YouTube Data API quota of the key's Google Cloud project is used up for today ({message}); it is reset at midnight Pacific time"
                : $"{host} rate limit reached ({message})");
        }

        var said = reason is null ? message : $"{reason}: {message}";
        return (status, reason) switch
        {
            (400, "badRequest" or "keyInvalid") when message.Contains("API key", StringComparison.OrdinalIgnoreCase) =>
                ConnectorFaultException.Permanent($"{host} refused the API key ({said}): create a new key and update the channel's secret"),
            (401, _) => ConnectorFaultException.Permanent($"{host} refused the credentials ({said}): the channel's secret must be an API key of a project with the YouTube Data API v3 enabled"),
            (403, "accessNotConfigured" or "SERVICE_DISABLED") => ConnectorFaultException.Permanent($"{host} refused the call ({said}): enable the YouTube Data API v3 in the key's Google Cloud project"),
            (403, _) => ConnectorFaultException.Permanent($"{host} refused access ({said}): check the API key's restrictions (APIs, referrers, addresses) and that the channel is public"),
            (408 or >= 500, _) => ConnectorFaultException.Transient($"{host} answered {status} ({said})"),
            _ => ConnectorFaultException.Permanent($"{host} answered {status} ({said})"),
        };
    }

    /// <summary>The first reason of a Google error body and its message as plain text (messages carry HTML links).</summary>
    private static async Task<(string? Reason, string Message)> ErrorOfAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        string? message = null;
        try
        {
            message = JsonSerializer.Deserialize(body, YouTubeJson.Default.YouTubeErrorBody)?.Error?.Message;
        }
        catch (JsonException)
        {
            // Not a Google error body (a proxy's page): the status says it all.
        }

        var text = HtmlText.ToPlainText(message);
        text = text.Length == 0 ? response.ReasonPhrase ?? "no reason given" : text.Length <= 200 ? text : text[..200] + "…";
        return (ErrorBodies.GoogleReason(body), text);
    }
}
