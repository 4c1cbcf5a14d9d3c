using Engagement.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Engagement.Functions;

/// <summary>Scores text ad hoc: one item or a batch of up to 1,000.</summary>
internal sealed class ScoreApi(EngagementApi api)
{
    [Function(nameof(Score))]
    public async Task<IActionResult> Score(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "score")] HttpRequest request,
        CancellationToken cancellationToken) =>
        (await api.ScoreAsync(request.Credentials(), request.Body, cancellationToken)).ToActionResult();
}
