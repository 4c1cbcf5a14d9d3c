using Engagement.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Engagement.Functions;

/// <summary>Erases a person from a client: the data-subject request of the privacy notes (docs/privacy.md).</summary>
internal sealed class PrivacyApi(EngagementApi api)
{
    [Function(nameof(EraseAuthor))]
    public async Task<IActionResult> EraseAuthor(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "clients/{clientId}/authors/{handle}")] HttpRequest request,
        string clientId,
        string handle,
        CancellationToken cancellationToken) =>
        (await api.EraseAuthorAsync(request.Credentials(), clientId, handle, cancellationToken)).ToActionResult();
}
