using Engagement.Connectors.Platforms;
using Engagement.Core.Ports;

namespace Engagement.Connectors.Mastodon;

/// <summary>
/// Mastodon's limit signals (docs: api/rate-limits): <c>X-RateLimit-Limit</c>, <c>-Remaining</c> and <c>-Reset</c>
/// (an ISO 8601 time) on every answer; a 429 carries them with no <c>Retry-After</c>, so the wait is until the reset.
/// </summary>
internal sealed class MastodonSignals : PlatformSignals
{
    public override RateLimitState? ReadRateLimit(HttpResponseMessage response, DateTimeOffset now) =>
        RateLimitHeaders.XRateLimit(response.Headers);
}
