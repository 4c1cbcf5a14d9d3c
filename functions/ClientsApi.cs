using Engagement.Pipeline.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Engagement.Functions;

/// <summary>Registers clients, reports on them and starts their runs.</summary>
public sealed class ClientsApi(EngagementApi api)
{
    [Function("UpsertClient")]
    public async Task<IActionResult> UpsertClient(
        [HttpTrigger(AuthorizationLevel.Function, "put", Route = "clients/{clientId}")] HttpRequest request,
        string clientId,
        CancellationToken cancellationToken) =>
        (await api.UpsertClientAsync(clientId, request.Body, cancellationToken)).ToActionResult();

    [Function("ClientReport")]
    public async Task<IActionResult> ClientReport(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "clients/{clientId}/report")] HttpRequest request,
        string clientId,
        CancellationToken cancellationToken) =>
        (await api.GetReportAsync(clientId, request.Query["from"], request.Query["to"], cancellationToken)).ToActionResult();

    [Function("RunClient")]
    public async Task<IActionResult> RunClient(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "clients/{clientId}/runs")] HttpRequest request,
        string clientId,
        CancellationToken cancellationToken) =>
        (await api.RunClientAsync(clientId, cancellationToken)).ToActionResult();
}
