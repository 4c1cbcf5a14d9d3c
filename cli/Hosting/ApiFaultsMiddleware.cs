using System.Globalization;
using Engagement.Http;
using Engagement.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Engagement.Cli.Hosting;

/// <summary>
/// <c>engage serve</c>'s answer to a fault no route handled, as the Functions app's middleware answers it: 503 with
/// Retry-After for a storage outage, 500 with a correlation id otherwise.
/// </summary>
internal static class ApiFaultsMiddleware
{
    public static Func<HttpContext, RequestDelegate, Task> Create(IServiceProvider services)
    {
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ApiFaults).FullName!);
        return async (context, next) =>
        {
            try
            {
                await next(context);
            }
            catch (Exception e) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
            {
                await WriteAsync(context.Response, ApiFaults.ToResult(e, StorageFaults.IsOutage(e), logger), context.RequestAborted);
            }
        };
    }

    public static async Task WriteAsync(HttpResponse response, ApiResult result, CancellationToken cancellationToken)
    {
        response.StatusCode = result.Status;
        response.ContentType = result.ContentType;
        if (result.RetryAfter is { } after)
        {
            response.Headers.RetryAfter = ((int)after.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        }

        await response.WriteAsync(result.Render(), cancellationToken);
    }
}
