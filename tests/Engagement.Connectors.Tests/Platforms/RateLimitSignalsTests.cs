using System.Net;
using System.Text.Json.Nodes;
using Engagement.Connectors.Platforms;
using Engagement.Testing;

namespace Engagement.Connectors.Tests.Platforms;

/// <summary>Each platform's limit signals, read from the recorded responses' own headers and bodies.</summary>
public sealed class RateLimitSignalsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void MastodonsResetIsAnIsoTime()
    {
        var state = RateLimitHeaders.XRateLimit(Response("mastodon", "error-429-rate-limited").Headers);

        Assert.Equal((300, 0, new DateTimeOffset(2026, 11, 27, 9, 30, 0, TimeSpan.Zero)), (state!.Limit!.Value, state.Remaining!.Value, state.ResetAt!.Value));
        Assert.True(state.IsNear(0.1));
    }

    [Fact]
    public void BlueskysResetIsEpochSecondsAndA429SaysRetryAfter()
    {
        var response = Response("bluesky", "error-429-rate-limited");

        var state = RateLimitHeaders.RateLimit(response.Headers, Now);

        Assert.Equal((3000, 0, DateTimeOffset.FromUnixTimeSeconds(1795770900)), (state!.Limit!.Value, state.Remaining!.Value, state.ResetAt!.Value));
        Assert.Equal(Now.AddSeconds(117), RateLimitHeaders.RetryAfter(response.Headers, Now));
        Assert.False(RateLimitHeaders.RateLimit(Response("bluesky", "list-notifications").Headers, Now)!.IsNear(0.1));
    }

    [Fact]
    public void TheDraftStandardsResetInSecondsIsADelta()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.OK);
        response.Headers.TryAddWithoutValidation("RateLimit-Limit", "100");
        response.Headers.TryAddWithoutValidation("RateLimit-Remaining", "5");
        response.Headers.TryAddWithoutValidation("RateLimit-Reset", "30");

        Assert.Equal(Now.AddSeconds(30), RateLimitHeaders.RateLimit(response.Headers, Now)!.ResetAt);
    }

    [Fact]
    public void MetasBusinessUsageHeaderGivesTheShareUsedAndWhenAccessReturns()
    {
        var throttled = RateLimitHeaders.MetaUsage(Response("facebook", "error-throttled").Headers, Now);
        var quiet = RateLimitHeaders.MetaUsage(Response("facebook", "resolve-me-accounts").Headers, Now);

        Assert.Equal((1.0, Now.AddMinutes(19)), (throttled!.UsedShare!.Value, throttled.ResetAt!.Value));
        Assert.True(throttled.IsNear(0.1));
        Assert.Equal(0.01, quiet!.UsedShare!.Value, 3);
        Assert.False(quiet.IsNear(0.1));
    }

    [Fact]
    public void MetasThrottleCodeIsInTheBody()
    {
        var body = Fixture("facebook", "error-throttled")["response"]!["body"]!.ToJsonString();

        var error = ErrorBodies.MetaError(body);

        Assert.Equal(80001, error!.Value.Code);
        Assert.True(ErrorBodies.IsMetaThrottle(error.Value.Code));
        Assert.False(ErrorBodies.IsMetaThrottle(190)); // an expired token is not a throttle
    }

    [Fact]
    public void YouTubesQuotaExceededWaitsForMidnightPacificTime()
    {
        var body = Fixture("youtube", "error-403-quotaExceeded")["response"]!["body"]!.ToJsonString();

        Assert.Equal("quotaExceeded", ErrorBodies.GoogleReason(body));
        Assert.Equal(new DateTimeOffset(2026, 11, 28, 8, 0, 0, TimeSpan.Zero), RateLimitHeaders.NextPacificMidnight(Now)); // PST is UTC-8
        Assert.Equal(new DateTimeOffset(2026, 7, 2, 7, 0, 0, TimeSpan.Zero), RateLimitHeaders.NextPacificMidnight(new DateTimeOffset(2026, 7, 1, 12, 0, 0, TimeSpan.Zero))); // PDT is UTC-7
        Assert.Null(ErrorBodies.GoogleReason("<html>bad gateway</html>"));
    }

    [Fact]
    public void MissingOrOddHeadersReadAsNotReported()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.OK);
        response.Headers.TryAddWithoutValidation("X-RateLimit-Remaining", "lots");
        response.Headers.TryAddWithoutValidation("x-app-usage", "{not json");

        Assert.Null(RateLimitHeaders.XRateLimit(response.Headers));
        Assert.Null(RateLimitHeaders.MetaUsage(response.Headers, Now));
    }

    private static JsonObject Fixture(string platform, string name) => PlatformReplay.Load(platform, name);

    private static HttpResponseMessage Response(string platform, string name)
    {
        var response = new HttpResponseMessage((HttpStatusCode)Fixture(platform, name)["response"]!["status"]!.GetValue<int>());
        foreach (var (header, value) in Fixture(platform, name)["response"]!["headers"]!.AsObject())
        {
            response.Headers.TryAddWithoutValidation(header, value!.GetValue<string>());
        }

        return response;
    }
}
