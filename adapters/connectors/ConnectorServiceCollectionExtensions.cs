using Azure.Security.KeyVault.Secrets;
using Engagement.Connectors.Bluesky;
using Engagement.Connectors.Facebook;
using Engagement.Connectors.Instagram;
using Engagement.Connectors.LinkedIn;
using Engagement.Connectors.Mastodon;
using Engagement.Connectors.Meta;
using Engagement.Connectors.Platforms;
using Engagement.Connectors.Secrets;
using Engagement.Connectors.YouTube;
using Engagement.Core;
using Engagement.Core.Configuration;
using Engagement.Core.Ports;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Engagement.Connectors;

/// <summary>Registers the channel connectors the hosts offer, the platforms' settings, and where tokens are read.</summary>
public static class ConnectorServiceCollectionExtensions
{
    public static IServiceCollection AddEngagementConnectors(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddEngagementOptions<ConnectorOptions>(configuration)
            .Validate(o => o.KeyVaultUri is null || PlatformUris.Problem(o.KeyVaultUri) is null, "Engagement__KeyVaultUri must be an https:// URL.");
        services.AddEngagementOptions<PseudonymOptions>(configuration);
        services.TryAddSingleton<IPseudonymKey, PseudonymKey>();
        services.AddOptions<PlatformsOptions>()
            .Bind(configuration.GetSection(PlatformsOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PlatformsOptions>, PlatformsOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        AddSecrets(services, configuration);

        services.AddSingleton<IChannelConnector, ImportConnector>();

        // One line per platform: its source, its typed client, its limit signals.
        services.AddSocialPlatform<MastodonSource, MastodonClient>(MastodonSource.PlatformName, new MastodonSignals());
        services.AddSocialPlatform<FacebookSource, FacebookClient>(FacebookSource.PlatformName, new MetaSignals());
        services.AddSocialPlatform<InstagramSource, InstagramClient>(InstagramSource.PlatformName, new MetaSignals());
        services.AddSocialPlatform<BlueskySource, BlueskyClient>(BlueskySource.PlatformName, new BlueskySignals());
        services.AddSocialPlatform<YouTubeSource, YouTubeClient>(YouTubeSource.PlatformName, new YouTubeSignals());
        services.AddSocialPlatform<LinkedInSource, LinkedInClient>(LinkedInSource.PlatformName, new LinkedInSignals());
        return services;
    }

    /// <summary>
    /// Key Vault when <c>Engagement__KeyVaultUri</c> is set, read with the credential storage set for every Azure
    /// client (<c>AddAzureClients</c> shares it); configuration (<c>Engagement__Secrets__&lt;name&gt;</c>) otherwise.
    /// </summary>
    private static void AddSecrets(IServiceCollection services, IConfiguration configuration)
    {
        var vault = configuration[$"{EngagementOptions.SectionName}:{nameof(ConnectorOptions.KeyVaultUri)}"];
        if (!string.IsNullOrWhiteSpace(vault) && Uri.TryCreate(vault, UriKind.Absolute, out var vaultUri))
        {
            services.AddAzureClients(clients => clients.AddSecretClient(vaultUri));
            services.TryAddSingleton<ISecretStore>(sp => new KeyVaultSecretStore(sp.GetRequiredService<SecretClient>()));
        }
        else
        {
            services.TryAddSingleton<ISecretStore>(sp => new ConfigurationSecretStore(configuration));
        }
    }
}
