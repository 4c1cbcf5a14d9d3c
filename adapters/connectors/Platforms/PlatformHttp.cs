using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

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
                || (args.Outcome.Result?.RequestMessage?.Options.TryGetValue(ThrottleHandler.RetryWaitKey, out _) ?? false))
            && args.Outcome.Result?.StatusCode is not HttpStatusCode.NotImplemented),
        DelayGenerator = args =>
            ValueTask.FromResult(args.Outcome.Result?.RequestMessage?.Options.TryGetValue(ThrottleHandler.RetryWaitKey, out var wait) == true ? wait : (TimeSpan?)null),
    };
}
