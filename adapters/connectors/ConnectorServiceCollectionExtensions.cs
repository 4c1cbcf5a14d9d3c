using Engagement.Core;
using Engagement.Core.Ports;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Engagement.Connectors;

/// <summary>Registers the channel connectors the hosts offer.</summary>
public static class ConnectorServiceCollectionExtensions
{
    public static IServiceCollection AddEngagementConnectors(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddEngagementOptions<ConnectorOptions>(configuration);
        services.AddSingleton<IChannelConnector, ImportConnector>();
        return services;
    }
}
