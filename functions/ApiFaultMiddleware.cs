using System.Globalization;
using Engagement.Http;
using Engagement.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.Logging;

namespace Engagement.Functions;

/// <summary>
/// An HTTP function's fault no route handled becomes 503 with Retry-After (storage outage) or 500 with a correlation
/// id, as <c>engage serve</c> answers; other triggers' faults go on to the host, which retries and poisons.
/// </summary>
internal sealed class ApiFaultMiddleware(ILogger<ApiFaultMiddleware> logger) : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        try
        {
            await next(context);
        }
        catch (Exception e) when (context.GetHttpContext() is { Response.HasStarted: false } http && !http.RequestAborted.IsCancellationRequested)
        {
            var result = ToResult(e, logger);
            http.Response.StatusCode = result.Status;
            http.Response.ContentType = result.ContentType;
            if (result.RetryAfter is { } after)
            {
                http.Response.Headers.RetryAfter = ((int)after.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            }

            await http.Response.WriteAsync(result.Render(), http.RequestAborted);
        }
    }

    public static ApiResult ToResult(Exception exception, ILogger logger) => ApiFaults.ToResult(exception, StorageFaults.IsOutage(exception), logger);
}
