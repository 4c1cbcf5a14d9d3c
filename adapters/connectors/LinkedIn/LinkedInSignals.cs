using System.Net;
using Engagement.Connectors.Platforms;
using Engagement.Core.Ports;

namespace Engagement.Connectors.LinkedIn;

/// <summary>
/// LinkedIn's limit signals (docs: shared/api-guide/concepts/rate-limits): limits are per application and per member
/// per UTC day, their numbers are not published, and no header tells the usage. A 429 normally carries no
/// <c>Retry-After</c> and means the day's quota is spent: the wait is until the next 00:00 UTC. A 429 that does say
/// when (a short protective throttle) is waited for as it says.
/// </summary>
internal sealed class LinkedInSignals : PlatformSignals
{
    public override RateLimitState? ReadRateLimit(HttpResponseMessage response, DateTimeOffset now) => null;

    public override ValueTask<DateTimeOffset?> ThrottledUntilAsync(HttpResponseMessage response, RateLimitState? state, DateTimeOffset now, CancellationToken cancellationToken) =>
        ValueTask.FromResult<DateTimeOffset?>(response.StatusCode == HttpStatusCode.TooManyRequests ? RateLimitHeaders.RetryAfter(response.Headers, now) ?? NextUtcMidnight(now) : null);

    public static DateTimeOffset NextUtcMidnight(DateTimeOffset now) => new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero).AddDays(1);
}
