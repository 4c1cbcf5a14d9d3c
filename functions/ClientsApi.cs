using Engagement.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Engagement.Functions;

/// <summary>Registers clients, reports on them and starts their runs.</summary>
internal sealed class ClientsApi(EngagementApi api)
{
    [Function(nameof(UpsertClient))]
    public async Task<IActionResult> UpsertClient(
        [HttpTrigger(AuthorizationLevel.Function, "put", Route = "clients/{clientId}")] HttpRequest request,
        string clientId,
        CancellationToken cancellationToken) =>
        (await api.UpsertClientAsync(clientId, request.Body, cancellationToken)).ToActionResult();

    [Function(nameof(ClientReport))]
    public async Task<IActionResult> ClientReport(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "clients/{clientId}/report")] HttpRequest request,
        string clientId,
        CancellationToken cancellationToken) =>
        (await api.GetReportAsync(clientId, request.Query["from"], request.Query["to"], cancellationToken)).ToActionResult();

    [Function(nameof(RunClient))]
    public async Task<IActionResult> RunClient(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "clients/{clientId}/runs")] HttpRequest request,
        string clientId,
        CancellationToken cancellationToken) =>
        (await api.RunClientAsync(clientId, cancellationToken)).ToActionResult();
}
