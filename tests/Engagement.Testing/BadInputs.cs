namespace Engagement.Testing;

/// <summary>
/// One bad request and what it must answer: the status and the field its problem names, or no field for a route that
/// refuses with nothing said (the Meta webhook answers an unsigned caller with an empty 401).
/// </summary>
public sealed record BadRequest(string Route, HttpMethod Method, string Path, string? Body, int Status, string? Field)
{
    public override string ToString() => $"{Method} {Path} {Body}";
}

/// <summary>
/// Every HTTP route, each with the bad inputs people and probes sent. A route missing here fails
/// <c>EveryHttpFunctionIsDrivenWithBadInput</c>, so a new route cannot be forgotten.
/// </summary>
public static class BadInputs
{
    private const string Client = """{"display_name":"Bad","time_zone":"Europe/Rome","channels":[{"id":"instagram","platform":"import","account":"bad/instagram.jsonl"}]}""";

    /// <summary>The route templates, as in functions.metadata.</summary>
    public static readonly string[] Routes =
    [
        "score",
        "clients",
        "clients/{clientId}",
        "clients/{clientId}",
        "clients/{clientId}/report",
        "clients/{clientId}/runs",
        "clients/{clientId}/runs",
        "clients/{clientId}/inbox",
        "clients/{clientId}/interactions/{interactionId}/label",
        "clients/{clientId}/keys",
        "keys",
        "keys/{keyId}",
        "clients/{clientId}/authors/{handle}",
        "webhooks/meta",
    ];

    /// <summary>Routes that take no input at all (no body, no query, no path value), so there is nothing bad to send.</summary>
    public static readonly string[] WithoutInput = ["clients"];

    public static IReadOnlyList<BadRequest> All { get; } =
    [
        new("score", HttpMethod.Post, "/api/score", "{", 400, "body"),
        new("score", HttpMethod.Post, "/api/score", """{"text":5}""", 400, "text"),
        new("score", HttpMethod.Post, "/api/score", "[null]", 400, "items[0]"),
        new("score", HttpMethod.Post, "/api/score", "[]", 400, "items"),
        new("score", HttpMethod.Post, "/api/score", """{"text":"ciao\u0000tutti"}""", 400, "text"),
        new("score", HttpMethod.Post, "/api/score", """{"text":"half \ud800 a character"}""", 400, "text"),
        new("score", HttpMethod.Post, "/api/score", """[{"text":"ok"},{"text":"ok","id":"a\u0001b"}]""", 400, "items[1]"),
        new("clients/{clientId}", HttpMethod.Put, "/api/clients/..%2Fbad", Client, 400, "clientId"),
        new("clients/{clientId}", HttpMethod.Put, "/api/clients/bad", "not json", 400, "body"),
        new("clients/{clientId}", HttpMethod.Put, "/api/clients/bad", """{"display_name":5}""", 400, "body"),
        new("clients/{clientId}", HttpMethod.Put, "/api/clients/bad", """{"display_name":"Bad","time_zone":"Europe/Rome","channels":[null]}""", 400, "channels[0]"),
        new("clients/{clientId}", HttpMethod.Put, "/api/clients/bad", """{"display_name":"Bad","time_zone":"Europe/Rome","channels":[{"id":"instagram","platform":"import","account":"bad\u0000.jsonl"}]}""", 400, "channels[0].account"),
        new("clients/{clientId}", HttpMethod.Put, "/api/clients/bad", """{"display_name":"B\u0000ad","time_zone":"Europe/Rome","channels":[{"id":"instagram","platform":"import","account":"bad/instagram.jsonl"}]}""", 400, "display_name"),
        new("clients/{clientId}", HttpMethod.Put, "/api/clients/bad", """{"display_name":"Bad","time_zone":"Mars/Olympus","channels":[]}""", 400, "time_zone"),
        new("clients/{clientId}/report", HttpMethod.Get, "/api/clients/acme/report?from=0001-01-01&to=2026-11-30", null, 400, "from"),
        new("clients/{clientId}/report", HttpMethod.Get, "/api/clients/acme/report?from=2026-11-01&to=9999-12-31", null, 400, "to"),
        new("clients/{clientId}/report", HttpMethod.Get, "/api/clients/acme/report?to=0001-01-01", null, 400, "to"),
        new("clients/{clientId}/report", HttpMethod.Get, "/api/clients/acme/report?from=yesterday", null, 400, "from"),
        new("clients/{clientId}/report", HttpMethod.Get, "/api/clients/Bad%20Id/report", null, 400, "clientId"),
        new("clients/{clientId}/report", HttpMethod.Get, "/api/clients/acme/report?format=pdf", null, 400, "format"),
        new("clients/{clientId}/runs", HttpMethod.Post, "/api/clients/Bad%20Id/runs", null, 400, "clientId"),
        new("clients/{clientId}/runs", HttpMethod.Get, "/api/clients/Bad%20Id/runs", null, 400, "clientId"),
        new("clients/{clientId}/runs", HttpMethod.Get, "/api/clients/acme/runs?take=0", null, 400, "take"),
        new("clients/{clientId}/runs", HttpMethod.Get, "/api/clients/acme/runs?take=many", null, 400, "take"),
        new("clients/{clientId}", HttpMethod.Get, "/api/clients/Bad%20Id", null, 400, "clientId"),
        new("clients/{clientId}/inbox", HttpMethod.Get, "/api/clients/Bad%20Id/inbox", null, 400, "clientId"),
        new("clients/{clientId}/interactions/{interactionId}/label", HttpMethod.Put, "/api/clients/acme/interactions/x/label", "{", 400, "body"),
        new("clients/{clientId}/interactions/{interactionId}/label", HttpMethod.Put, "/api/clients/acme/interactions/x/label", """{"label":["relational"]}""", 400, "body"),
        new("clients/{clientId}/keys", HttpMethod.Post, "/api/clients/Bad%20Id/keys", null, 400, "clientId"),
        new("clients/{clientId}/keys", HttpMethod.Post, "/api/clients/acme/keys", "{", 400, "body"),
        new("clients/{clientId}/keys", HttpMethod.Post, "/api/clients/acme/keys", """{"name":["x"]}""", 400, "body"),
        new("keys", HttpMethod.Get, "/api/keys?client=Bad%20Id", null, 400, "client"),
        new("keys/{keyId}", HttpMethod.Delete, "/api/keys/..%2Fbad", null, 400, "keyId"),
        new("keys/{keyId}", HttpMethod.Delete, "/api/keys/ZZZZZZZZZZZZ", null, 400, "keyId"),
        new("clients/{clientId}/authors/{handle}", HttpMethod.Delete, "/api/clients/Bad%20Id/authors/%40someone", null, 400, "clientId"),
        new("clients/{clientId}/authors/{handle}", HttpMethod.Delete, "/api/clients/acme/authors/%20", null, 400, "handle"),
        new("webhooks/meta", HttpMethod.Post, "/api/webhooks/meta", "{", 401, null),
        new("webhooks/meta", HttpMethod.Post, "/api/webhooks/meta", """{"object":"page","entry":[null]}""", 401, null),
        new("webhooks/meta", HttpMethod.Get, "/api/webhooks/meta?hub.mode=subscribe&hub.challenge=1&hub.verify_token=%00", null, 403, null),
    ];
}
