using System.Text.Json;

namespace Engagement.Connectors.Platforms;

/// <summary>
/// Readers of the error bodies that carry limit signals where the status does not: Meta throttles with 400/403 and a
/// code in <c>error.code</c>, YouTube with 403 and <c>quotaExceeded</c> in <c>error.errors[0].reason</c>. Lenient:
/// a body that is not the expected JSON reads as nothing.
/// </summary>
internal static class ErrorBodies
{
    /// <summary>Meta's throttling codes: 4 app, 17 user, 32 Page (user token), 613 custom, 80000-80014 business use case.</summary>
    public static bool IsMetaThrottle(int code) => code is 4 or 17 or 32 or 613 || code is >= 80000 and <= 80014;

    /// <summary>Meta's <c>{"error": {"code", "error_subcode", "is_transient"}}</c>, or null.</summary>
    public static (int Code, int? Subcode, bool Transient)? MetaError(string body)
    {
        if (!TryParse(body, out var root) || !root.TryGetProperty("error", out var error) || error.ValueKind != JsonValueKind.Object
            || !error.TryGetProperty("code", out var code) || !code.TryGetInt32(out var value))
        {
            return null;
        }

        int? subcode = error.TryGetProperty("error_subcode", out var sub) && sub.TryGetInt32(out var s) ? s : null;
        var transient = error.TryGetProperty("is_transient", out var t) && t.ValueKind == JsonValueKind.True;
        return (value, subcode, transient);
    }

    /// <summary>The first reason of a Google API error (<c>quotaExceeded</c>, <c>rateLimitExceeded</c>, <c>commentsDisabled</c>...), or null.</summary>
    public static string? GoogleReason(string body)
    {
        if (!TryParse(body, out var root) || !root.TryGetProperty("error", out var error) || error.ValueKind != JsonValueKind.Object
            || !error.TryGetProperty("errors", out var errors) || errors.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        foreach (var item in errors.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.Object && item.TryGetProperty("reason", out var reason) && reason.ValueKind == JsonValueKind.String)
            {
                return reason.GetString();
            }
        }

        return null;
    }

    private static bool TryParse(string body, out JsonElement root)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            root = document.RootElement.Clone();
            return root.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            root = default;
            return false;
        }
    }
}
