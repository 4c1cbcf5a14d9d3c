using System.Net;
using Engagement.Core.Ports;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Timeout;

namespace Engagement.Connectors.Platforms;

/// <summary>
/// The HTTP pipeline every platform's typed client gets: a total time budget, retries with exponential back-off and
/// jitter for short transient faults (a short throttle waits what the platform asked), a time limit per attempt, and
/// the platform's <see cref="ThrottleHandler"/> inside, which turns long throttles into "throttled until T".
/// </summary>
internal static class PlatformHttp
{
    /// <summary>Registers <typeparamref name="TClient"/> as a typed <see cref="HttpClient"/> with the pipeline and <paramref name="signals"/>.</summary>
    public static IHttpClientBuilder AddPlatformHttpClient<TClient>(this IServiceCollection services, string platform, PlatformSignals signals)
        where TClient : class
    {
        var builder = services.AddHttpClient<TClient>(platform);
        builder.AddResilienceHandler(platform, (pipeline, context) =>
        {
            var options = context.ServiceProvider.GetRequiredService<IOptions<PlatformsOptions>>().Value;
            pipeline
                .AddTimeout(options.TotalTimeout)
                .AddRetry(RetryOptions(options))
                .AddTimeout(options.AttemptTimeout);
        });
        builder.AddHttpMessageHandler(sp => new ThrottleHandler(signals, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IOptions<PlatformsOptions>>()));

        // Header values are never logged, whatever the log level: the Authorization header carries the token.
        builder.RedactLoggedHeaders(_ => true);
        return builder;
    }

    /// <summary>
    /// Sends one request of a job through a platform's typed client: the job's <paramref name="tracker"/> rides on the
    /// request for the <see cref="ThrottleHandler"/>, the body is read in full, and a call that never got an answer
    /// (no connection, timeouts after the retries) is a transient fault that names the host. Answers are returned as
    /// they are, errors included, for the platform's client to classify.
    /// </summary>
    public static async Task<HttpResponseMessage> SendAsync(HttpClient http, HttpRequestMessage request, RateLimitTracker tracker, CancellationToken cancellationToken)
    {
        var host = request.RequestUri?.Host ?? "the platform";
        request.Options.Set(RateLimitTracker.Key, tracker);
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

    /// <summary>The retry of one call: transient statuses and errors, and any throttle short enough to wait for.</summary>
    public static HttpRetryStrategyOptions RetryOptions(PlatformsOptions options) => new()
    {
        MaxRetryAttempts = Math.Max(1, options.MaxRetries),
        Delay = options.RetryDelay,
        BackoffType = DelayBackoffType.Exponential,
        UseJitter = true,
        ShouldRetryAfterHeader = false,
        ShouldHandle = args => ValueTask.FromResult(
            options.MaxRetries > 0
            && (HttpClientResiliencePredicates.IsTransient(args.Outcome)
                || (args.Outcome.Result?.RequestMessage?.Options.TryGetValue(ThrottleHandler.RetryWaitKey, out _) ?? false)
                || (args.Outcome.Result?.RequestMessage?.Options.TryGetValue(ThrottleHandler.TransientKey, out _) ?? false))
            && args.Outcome.Result?.StatusCode is not HttpStatusCode.NotImplemented),
        DelayGenerator = args =>
            ValueTask.FromResult(args.Outcome.Result?.RequestMessage?.Options.TryGetValue(ThrottleHandler.RetryWaitKey, out var wait) == true ? wait : (TimeSpan?)null),
    };
}
