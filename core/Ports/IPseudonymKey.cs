namespace Engagement.Core.Ports;

/// <summary>
/// The deployment's pseudonym key (32 random bytes or more): Key Vault in Azure, a local owner-only file elsewhere. The
/// same key must serve every ingestion of a deployment, or one person gets two pseudonyms.
/// </summary>
public interface IPseudonymKey
{
    /// <summary>The key; read once and kept for the process.</summary>
    ValueTask<byte[]> GetAsync(CancellationToken cancellationToken = default);
}
