using System.Net.Sockets;
using Azure;

namespace Engagement.Storage;

/// <summary>Which storage faults are an outage (worth a 503 and a later try) rather than a wrong request.</summary>
public static class StorageFaults
{
    /// <summary>
    /// True for what the SDK's retries could not get past: no answer at all (refused, reset, timed out), 408, 429
    /// (throttled) and 5xx.
    /// </summary>
    public static bool IsOutage(Exception exception) => exception switch
    {
        RequestFailedException { Status: 0 or 408 or 429 or >= 500 } => true,
        AggregateException aggregate => aggregate.InnerExceptions.Any(IsOutage),
        TimeoutException or SocketException or HttpRequestException => true,
        TaskCanceledException { InnerException: TimeoutException } => true,
        _ => exception.InnerException is { } inner && IsOutage(inner),
    };
}
