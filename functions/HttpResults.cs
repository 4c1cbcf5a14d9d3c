using Engagement.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Engagement.Functions;

internal static class HttpResults
{
    /// <summary>Writes the host-independent answer as the response, byte for byte what <c>engage serve</c> writes.</summary>
    public static IActionResult ToActionResult(this ApiResult result) => new ContentResult
    {
        StatusCode = result.Status,
        ContentType = result.ContentType,
        Content = result.Render(),
    };

    /// <summary>The key the request presents, as <c>engage serve</c> reads it: the header, else <c>?code=</c>.</summary>
    public static ApiCredentials Credentials(this HttpRequest request) =>
        ApiCredentials.FromKey(request.Headers[ApiRoutes.KeyHeader].FirstOrDefault() ?? request.Query[ApiRoutes.KeyQuery].FirstOrDefault());
}
