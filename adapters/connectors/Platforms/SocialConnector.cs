using Engagement.Core.Domain;
using Engagement.Core.Ports;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Engagement.Connectors.Platforms;

/// <summary>
/// A platform's <see cref="IChannelConnector"/>: its <see cref="ISocialSource"/> run through the shared
/// <see cref="CrawlPlan"/>. The source is resolved per job, so its typed <see cref="HttpClient"/> comes fresh from
/// the factory (handlers rotate, DNS changes are seen).
/// </summary>
internal sealed class SocialConnector<TSource>(string platform, IServiceProvider services, CrawlPlan plan) : IChannelConnector
    where TSource : ISocialSource
{
    public string Platform => platform;

    public string? Validate(ChannelDefinition channel) => services.GetRequiredService<TSource>().ValidateAccount(channel.Account);

    public Task<ConnectorPage> FetchAsync(ConnectorRequest request, CancellationToken cancellationToken = default) =>
        plan.RunAsync(services.GetRequiredService<TSource>(), request, cancellationToken);
}

/// <summary>The registration line of a platform.</summary>
internal static class SocialPlatformServiceCollectionExtensions
{
    /// <summary>
    /// Adds a platform: its typed client <typeparamref name="TClient"/> with the shared HTTP pipeline and the
    /// platform's <paramref name="signals"/>, its source <typeparamref name="TSource"/>, and a connector named
    /// <paramref name="platform"/> (the value of <c>--channel id=platform:account</c>).
    /// </summary>
    public static IServiceCollection AddSocialPlatform<TSource, TClient>(this IServiceCollection services, string platform, PlatformSignals signals)
        where TSource : class, ISocialSource
        where TClient : class
    {
        services.TryAddSingleton<CrawlPlan>();
        services.AddPlatformHttpClient<TClient>(platform, signals);
        services.TryAddTransient<TSource>();
        services.AddSingleton<IChannelConnector>(sp => new SocialConnector<TSource>(platform, sp, sp.GetRequiredService<CrawlPlan>()));
        return services;
    }
}
