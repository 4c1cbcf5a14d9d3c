using Engagement.Connectors;
using Engagement.Core;
using Engagement.Core.Configuration;
using Engagement.Http;
using Engagement.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Engagement.LocalHost;

/// <summary>Registers what a local host runs: the Functions app's core and adapters, and the local triggers and runner beside them.</summary>
public static class LocalHostServiceCollectionExtensions
{
    /// <summary>
    /// The same core and adapters as the Functions app, plus the timer loop and queue worker with Functions semantics
    /// and the in-process runner; <c>engage</c> and the integration tests compose with this one call.
    /// </summary>
    public static IServiceCollection AddEngagementLocalHost(this IServiceCollection services, IConfiguration configuration)
    {
        services
            .AddEngagementCore(configuration)
            .AddEngagementScoring(configuration)
            .AddEngagementStorage(configuration)
            .AddEngagementConnectors(configuration)
            .AddEngagementHttp();

        // One process drains the local queue, so the next page a job reads ahead is taken by the job that follows it.
        services.PostConfigure<EngagementOptions>(o => o.IngestReadAhead ??= true);
        services.AddSingleton<LocalTriggers>();
        services.AddSingleton<PipelineRunner>();
        return services;
    }
}
