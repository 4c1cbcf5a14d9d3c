using System.Text.Json;
using Engagement.Core.Interchange;

namespace Engagement.Http;

/// <summary>An HTTP answer independent of the host, so the Functions app and <c>engage serve</c> answer alike.</summary>
public sealed record ApiResult(int Status, object? Body)
{
    /// <summary>snake_case, like the interchange format; nulls left out.</summary>
    public static JsonSerializerOptions Json => InterchangeJson.Options;

    public string ContentType => Status >= 400 ? "application/problem+json" : "application/json";

    public string ToJson() => Body is null ? "" : JsonSerializer.Serialize(Body, Body.GetType(), Json);

    public static ApiResult Ok(object body) => new(200, body);

    public static ApiResult Created(object body) => new(201, body);

    public static ApiResult Accepted(object body) => new(202, body);

    public static ApiResult Unauthorized() =>
        new(401, new Problem("Unauthorized", 401, $"Send a valid key in the {ApiRoutes.KeyHeader} header (or as ?{ApiRoutes.KeyQuery}=)."));

    public static ApiResult Forbidden(string detail) => new(403, new Problem("Forbidden", 403, detail));

    public static ApiResult NotFound(string detail) => new(404, new Problem("Not found", 404, detail));

    public static ApiResult Conflict(string detail) => new(409, new Problem("Conflict", 409, detail));

    public static ApiResult Invalid(IReadOnlyDictionary<string, string[]> errors) =>
        new(400, new Problem("The request is not valid", 400, "See errors for each field.", errors));

    public static ApiResult Invalid(string field, string message) =>
        Invalid(new Dictionary<string, string[]> { [field] = [message] });
}

/// <summary>An RFC 9457 problem body.</summary>
public sealed record Problem(string Title, int Status, string Detail, IReadOnlyDictionary<string, string[]>? Errors = null)
{
    public string Type => Status switch
    {
        400 => "https://tools.ietf.org/html/rfc9110#section-15.5.1",
        401 => "https://tools.ietf.org/html/rfc9110#section-15.5.2",
        403 => "https://tools.ietf.org/html/rfc9110#section-15.5.4",
        404 => "https://tools.ietf.org/html/rfc9110#section-15.5.5",
        409 => "https://tools.ietf.org/html/rfc9110#section-15.5.10",
        _ => "about:blank",
    };
}
