using Engagement.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Engagement.Functions;

/// <summary>
/// Meta's webhook: the subscription handshake and change notifications of Pages and Instagram accounts. Anonymous
/// because Meta cannot send a function key; <see cref="MetaWebhookApi"/> checks the verify token and the body's
/// <c>X-Hub-Signature-256</c> instead.
/// </summary>
internal sealed class MetaWebhook(MetaWebhookApi api)
{
    [Function(nameof(MetaWebhook))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "webhooks/meta")] HttpRequest request,
        CancellationToken cancellationToken) =>
        (HttpMethods.IsGet(request.Method)
            ? await api.VerifyAsync(request.Query["hub.mode"], request.Query["hub.verify_token"], request.Query["hub.challenge"], cancellationToken)
            : await api.NotifyAsync(request.Body, request.Headers["X-Hub-Signature-256"].FirstOrDefault(), cancellationToken)).ToActionResult();
}
