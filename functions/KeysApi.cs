using Engagement.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Engagement.Functions;

/// <summary>Creates, lists and revokes the read-only keys scoped to one client.</summary>
internal sealed class KeysApi(EngagementApi api)
{
    [Function(nameof(CreateKey))]
    public async Task<IActionResult> CreateKey(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "clients/{clientId}/keys")] HttpRequest request,
        string clientId,
        CancellationToken cancellationToken) =>
        (await api.CreateKeyAsync(request.Credentials(), clientId, request.Body, cancellationToken)).ToActionResult();

    [Function(nameof(ListKeys))]
    public async Task<IActionResult> ListKeys(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "keys")] HttpRequest request,
        CancellationToken cancellationToken) =>
        (await api.ListKeysAsync(request.Credentials(), request.Query["client"], cancellationToken)).ToActionResult();

    [Function(nameof(RevokeKey))]
    public async Task<IActionResult> RevokeKey(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "keys/{keyId}")] HttpRequest request,
        string keyId,
        CancellationToken cancellationToken) =>
        (await api.RevokeKeyAsync(request.Credentials(), keyId, cancellationToken)).ToActionResult();
}
