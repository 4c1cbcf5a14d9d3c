using Engagement.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Engagement.Functions;

/// <summary>Takes an agency's correction of an interaction's label.</summary>
internal sealed class LabelsApi(EngagementApi api)
{
    [Function(nameof(CorrectLabel))]
    public async Task<IActionResult> CorrectLabel(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "clients/{clientId}/interactions/{interactionId}/label")] HttpRequest request,
        string clientId,
        string interactionId,
        CancellationToken cancellationToken) =>
        (await api.CorrectLabelAsync(request.Credentials(), clientId, interactionId, request.Body, cancellationToken)).ToActionResult();
}
