using System.Reflection;
using System.Text;
using Engagement.Http;
using Engagement.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Engagement.Functions.Tests;

/// <summary>The HTTP contract, run against the Functions classes themselves with real requests.</summary>
public sealed class FunctionsContractTests(AzuriteFixture azurite) : ApiContract(azurite), IClassFixture<AzuriteFixture>
{
    protected override async Task<ApiResponse> SendAsync(HttpMethod method, string path, string? body, string? key, IReadOnlyDictionary<string, string>? headers)
    {
        var (route, query) = path.IndexOf('?', StringComparison.Ordinal) is var q and >= 0 ? (path[..q], path[q..]) : (path, "");
        var context = new DefaultHttpContext();
        context.Request.Method = method.Method;
        context.Request.Path = route;
        context.Request.QueryString = new QueryString(query);
        context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(body ?? ""));
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            context.Request.Headers[name] = value;
        }

        if (key is not null)
        {
            context.Request.Headers[ApiRoutes.KeyHeader] = key;
        }

        var segments = route.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToArray();
        IActionResult result;
        try
        {
            result = await HttpFunctions.DispatchAsync(Pipeline.Services, context.Request, segments);
        }
        catch (Exception e)
        {
            // What ApiFaultMiddleware answers in the host.
            var fault = ApiFaultMiddleware.ToResult(e, NullLogger.Instance);
            return new ApiResponse(fault.Status, fault.ContentType, fault.Render());
        }

        var content = Assert.IsType<ContentResult>(result);
        return new ApiResponse(content.StatusCode ?? 200, content.ContentType ?? "", content.Content ?? "");
    }
}

/// <summary>
/// The app's HTTP functions found by their attributes, and a request dispatched to the one whose method and route
/// match, as the Functions host would: route values bound by name, the request and a cancellation token.
/// </summary>
internal static class HttpFunctions
{
    public static IReadOnlyList<(MethodInfo Method, HttpTriggerAttribute Trigger)> All { get; } = typeof(ScoreApi).Assembly.GetTypes()
        .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance))
        .Where(m => m.GetCustomAttribute<FunctionAttribute>() is not null)
        .Select(m => (Method: m, Trigger: m.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).OfType<HttpTriggerAttribute>().FirstOrDefault()))
        .Where(f => f.Trigger is not null)
        .Select(f => (f.Method, f.Trigger!))
        .ToList();

    public static async Task<IActionResult> DispatchAsync(IServiceProvider services, HttpRequest request, string[] segments)
    {
        foreach (var (method, trigger) in All)
        {
            if (!trigger.Methods!.Contains(request.Method, StringComparer.OrdinalIgnoreCase) || Match(trigger.Route!, segments) is not { } values)
            {
                continue;
            }

            var instance = ActivatorUtilities.CreateInstance(services, method.DeclaringType!);
            var arguments = method.GetParameters().Select(p => p.ParameterType == typeof(HttpRequest) ? request
                : p.ParameterType == typeof(CancellationToken) ? CancellationToken.None
                : (object)values[p.Name!]).ToArray();
            return await (Task<IActionResult>)method.Invoke(instance, arguments)!;
        }

        throw new InvalidOperationException($"no function serves {request.Method} /{string.Join('/', segments)}");
    }

    // The route's values when the path (after /api) has its shape, else null.
    private static Dictionary<string, string>? Match(string template, string[] segments)
    {
        var parts = ("api/" + template).Split('/');
        if (parts.Length != segments.Length)
        {
            return null;
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < parts.Length; i++)
        {
            if (parts[i].StartsWith('{'))
            {
                values[parts[i].Trim('{', '}')] = segments[i];
            }
            else if (parts[i] != segments[i])
            {
                return null;
            }
        }

        return values;
    }
}
