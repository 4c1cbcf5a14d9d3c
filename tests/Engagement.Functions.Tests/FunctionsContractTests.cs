using System.Text;
using Engagement.Http;
using Engagement.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging.Abstractions;

namespace Engagement.Functions.Tests;

/// <summary>The HTTP contract, run against the Functions classes themselves with real requests.</summary>
public sealed class FunctionsContractTests(AzuriteFixture azurite) : ApiContract(azurite), IClassFixture<AzuriteFixture>
{
    protected override async Task<ApiResponse> SendAsync(HttpMethod method, string path, string? body = null, IReadOnlyDictionary<string, string>? headers = null)
    {
        var api = Pipeline.Get<EngagementApi>();
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

        var request = context.Request;
        var segments = route.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToArray();

        // The routes of functions.metadata, dispatched as the Functions host would.
        IActionResult result;
        try
        {
            result = await DispatchAsync(api, method, route, request, segments);
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

    private async Task<IActionResult> DispatchAsync(EngagementApi api, HttpMethod method, string route, HttpRequest request, string[] segments) =>
        (method.Method, segments) switch
        {
            ("POST", ["api", "score"]) => await new ScoreApi(api).Score(request, default),
            ("PUT", ["api", "clients", var id]) => await new ClientsApi(api).UpsertClient(request, id, default),
            ("GET", ["api", "clients"]) => await new ClientsApi(api).ListClients(request, default),
            ("GET", ["api", "clients", var id]) => await new ClientsApi(api).GetClient(request, id, default),
            ("GET", ["api", "clients", var id, "report"]) => await new ClientsApi(api).ClientReport(request, id, default),
            ("POST", ["api", "clients", var id, "runs"]) => await new ClientsApi(api).RunClient(request, id, default),
            ("GET", ["api", "clients", var id, "runs"]) => await new ClientsApi(api).ListRuns(request, id, default),
            ("GET", ["api", "clients", var id, "inbox"]) => await new ClientsApi(api).ClientInbox(request, id, default),
            ("PUT", ["api", "clients", var id, "interactions", var interaction, "label"]) => await new LabelsApi(api).CorrectLabel(request, id, interaction, default),
            ("GET" or "POST", ["api", "webhooks", "meta"]) => await new MetaWebhook(Pipeline.Get<MetaWebhookApi>()).Run(request, default),
            _ => throw new InvalidOperationException($"no function serves {method} {route}"),
        };
}
