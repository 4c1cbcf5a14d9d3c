using Engagement.Connectors.Platforms;
using Engagement.Core.Ports;

namespace Engagement.Connectors.YouTube;

/// <summary>
/// YouTube's limit signals (docs: youtube/v3/docs/errors, determine_quota_cost). No header tells the usage: the daily
/// quota of the key's Google Cloud project (10,000 units by default) shows only when it runs out, as a 403 with
/// <c>quotaExceeded</c>, and is reset at midnight Pacific time. A per-minute limit answers 429 (or, in the older
/// form, 403 <c>rateLimitExceeded</c>/<c>userRateLimitExceeded</c>) without <c>Retry-After</c>: a minute is waited.
/// </summary>
internal sealed class YouTubeSignals : PlatformSignals
{
    public override RateLimitState? ReadRateLimit(HttpResponseMessage response, DateTimeOffset now) => null;

    public override async ValueTask<DateTimeOffset?> ThrottledUntilAsync(HttpResponseMessage response, RateLimitState? state, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if ((int)response.StatusCode is not (403 or 429))
        {
            return null;
        }

        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        return WaitFor(ErrorBodies.GoogleReason(body), (int)response.StatusCode, response, now);
    }

    /// <summary>Until when a Google error with <paramref name="reason"/> asks to wait, or null when it is no throttle.</summary>
    public static DateTimeOffset? WaitFor(string? reason, int status, HttpResponseMessage response, DateTimeOffset now) => reason switch
    {
        "quotaExceeded" or "dailyLimitExceeded" => RateLimitHeaders.NextPacificMidnight(now),
        "rateLimitExceeded" or "userRateLimitExceeded" => RateLimitHeaders.RetryAfter(response.Headers, now) ?? now.AddMinutes(1),
        _ when status == 429 => RateLimitHeaders.RetryAfter(response.Headers, now) ?? now.AddMinutes(1),
        _ => null,
    };
}
