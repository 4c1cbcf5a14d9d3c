using System.Net.Sockets;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Engagement.Core.Ingestion;

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

/// <summary>
/// Storage answering 403 is refusing these credentials, and every retry gets the same answer: the fault is raised as
/// permanent, with what to check, so a job fails once with that line instead of five times with a stack trace. Set on
/// the table and queue clients only (Key Vault reads its own 403s).
/// </summary>
internal sealed class StorageAccessDeniedPolicy : HttpPipelinePolicy
{
    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
        Check(message);
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        ProcessNext(message, pipeline);
        Check(message);
    }

    private static void Check(HttpMessage message)
    {
        if (message.HasResponse && message.Response.Status == 403)
        {
            message.Response.Headers.TryGetValue("x-ms-error-code", out var code);
            throw new PermanentFaultException(
                $"storage refused access to {message.Request.Uri.Host} (403{(string.IsNullOrEmpty(code) ? "" : " " + code)}): check the storage "
                + "connection string or account key, that a SAS has not expired and grants this, or that the app's identity has the "
                + "Storage Table Data Contributor and Storage Queue Data Contributor roles on the account");
        }
    }
}
