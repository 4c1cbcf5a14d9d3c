using Microsoft.Extensions.DependencyInjection;

namespace Engagement.Http;

/// <summary>Registers the host-free HTTP mappers both hosts answer through.</summary>
public static class HttpServiceCollectionExtensions
{
    public static IServiceCollection AddEngagementHttp(this IServiceCollection services)
    {
        services.AddOptions<MetaWebhookOptions>().BindConfiguration(MetaWebhookOptions.SectionName);
        return services.AddSingleton<EngagementApi>().AddSingleton<MetaWebhookApi>().AddSingleton<ScoreWarmUp>();
    }
}
