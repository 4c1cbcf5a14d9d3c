using Microsoft.Extensions.DependencyInjection;

namespace Engagement.Http;

/// <summary>Registers the host-free HTTP mapper both hosts answer through.</summary>
public static class HttpServiceCollectionExtensions
{
    public static IServiceCollection AddEngagementHttp(this IServiceCollection services) =>
        services.AddSingleton<EngagementApi>();
}
