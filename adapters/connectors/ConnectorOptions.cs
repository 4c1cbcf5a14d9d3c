using System.ComponentModel.DataAnnotations;

namespace Engagement.Connectors;

/// <summary>Where connectors read from, bound from the <c>Engagement</c> section.</summary>
public sealed class ConnectorOptions
{
    /// <summary>Folder that import channels read from; channel accounts are paths relative to it. Default: <c>imports</c>.</summary>
    [Required]
    public string ImportRoot { get; set; } = "imports";

    /// <summary>Key Vault that holds connector tokens; channels store only a secret name.</summary>
    public Uri? KeyVaultUri { get; set; }
}
