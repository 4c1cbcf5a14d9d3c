using System.Security.Cryptography;
using System.Text;
using Engagement.Http;
using Engagement.LocalHost;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Engagement.Cli.Hosting;

/// <summary>
/// <c>engage serve</c>: the Functions app's HTTP routes, timer and queue trigger in one local process. Routes,
/// bodies and status codes are the Functions app's; a function key is required as it is there.
/// </summary>
internal static class ServeApp
{
    public const string DefaultUrl = "http://127.0.0.1:7071";

    private const string WebhookPath = "/api/webhooks/meta";

    public static WebApplication Build(IConfiguration configuration, string url, string apiKey, bool triggers)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration.AddConfiguration(configuration);
        builder.WebHost.UseUrls(url);
        builder.Logging.AddFilter("Azure", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Services.AddEngagementLocalHost(builder.Configuration);
        if (triggers)
        {
            builder.Services.AddHostedService<TriggerService>();
        }

        var app = builder.Build();
        app.Use(ApiFaultsMiddleware.Create(app.Services));
        var expected = Encoding.UTF8.GetBytes(apiKey);
        app.Use(async (context, next) =>
        {
            // AuthorizationLevel.Function: the key comes as x-functions-key or ?code=, as with the Functions host. The
            // webhook is anonymous there too: Meta cannot send a key, its signature is checked instead.
            if (context.Request.Path.StartsWithSegments(WebhookPath))
            {
                await next(context);
                return;
            }

            var given = context.Request.Headers["x-functions-key"].FirstOrDefault() ?? context.Request.Query["code"].FirstOrDefault();
            if (given is null || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), expected))
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                return;
            }

            await next(context);
        });

        var api = app.MapGroup("/api");
        api.MapPost("/score", (HttpRequest r, EngagementApi e, CancellationToken ct) => Answer(e.ScoreAsync(r.Body, ct)));
        api.MapPut("/clients/{clientId}", (string clientId, HttpRequest r, EngagementApi e, CancellationToken ct) => Answer(e.UpsertClientAsync(clientId, r.Body, ct)));
        api.MapGet("/clients", (EngagementApi e, CancellationToken ct) => Answer(e.ListClientsAsync(ct)));
        api.MapGet("/clients/{clientId}", (string clientId, EngagementApi e, CancellationToken ct) => Answer(e.GetClientAsync(clientId, ct)));
        api.MapGet("/clients/{clientId}/report", (string clientId, string? from, string? to, string? format, HttpRequest r, EngagementApi e, CancellationToken ct) =>
            Answer(e.GetReportAsync(clientId, from, to, r.Headers.Accept, format, ct)));
        api.MapPost("/clients/{clientId}/runs", (string clientId, EngagementApi e, CancellationToken ct) => Answer(e.RunClientAsync(clientId, ct)));
        api.MapGet("/clients/{clientId}/runs", (string clientId, string? take, EngagementApi e, CancellationToken ct) => Answer(e.ListRunsAsync(clientId, take, ct)));
        api.MapGet("/clients/{clientId}/inbox", (string clientId, EngagementApi e, CancellationToken ct) => Answer(e.GetInboxAsync(clientId, ct)));
        api.MapPut("/clients/{clientId}/interactions/{interactionId}/label", (string clientId, string interactionId, HttpRequest r, EngagementApi e, CancellationToken ct) =>
            Answer(e.CorrectLabelAsync(clientId, interactionId, r.Body, ct)));
        app.MapGet(WebhookPath, (HttpRequest r, MetaWebhookApi w, CancellationToken ct) =>
            Answer(w.VerifyAsync(r.Query["hub.mode"], r.Query["hub.verify_token"], r.Query["hub.challenge"], ct)));
        app.MapPost(WebhookPath, (HttpRequest r, MetaWebhookApi w, CancellationToken ct) =>
            Answer(w.NotifyAsync(r.Body, r.Headers["X-Hub-Signature-256"].FirstOrDefault(), ct)));
        return app;
    }

    private static async Task<IResult> Answer(Task<ApiResult> pending)
    {
        var result = await pending;
        return Results.Text(result.Render(), result.ContentType, Encoding.UTF8, result.Status);
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
