using Engagement.Connectors.Platforms;
using Engagement.Core.Ports;

namespace Engagement.Connectors.Bluesky;

/// <summary>
/// Bluesky's limit signals: a PDS sends <c>RateLimit-Limit</c>, <c>-Remaining</c> and <c>-Reset</c> (Unix epoch
/// seconds) on its answers, and a 429 adds <c>Retry-After</c> in seconds, which the default reading of a 429 takes
/// first. The public AppView sends no such headers: its limits are not published.
/// </summary>
internal sealed class BlueskySignals : PlatformSignals
{
    public override RateLimitState? ReadRateLimit(HttpResponseMessage response, DateTimeOffset now) =>
        RateLimitHeaders.RateLimit(response.Headers, now);
}
