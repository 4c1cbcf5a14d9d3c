using Azure;
using Azure.Security.KeyVault.Secrets;
using Engagement.Core.Ports;

namespace Engagement.Connectors.Secrets;

/// <summary>
/// Tokens from Key Vault (<c>Engagement__KeyVaultUri</c>), read with the host's identity. A missing secret is null
/// (the caller says which one); a vault that refuses the identity is a permanent fault that names the fix; anything
/// else is transient.
/// </summary>
internal sealed class KeyVaultSecretStore(SecretClient client) : ISecretStore
{
    public async Task<string?> GetSecretAsync(string name, CancellationToken cancellationToken = default)
    {
        try
        {
            var secret = await client.GetSecretAsync(name, cancellationToken: cancellationToken).ConfigureAwait(false);
            return secret.Value.Value;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
        catch (RequestFailedException e) when (e.Status is 401 or 403)
        {
            throw ConnectorFaultException.Permanent(
                $"the Key Vault refused to read secret '{name}': give the app's identity the 'Key Vault Secrets User' role on {client.VaultUri.Host}", e);
        }
        catch (RequestFailedException e)
        {
            throw ConnectorFaultException.Transient($"the Key Vault could not be read ({e.Status})", e);
        }
    }
}
