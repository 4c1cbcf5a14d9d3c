using System.Globalization;

namespace Engagement.Connectors.Meta;

/// <summary>
/// Graph API times: ISO 8601 with an offset that has no colon (<c>2026-12-05T16:42:10+0000</c>), which the JSON
/// reader refuses; the usual forms (<c>Z</c>, <c>+00:00</c>) are read too.
/// </summary>
internal static class GraphTime
{
    public static DateTimeOffset? Parse(string? text)
    {
        var value = text?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        // "+0000" → "+00:00": the one form the invariant parser does not take.
        if (value.Length > 5 && value[^5] is '+' or '-' && value[^4..].All(char.IsAsciiDigit))
        {
            value = $"{value[..^2]}:{value[^2..]}";
        }

        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : null;
    }
}
