using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Engagement.Core.Ports;

namespace Engagement.Connectors.Platforms;

/// <summary>
/// Readers of the rate-limit signals platforms send, one per family, so each platform's
/// <see cref="PlatformSignals"/> picks its own in one line. All are lenient: a header that is missing or odd reads as
/// "not reported", never as an error.
/// </summary>
internal static class RateLimitHeaders
{
    /// <summary>
    /// Mastodon's <c>X-RateLimit-Limit</c>, <c>-Remaining</c> and <c>-Reset</c>; the reset is an ISO 8601 time
    /// (<c>2026-11-27T09:15:00.000000Z</c>), or Unix seconds on servers such as GoToSocial.
    /// </summary>
    public static RateLimitState? XRateLimit(HttpResponseHeaders headers) =>
        Read(headers, "X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset", now: null);

    /// <summary>
    /// The <c>RateLimit-Limit</c>, <c>-Remaining</c> and <c>-Reset</c> family (Bluesky's PDS): the reset is Unix epoch
    /// seconds there; the IETF draft's delta-seconds form is read too (a small number is a delta from <paramref name="now"/>).
    /// </summary>
    public static RateLimitState? RateLimit(HttpResponseHeaders headers, DateTimeOffset now) =>
        Read(headers, "RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset", now);

    /// <summary>When <c>Retry-After</c> (seconds or an HTTP date) says to try again, or null.</summary>
    public static DateTimeOffset? RetryAfter(HttpResponseHeaders headers, DateTimeOffset now) =>
        headers.RetryAfter switch
        {
            { Delta: { } delta } => now + delta,
            { Date: { } date } => date,
            _ => null,
        };

    /// <summary>
    /// Meta's usage headers: <c>x-business-use-case-usage</c> (Page tokens; per business or Page id, a list of
    /// <c>{type, call_count, total_cputime, total_time, estimated_time_to_regain_access}</c> with percentages and
    /// minutes) and <c>x-app-usage</c> (<c>{call_count, total_cputime, total_time}</c>). The highest percentage is the
    /// share used; a non-zero <c>estimated_time_to_regain_access</c> is when the block ends.
    /// </summary>
    public static RateLimitState? MetaUsage(HttpResponseHeaders headers, DateTimeOffset now)
    {
        double? used = null;
        DateTimeOffset? reset = null;
        if (First(headers, "x-business-use-case-usage") is { } business && TryParse(business, out var root) && root.ValueKind == JsonValueKind.Object)
        {
            foreach (var entry in root.EnumerateObject())
            {
                if (entry.Value.ValueKind != JsonValueKind.Array)
                {
                    continue;
                }

                foreach (var usage in entry.Value.EnumerateArray())
                {
                    used = Max(used, HighestPercent(usage));
                    if (Number(usage, "estimated_time_to_regain_access") is { } minutes && minutes > 0)
                    {
                        var until = now.AddMinutes(minutes);
                        reset = reset is null || until > reset ? until : reset;
                    }
                }
            }
        }

        if (First(headers, "x-app-usage") is { } app && TryParse(app, out var appRoot) && appRoot.ValueKind == JsonValueKind.Object)
        {
            used = Max(used, HighestPercent(appRoot));
        }

        return used is null && reset is null ? null : new RateLimitState(null, null, reset, used);
    }

    /// <summary>The next midnight in Pacific time, when YouTube's daily quota starts again.</summary>
    public static DateTimeOffset NextPacificMidnight(DateTimeOffset now)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("America/Los_Angeles");
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var midnight = local.Date.AddDays(1);
        return new DateTimeOffset(midnight, zone.GetUtcOffset(midnight));
    }

    private static RateLimitState? Read(HttpResponseHeaders headers, string limitName, string remainingName, string resetName, DateTimeOffset? now)
    {
        var limit = Integer(First(headers, limitName));
        var remaining = Integer(First(headers, remainingName));
        var reset = Time(First(headers, resetName), now);
        return limit is null && remaining is null && reset is null ? null : new RateLimitState(limit, remaining, reset);
    }

    private static string? First(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? values.FirstOrDefault()?.Trim() : null;

    private static int? Integer(string? text)
    {
        // "300" or an IETF list such as "300, 300;w=300": the first number is the one that binds.
        var first = text?.Split([',', ';'], 2)[0].Trim();
        return int.TryParse(first, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= 0 ? value : null;
    }

    private static DateTimeOffset? Time(string? text, DateTimeOffset? now)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) && number >= 0)
        {
            // Epoch seconds are past 2001 (1e9); anything smaller is a delta, when there is a "now" to add it to.
            if (number >= 1_000_000_000)
            {
                return DateTimeOffset.FromUnixTimeSeconds(number);
            }

            return now?.AddSeconds(number);
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at) ? at : null;
    }

    private static bool TryParse(string json, out JsonElement root)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            root = document.RootElement.Clone();
            return true;
        }
        catch (JsonException)
        {
            root = default;
            return false;
        }
    }

    private static double? HighestPercent(JsonElement usage)
    {
        double? highest = null;
        foreach (var name in new[] { "call_count", "total_cputime", "total_time" })
        {
            highest = Max(highest, Number(usage, name) / 100);
        }

        return highest;
    }

    private static double? Number(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number)
            ? number
            : null;

    private static double? Max(double? a, double? b) => a is null ? b : b is null ? a : Math.Max(a.Value, b.Value);
}
