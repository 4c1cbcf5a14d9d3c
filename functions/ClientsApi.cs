using Engagement.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Engagement.Functions;

/// <summary>Registers and lists clients, reports on them, starts their runs and shows who waits for their answer.</summary>
/// <remarks>
/// Anonymous to the Functions host, which knows only its own function keys: <see cref="EngagementApi"/> checks the
/// admin key and the client keys on every route (see docs/deploy.md).
/// </remarks>
internal sealed class ClientsApi(EngagementApi api)
{
    [Function(nameof(UpsertClient))]
    public async Task<IActionResult> UpsertClient(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "clients/{clientId}")] HttpRequest request,
        string clientId,
        CancellationToken cancellationToken) =>
        (await api.UpsertClientAsync(request.Credentials(), clientId, request.Body, cancellationToken)).ToActionResult();

    [Function(nameof(ListClients))]
    public async Task<IActionResult> ListClients(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "clients")] HttpRequest request,
        CancellationToken cancellationToken) =>
        (await api.ListClientsAsync(request.Credentials(), cancellationToken)).ToActionResult();

    [Function(nameof(GetClient))]
    public async Task<IActionResult> GetClient(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "clients/{clientId}")] HttpRequest request,
        string clientId,
        CancellationToken cancellationToken) =>
        (await api.GetClientAsync(request.Credentials(), clientId, cancellationToken)).ToActionResult();

    [Function(nameof(ClientReport))]
    public async Task<IActionResult> ClientReport(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "clients/{clientId}/report")] HttpRequest request,
        string clientId,
        CancellationToken cancellationToken) =>
        (await api.GetReportAsync(request.Credentials(), clientId, request.Query["from"], request.Query["to"], request.Headers.Accept, request.Query["format"], cancellationToken)).ToActionResult();

    [Function(nameof(RunClient))]
    public async Task<IActionResult> RunClient(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "clients/{clientId}/runs")] HttpRequest request,
        string clientId,
        CancellationToken cancellationToken) =>
        (await api.RunClientAsync(request.Credentials(), clientId, cancellationToken)).ToActionResult();

    [Function(nameof(ListRuns))]
    public async Task<IActionResult> ListRuns(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "clients/{clientId}/runs")] HttpRequest request,
        string clientId,
        CancellationToken cancellationToken) =>
        (await api.ListRunsAsync(request.Credentials(), clientId, request.Query["take"], cancellationToken)).ToActionResult();

    [Function(nameof(ClientInbox))]
    public async Task<IActionResult> ClientInbox(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "clients/{clientId}/inbox")] HttpRequest request,
        string clientId,
        CancellationToken cancellationToken) =>
        (await api.GetInboxAsync(request.Credentials(), clientId, cancellationToken)).ToActionResult();
}
