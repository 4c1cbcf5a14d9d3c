using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Engagement.Core.Interchange;

namespace Engagement.Http;

/// <summary>
/// An HTTP answer independent of the host, so the Functions app and <c>engage serve</c> answer alike: a body to
/// serialise as JSON, or a text already rendered in <see cref="MediaType"/> (a report as HTML or CSV).
/// </summary>
public sealed record ApiResult(int Status, object? Body, string? MediaType = null)
{
    /// <summary>
    /// snake_case, like the interchange format; nulls left out. The interchange options with the generated metadata of
    /// <see cref="ApiJsonContext"/> first, reflection for the rest.
    /// </summary>
    public static JsonSerializerOptions Json { get; } = new(InterchangeJson.Options)
    {
        TypeInfoResolver = JsonTypeInfoResolver.Combine(ApiJsonContext.Default, new DefaultJsonTypeInfoResolver()),
    };

    public string ContentType => MediaType ?? (Status >= 400 ? "application/problem+json" : "application/json");

    /// <summary>The body as sent: the rendered text itself, or the body as JSON.</summary>
    public string Render() => Body switch
    {
        null => "",
        string text when MediaType is not null => text,
        _ => JsonSerializer.Serialize(Body, Body.GetType(), Json),
    };

    /// <summary>
    /// Writes the body as <see cref="Render"/> would, straight to <paramref name="destination"/> as UTF-8: no
    /// intermediate string of the whole body, and the serialiser's buffers are pooled.
    /// </summary>
    public Task WriteAsync(Stream destination, CancellationToken cancellationToken = default) => Body switch
    {
        null => Task.CompletedTask,
        string text when MediaType is not null => destination.WriteAsync(System.Text.Encoding.UTF8.GetBytes(text), cancellationToken).AsTask(),
        _ => JsonSerializer.SerializeAsync(destination, Body, Json.GetTypeInfo(Body.GetType()), cancellationToken),
    };

    /// <summary>For a 503: when the caller may try again (the Retry-After header).</summary>
    public TimeSpan? RetryAfter { get; init; }

    public static ApiResult Ok(object body) => new(200, body);

    /// <summary>A body already rendered, such as a report in HTML.</summary>
    public static ApiResult Content(string text, string mediaType) => new(200, text, mediaType);

    public static ApiResult Created(object body) => new(201, body);

    public static ApiResult Accepted(object body) => new(202, body);

    public static ApiResult Unauthorized() =>
        new(401, new Problem("Unauthorized", 401, $"Send a valid key in the {ApiRoutes.KeyHeader} header (or as ?{ApiRoutes.KeyQuery}=)."));

    public static ApiResult Forbidden(string detail) => new(403, new Problem("Forbidden", 403, detail));

    /// <summary>A plain-text body written as it is, for the rare caller that expects no JSON (a webhook handshake).</summary>
    public static ApiResult PlainText(string text) => Content(text, "text/plain");

    /// <summary>A refusal that says nothing: for callers that authenticate by a signature or a shared token.</summary>
    public static ApiResult Refused(int status) => new(status, null);

    public static ApiResult NotFound(string detail) => new(404, new Problem("Not found", 404, detail));

    public static ApiResult Conflict(string detail) => new(409, new Problem("Conflict", 409, detail));

    public static ApiResult Invalid(IReadOnlyDictionary<string, string[]> errors) =>
        new(400, new Problem("The request is not valid", 400, "See errors for each field.", errors));

    public static ApiResult Invalid(string field, string message) =>
        Invalid(new Dictionary<string, string[]> { [field] = [message] });
}

/// <summary>An RFC 9457 problem body.</summary>
public sealed record Problem(string Title, int Status, string Detail, IReadOnlyDictionary<string, string[]>? Errors = null, string? CorrelationId = null)
{
    public string Type => Status switch
    {
        400 => "https://tools.ietf.org/html/rfc9110#section-15.5.1",
        401 => "https://tools.ietf.org/html/rfc9110#section-15.5.2",
        403 => "https://tools.ietf.org/html/rfc9110#section-15.5.4",
        404 => "https://tools.ietf.org/html/rfc9110#section-15.5.5",
        409 => "https://tools.ietf.org/html/rfc9110#section-15.5.10",
        500 => "https://tools.ietf.org/html/rfc9110#section-15.6.1",
        503 => "https://tools.ietf.org/html/rfc9110#section-15.6.4",
        _ => "about:blank",
    };
}
