using Engagement.Connectors;
using Engagement.Core;
using Engagement.Functions;
using Engagement.Http;
using Engagement.Storage;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

// The Functions app's composition root: the core, the adapters it runs, and telemetry; no local timer, worker or runner.
var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.UseMiddleware<ApiFaultMiddleware>();
builder.Services
    .AddEngagementCore(builder.Configuration)
    .AddEngagementScoring(builder.Configuration)
    .AddEngagementStorage(builder.Configuration)
    .AddEngagementConnectors(builder.Configuration)
    .AddEngagementHttp()
    .AddEngagementTelemetry(builder.Configuration);
builder.Services.AddHostedService<WarmUp>();
builder.Build().Run();
