using System.Text;
using Engagement.Core.Access;
using Engagement.Core.Configuration;
using Engagement.Http;
using Engagement.LocalHost;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Engagement.Cli.Hosting;

/// <summary>
/// <c>engage serve</c>: the Functions app's HTTP routes, timer and queue trigger in one local process. Routes,
/// bodies, status codes and the key check are the Functions app's.
/// </summary>
internal static class ServeApp
{
    public const string DefaultUrl = "http://127.0.0.1:7071";

    /// <summary>
    /// Builds the app. <paramref name="adminKey"/>, when given, is the admin key (its hash replaces any
    /// <c>Engagement__AdminKeyHash</c>); client keys come from the ApiKeys table, as in the Functions app.
    /// </summary>
    public static WebApplication Build(IConfiguration configuration, string url, string? adminKey, bool triggers)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration.AddConfiguration(configuration);
        if (adminKey is not null)
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { [AdminKeyHashSetting] = ApiKeys.Hash(adminKey) });
        }

        builder.WebHost.UseUrls(url);
        builder.Logging.AddFilter("Azure", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Services.AddEngagementLocalHost(builder.Configuration);
        // Before Kestrel binds (a lifecycle service's StartingAsync runs ahead of every StartAsync), so the first request
        // finds the scoring path compiled.
        builder.Services.AddHostedService<WarmUpService>();
        if (triggers)
        {
            builder.Services.AddHostedService<TriggerService>();
        }

        var app = builder.Build();
        app.Use(ApiFaultsMiddleware.Create(app.Services));

        // Every route of ApiRoutes, on its own template; EngagementApi checks the key each one presents.
        var api = app.MapGroup("/api");
        Map(api, ApiRoutes.Score, (HttpRequest r, EngagementApi e, CancellationToken ct) => Answer(e.ScoreAsync(Key(r), r.Body, ct)));
        Map(api, ApiRoutes.UpsertClient, (string clientId, HttpRequest r, EngagementApi e, CancellationToken ct) => Answer(e.UpsertClientAsync(Key(r), clientId, r.Body, ct)));
        Map(api, ApiRoutes.ClientReport, (string clientId, string? from, string? to, string? format, HttpRequest r, EngagementApi e, CancellationToken ct) => Answer(e.GetReportAsync(Key(r), clientId, from, to, r.Headers.Accept, format, ct)));
        Map(api, ApiRoutes.RunClient, (string clientId, HttpRequest r, EngagementApi e, CancellationToken ct) => Answer(e.RunClientAsync(Key(r), clientId, ct)));
        Map(api, ApiRoutes.CorrectLabel, (string clientId, string interactionId, HttpRequest r, EngagementApi e, CancellationToken ct) =>
            Answer(e.CorrectLabelAsync(Key(r), clientId, interactionId, r.Body, ct)));
        Map(api, ApiRoutes.CreateKey, (string clientId, HttpRequest r, EngagementApi e, CancellationToken ct) => Answer(e.CreateKeyAsync(Key(r), clientId, r.Body, ct)));
        Map(api, ApiRoutes.ListKeys, (string? client, HttpRequest r, EngagementApi e, CancellationToken ct) => Answer(e.ListKeysAsync(Key(r), client, ct)));
        Map(api, ApiRoutes.EraseAuthor, (string clientId, string handle, HttpRequest r, EngagementApi e, CancellationToken ct) => Answer(e.EraseAuthorAsync(Key(r), clientId, handle, ct)));
        Map(api, ApiRoutes.RevokeKey, (string keyId, HttpRequest r, EngagementApi e, CancellationToken ct) => Answer(e.RevokeKeyAsync(Key(r), keyId, ct)));
        Map(api, ApiRoutes.ListClients, (HttpRequest r, EngagementApi e, CancellationToken ct) => Answer(e.ListClientsAsync(Key(r), ct)));
        Map(api, ApiRoutes.GetClient, (string clientId, HttpRequest r, EngagementApi e, CancellationToken ct) => Answer(e.GetClientAsync(Key(r), clientId, ct)));
        Map(api, ApiRoutes.ListRuns, (string clientId, string? take, HttpRequest r, EngagementApi e, CancellationToken ct) => Answer(e.ListRunsAsync(Key(r), clientId, take, ct)));
        Map(api, ApiRoutes.ClientInbox, (string clientId, HttpRequest r, EngagementApi e, CancellationToken ct) => Answer(e.GetInboxAsync(Key(r), clientId, ct)));

        // Anonymous as in the Functions app: Meta cannot send a key, MetaWebhookApi checks its signature instead.
        Map(api, ApiRoutes.MetaWebhookVerify, (HttpRequest r, MetaWebhookApi w, CancellationToken ct) =>
            Answer(w.VerifyAsync(r.Query["hub.mode"], r.Query["hub.verify_token"], r.Query["hub.challenge"], ct)));
        Map(api, ApiRoutes.MetaWebhookNotify, (HttpRequest r, MetaWebhookApi w, CancellationToken ct) =>
            Answer(w.NotifyAsync(r.Body, r.Headers["X-Hub-Signature-256"].FirstOrDefault(), ct)));
        return app;
    }

    /// <summary>The configuration key of <c>Engagement__AdminKeyHash</c>.</summary>
    public const string AdminKeyHashSetting = "Engagement:" + nameof(AccessOptions.AdminKeyHash);

    // Named by display name, not endpoint name: the webhook's GET and POST are two endpoints of one function.
    private static void Map(RouteGroupBuilder api, ApiRoute route, Delegate handler) =>
        api.MapMethods("/" + route.Template, [route.Method], handler).WithDisplayName(route.Name);

    // As the Functions app reads it: the header, else ?code=.
    private static ApiCredentials Key(HttpRequest request) =>
        ApiCredentials.FromKey(request.Headers[ApiRoutes.KeyHeader].FirstOrDefault() ?? request.Query[ApiRoutes.KeyQuery].FirstOrDefault());

    private static async Task<IResult> Answer(Task<ApiResult> pending) => new Written(await pending);

    /// <summary>
    /// Writes an <see cref="ApiResult"/> as <c>Results.Text(result.Render(), ...)</c> did, byte for byte, but serialised
    /// straight into the response: no string of the body, no second UTF-8 copy of it.
    /// </summary>
    private sealed class Written(ApiResult result) : IResult
    {
        private static readonly string Utf8 = "; charset=" + Encoding.UTF8.WebName;

        public Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.StatusCode = result.Status;
            response.ContentType = result.ContentType + Utf8;
            return result.WriteAsync(response.Body, httpContext.RequestAborted);
        }
    }

    /// <summary>Runs <see cref="ScoreWarmUp"/> while the host starts, unless <c>Engagement__WarmUp</c> is false.</summary>
    private sealed class WarmUpService(ScoreWarmUp warmUp, IOptions<ScoringOptions> options) : IHostedLifecycleService
    {
        public Task StartingAsync(CancellationToken cancellationToken) => options.Value.WarmUp ? warmUp.RunAsync(cancellationToken) : Task.CompletedTask;

        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    /// <summary>The timer and the queue trigger, side by side, until the host stops.</summary>
    private sealed class TriggerService(LocalTriggers triggers) : BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            var worker = await triggers.CreateIngestWorkerAsync();
            await Task.WhenAll(triggers.RunTimerAsync(cancellationToken: stoppingToken), worker.RunAsync(stoppingToken));
        }
    }
}
