using System.Net;
using Engagement.Core.Ports;

namespace Engagement.Connectors.Platforms;

/// <summary>
/// One platform's limit signals, read in one place: its rate-limit headers, and when a response means "wait until T".
/// Each platform's folder holds one subclass; <see cref="ThrottleHandler"/> asks it about every response.
/// </summary>
internal abstract class PlatformSignals
{
    /// <summary>The rate-limit state the response's headers tell, or null when they tell none.</summary>
    public abstract RateLimitState? ReadRateLimit(HttpResponseMessage response, DateTimeOffset now);

    /// <summary>
    /// When the platform allows calls again if <paramref name="response"/> is a throttle, or null when it is not.
    /// The default reads a 429: <c>Retry-After</c>, else the rate-limit reset, else one minute. Platforms that throttle
    /// with other statuses (Meta's 400/403 with codes in the body, YouTube's 403 <c>quotaExceeded</c>) override it;
    /// the body is buffered, so the client can still read it.
    /// </summary>
    public virtual ValueTask<DateTimeOffset?> ThrottledUntilAsync(HttpResponseMessage response, RateLimitState? state, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (response.StatusCode != HttpStatusCode.TooManyRequests)
        {
            return ValueTask.FromResult<DateTimeOffset?>(null);
        }

        // A reset already reached means the window has turned: try again at once.
        var until = RateLimitHeaders.RetryAfter(response.Headers, now) ?? state?.ResetAt ?? now.AddMinutes(1);
        return ValueTask.FromResult<DateTimeOffset?>(until);
    }

    /// <summary>
    /// Whether an error answer whose status the retry does not take for temporary is temporary all the same, so the
    /// call is retried with back-off (Meta's <c>is_transient</c> on a 400). 5xx, 408 and 429 are retried anyway.
    /// </summary>
    public virtual ValueTask<bool> IsTransientAsync(HttpResponseMessage response, CancellationToken cancellationToken) => ValueTask.FromResult(false);
}

/// <summary>What one job has seen of a platform's limits: the last state, and how many calls it made.</summary>
internal sealed class RateLimitTracker
{
    /// <summary>The request option that carries the job's tracker to <see cref="ThrottleHandler"/>.</summary>
    public static readonly HttpRequestOptionsKey<RateLimitTracker> Key = new("Engagement.RateLimitTracker");

    private int _calls;

    public RateLimitState? Last { get; private set; }

    public int Calls => _calls;

    public void Record(RateLimitState? state)
    {
        Interlocked.Increment(ref _calls);
        if (state is not null)
        {
            Last = state;
        }
    }
}
