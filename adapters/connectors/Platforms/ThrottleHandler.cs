using Engagement.Core.Ports;
using Microsoft.Extensions.Options;

namespace Engagement.Connectors.Platforms;

/// <summary>
/// Sits inside the resilience pipeline, so it sees every attempt: records the rate-limit state for the job's
/// <see cref="RateLimitTracker"/>, and turns a throttle into either a short wait the retry sits out (the wait is put
/// on the request for the retry's delay) or, when the wait is longer than <see cref="PlatformsOptions.MaxRetryWait"/>,
/// a <see cref="ConnectorFaultKind.Throttled"/> fault that ends the job and queues it again for then.
/// </summary>
internal sealed class ThrottleHandler(PlatformSignals signals, TimeProvider time, IOptions<PlatformsOptions> options) : DelegatingHandler
{
    /// <summary>The wait before the next attempt, when a throttle is short enough to sit out.</summary>
    public static readonly HttpRequestOptionsKey<TimeSpan> RetryWaitKey = new("Engagement.RetryWait");

    /// <summary>Set when the platform says an error answer is temporary though its status is not (Meta's <c>is_transient</c> on a 400).</summary>
    public static readonly HttpRequestOptionsKey<bool> TransientKey = new("Engagement.Transient");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // A wait from an earlier attempt must not steer this one's retry.
        ((IDictionary<string, object?>)request.Options).Remove(RetryWaitKey.Key);
        ((IDictionary<string, object?>)request.Options).Remove(TransientKey.Key);
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        var state = signals.ReadRateLimit(response, now);
        if (request.Options.TryGetValue(RateLimitTracker.Key, out var tracker))
        {
            tracker.Record(state);
        }

        if (!response.IsSuccessStatusCode)
        {
            await response.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
            if (await signals.ThrottledUntilAsync(response, state, now, cancellationToken).ConfigureAwait(false) is { } until)
            {
                var wait = until - now;
                if (wait > options.Value.MaxRetryWait)
                {
                    response.Dispose();
                    throw ConnectorFaultException.Throttled(until, $"{request.RequestUri?.Host} asked to wait until {until.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z");
                }

                request.Options.Set(RetryWaitKey, wait < TimeSpan.Zero ? TimeSpan.Zero : wait);
            }
            else if (await signals.IsTransientAsync(response, cancellationToken).ConfigureAwait(false))
            {
                request.Options.Set(TransientKey, true);
            }
        }

        return response;
    }
}
