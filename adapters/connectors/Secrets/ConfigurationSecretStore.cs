using Engagement.Core.Configuration;
using Engagement.Core.Ports;
using Microsoft.Extensions.Configuration;

namespace Engagement.Connectors.Secrets;

/// <summary>
/// Tokens from configuration, <c>Engagement__Secrets__&lt;secretName&gt;</c>: for a laptop, CI and tests, where
/// no Key Vault is set. The values stay in the environment; nothing is written anywhere.
/// </summary>
internal sealed class ConfigurationSecretStore(IConfiguration configuration) : ISecretStore
{
    public const string Section = EngagementOptions.SectionName + ":Secrets";

    public Task<string?> GetSecretAsync(string name, CancellationToken cancellationToken = default)
    {
        var value = configuration.GetSection(Section)[name];
        return Task.FromResult(string.IsNullOrEmpty(value) ? null : value);
    }
}
