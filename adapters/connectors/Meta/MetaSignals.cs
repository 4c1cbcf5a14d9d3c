using Engagement.Connectors.Platforms;
using Engagement.Core.Ports;

namespace Engagement.Connectors.Meta;

/// <summary>
/// Meta's limit signals (docs: graph-api/overview/rate-limiting). Usage comes as percentages of a rolling window in
/// <c>x-business-use-case-usage</c> (Page and Instagram tokens) or <c>x-app-usage</c>; a throttle is not a 429 but a
/// 400 or 403 whose body carries code 4, 17, 32, 613 or 80000-80014 (80001 a Page, 80002 an Instagram account), with
/// the minutes to wait in <c>estimated_time_to_regain_access</c>. Meta sends no <c>Retry-After</c>, and calls made while
/// blocked extend the block, so a throttle is never retried in process: the job waits on the queue.
/// </summary>
internal sealed class MetaSignals : PlatformSignals
{
    /// <summary>The wait when Meta throttles without saying for how long (code 4 on an app token, or no usage header).</summary>
    public static readonly TimeSpan UnstatedWait = TimeSpan.FromMinutes(15);

    /// <summary>Meta's advice is to stay under three quarters of the window; past it, the window's turn is read as <see cref="UnstatedWait"/> away.</summary>
    public const double BusyShare = 0.75;

    public override RateLimitState? ReadRateLimit(HttpResponseMessage response, DateTimeOffset now)
    {
        var state = RateLimitHeaders.MetaUsage(response.Headers, now);

        // A rolling window has no reset time; with most of it used, stopping until part of it frees is the safe reading.
        return state is { ResetAt: null, UsedShare: >= BusyShare } ? state with { ResetAt = now + UnstatedWait } : state;
    }

    public override async ValueTask<DateTimeOffset?> ThrottledUntilAsync(HttpResponseMessage response, RateLimitState? state, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (await base.ThrottledUntilAsync(response, state, now, cancellationToken).ConfigureAwait(false) is { } until)
        {
            return until;
        }

        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        return ErrorBodies.MetaError(body) is { } error && ErrorBodies.IsMetaThrottle(error.Code) ? Until(state, now) : null;
    }

    /// <summary>Meta marks temporary failures in the body (<c>is_transient</c>, codes 1, 2, -1, -2), even on a 400 (Instagram).</summary>
    public override async ValueTask<bool> IsTransientAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        return ErrorBodies.MetaError(body) is { } error && (error.Transient || error.Code is 1 or 2 or -1 or -2);
    }

    /// <summary>When a throttled call may be made again: the time to regain access Meta gave, or <see cref="UnstatedWait"/>.</summary>
    public static DateTimeOffset Until(RateLimitState? state, DateTimeOffset now) =>
        state?.ResetAt is { } reset && reset > now ? reset : now + UnstatedWait;
}
