namespace Engagement.Connectors.Secrets;

/// <summary>Where the pseudonym key is kept, bound from the <c>Engagement</c> section.</summary>
public sealed class PseudonymOptions
{
    /// <summary>Name of the Key Vault secret holding the key (base64), read when <c>Engagement__KeyVaultUri</c> is set.</summary>
    public string PseudonymKeySecretName { get; set; } = "engagement-pseudonym-key";

    /// <summary>
    /// The local key file, used without Key Vault; empty means <c>engagement/pseudonym.key</c> in the user's local
    /// application data folder (outside the repository, beside nothing that is committed).
    /// </summary>
    public string? PseudonymKeyPath { get; set; }

    /// <summary>The key file's path, the default when none is set.</summary>
    public string ResolvedKeyPath()
    {
        if (!string.IsNullOrWhiteSpace(PseudonymKeyPath))
        {
            return PseudonymKeyPath;
        }

        var data = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);
        if (string.IsNullOrEmpty(data))
        {
            data = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share");
        }

        return Path.Combine(data, "engagement", "pseudonym.key");
    }
}
