namespace Engagement.Core.Ports;

/// <summary>
/// Where connector tokens live: Key Vault in Azure, configuration (<c>Engagement__Secrets__&lt;name&gt;</c>) elsewhere.
/// Channels store only the secret's name; the value is read when a job needs it and never stored or logged.
/// </summary>
public interface ISecretStore
{
    /// <summary>The secret's value, or null when no secret of that name exists.</summary>
    Task<string?> GetSecretAsync(string name, CancellationToken cancellationToken = default);
}
