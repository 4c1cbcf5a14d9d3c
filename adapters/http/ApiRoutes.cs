namespace Engagement.Http;

/// <summary>Who may call a route.</summary>
public enum RouteAccess
{
    /// <summary>The admin key only: routes that change something, or span every client.</summary>
    Admin,

    /// <summary>The admin key, or a key of the client the route names.</summary>
    ClientRead,

    /// <summary>Any valid key: the route reads and writes no client's data.</summary>
    AnyKey,

    /// <summary>
    /// No key at all: the caller proves itself another way (Meta signs the body with <c>X-Hub-Signature-256</c> and
    /// echoes our verify token), so the route is left out of the key checks.
    /// </summary>
    Signed,
}

/// <summary>One HTTP route (one method; a function with two methods is two entries of one name): the name of its function, its method, its route template below <c>/api/</c>, and who may call it.</summary>
public sealed record ApiRoute(string Name, string Method, string Template, RouteAccess Access);

/// <summary>
/// Every route of the API, in one list: the Functions app declares a function per entry, <c>engage serve</c> maps
/// each one, and tests check both against this list and check the scope of a client key on every entry, so a new
/// route cannot be added without its access rule.
/// </summary>
public static class ApiRoutes
{
    /// <summary>Header that carries the key (the name the Functions host uses for its own keys).</summary>
    public const string KeyHeader = "x-functions-key";

    /// <summary>Query parameter that may carry the key instead, for links such as a report opened in a browser.</summary>
    public const string KeyQuery = "code";

    public static readonly ApiRoute Score = new("Score", "POST", "score", RouteAccess.AnyKey);
    public static readonly ApiRoute UpsertClient = new("UpsertClient", "PUT", "clients/{clientId}", RouteAccess.Admin);
    public static readonly ApiRoute ClientReport = new("ClientReport", "GET", "clients/{clientId}/report", RouteAccess.ClientRead);
    public static readonly ApiRoute RunClient = new("RunClient", "POST", "clients/{clientId}/runs", RouteAccess.Admin);
    public static readonly ApiRoute CorrectLabel = new("CorrectLabel", "PUT", "clients/{clientId}/interactions/{interactionId}/label", RouteAccess.Admin);
    public static readonly ApiRoute CreateKey = new("CreateKey", "POST", "clients/{clientId}/keys", RouteAccess.Admin);
    public static readonly ApiRoute ListKeys = new("ListKeys", "GET", "keys", RouteAccess.Admin);
    public static readonly ApiRoute EraseAuthor = new("EraseAuthor", "DELETE", "clients/{clientId}/authors/{handle}", RouteAccess.Admin);
    public static readonly ApiRoute RevokeKey = new("RevokeKey", "DELETE", "keys/{keyId}", RouteAccess.Admin);

    /// <summary>Every client at once: the admin key only, since a client key reads its own client alone.</summary>
    public static readonly ApiRoute ListClients = new("ListClients", "GET", "clients", RouteAccess.Admin);
    public static readonly ApiRoute GetClient = new("GetClient", "GET", "clients/{clientId}", RouteAccess.ClientRead);
    public static readonly ApiRoute ListRuns = new("ListRuns", "GET", "clients/{clientId}/runs", RouteAccess.ClientRead);
    public static readonly ApiRoute ClientInbox = new("ClientInbox", "GET", "clients/{clientId}/inbox", RouteAccess.ClientRead);

    /// <summary>Meta's subscription handshake; one function with <see cref="MetaWebhookNotify"/>.</summary>
    public static readonly ApiRoute MetaWebhookVerify = new("MetaWebhook", "GET", "webhooks/meta", RouteAccess.Signed);

    /// <summary>Meta's change notifications, signed with <c>X-Hub-Signature-256</c>.</summary>
    public static readonly ApiRoute MetaWebhookNotify = new("MetaWebhook", "POST", "webhooks/meta", RouteAccess.Signed);

    public static IReadOnlyList<ApiRoute> All { get; } =
    [
        Score, UpsertClient, ClientReport, RunClient, CorrectLabel, CreateKey, ListKeys, RevokeKey, EraseAuthor,
        ListClients, GetClient, ListRuns, ClientInbox, MetaWebhookVerify, MetaWebhookNotify,
    ];

    /// <summary>The routes that take a key: every one but the signed webhook.</summary>
    public static IReadOnlyList<ApiRoute> Keyed { get; } = [.. All.Where(r => r.Access != RouteAccess.Signed)];
}
