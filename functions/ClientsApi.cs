using Engagement.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Engagement.Functions;

/// <summary>Registers and lists clients, reports on them, starts their runs and shows who waits for their answer.</summary>
internal sealed class ClientsApi(EngagementApi api)
{
    [Function(nameof(UpsertClient))]
    public async Task<IActionResult> UpsertClient(
        [HttpTrigger(AuthorizationLevel.Function, "put", Route = "clients/{clientId}")] HttpRequest request,
        string clientId,
        CancellationToken cancellationToken) =>
        (await api.UpsertClientAsync(clientId, request.Body, cancellationToken)).ToActionResult();

    [Function(nameof(ListClients))]
    public async Task<IActionResult> ListClients(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "clients")] HttpRequest request,
        CancellationToken cancellationToken) =>
        (await api.ListClientsAsync(cancellationToken)).ToActionResult();

    [Function(nameof(GetClient))]
    public async Task<IActionResult> GetClient(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "clients/{clientId}")] HttpRequest request,
        string clientId,
        CancellationToken cancellationToken) =>
        (await api.GetClientAsync(clientId, cancellationToken)).ToActionResult();

    [Function(nameof(ClientReport))]
    public async Task<IActionResult> ClientReport(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "clients/{clientId}/report")] HttpRequest request,
        string clientId,
        CancellationToken cancellationToken) =>
        (await api.GetReportAsync(clientId, request.Query["from"], request.Query["to"], request.Headers.Accept, request.Query["format"], cancellationToken)).ToActionResult();

    [Function(nameof(RunClient))]
    public async Task<IActionResult> RunClient(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "clients/{clientId}/runs")] HttpRequest request,
        string clientId,
        CancellationToken cancellationToken) =>
        (await api.RunClientAsync(clientId, cancellationToken)).ToActionResult();

    [Function(nameof(ListRuns))]
    public async Task<IActionResult> ListRuns(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "clients/{clientId}/runs")] HttpRequest request,
        string clientId,
        CancellationToken cancellationToken) =>
        (await api.ListRunsAsync(clientId, request.Query["take"], cancellationToken)).ToActionResult();

    [Function(nameof(ClientInbox))]
    public async Task<IActionResult> ClientInbox(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "clients/{clientId}/inbox")] HttpRequest request,
        string clientId,
        CancellationToken cancellationToken) =>
        (await api.GetInboxAsync(clientId, cancellationToken)).ToActionResult();
}
