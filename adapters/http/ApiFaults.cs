using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Engagement.Http;

/// <summary>
/// What a caller is told when a request fails unexpectedly, the same from both hosts: a storage outage is 503 with
/// Retry-After (try later), anything else 500 whose body carries only a correlation id; the exception is logged with
/// that id, never sent.
/// </summary>
public static partial class ApiFaults
{
    /// <summary>How long a caller is asked to wait after an outage: about the SDK's whole retry budget, twice.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(10);

    public static ApiResult ToResult(Exception exception, bool outage, ILogger logger)
    {
        var correlationId = Guid.NewGuid().ToString("N");
        if (outage)
        {
            LogOutage(logger, exception, correlationId);
            return new ApiResult(503, new Problem("Service unavailable", 503, $"Storage is unavailable for now: try again in {RetryAfter.TotalSeconds:0} seconds. Correlation id {correlationId}.", CorrelationId: correlationId)) { RetryAfter = RetryAfter };
        }

        LogFault(logger, exception, correlationId);
        return new ApiResult(500, new Problem("Internal error", 500, $"The request failed on our side. Correlation id {correlationId}.", CorrelationId: correlationId));
    }

    /// <summary>
    /// A body that does not parse, in words that name where (the JSON path or line) and never a .NET type, as the
    /// serializer's own message does ("could not be converted to System.String").
    /// </summary>
    public static string Describe(JsonException exception) => exception switch
    {
        { Path: { Length: > 1 } path } => $"the value at {path} is not of the expected kind (text, number, true/false, list or object)",
        { LineNumber: { } line, BytePositionInLine: { } position } => $"it is not valid JSON (line {line + 1}, position {position + 1})",
        _ => "it is not valid JSON",
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storage unavailable; answered 503 (correlation id {CorrelationId})")]
    private static partial void LogOutage(ILogger logger, Exception exception, string correlationId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Request failed; answered 500 (correlation id {CorrelationId})")]
    private static partial void LogFault(ILogger logger, Exception exception, string correlationId);
}
