using System.ComponentModel.DataAnnotations;

namespace Engagement.Core.Access;

/// <summary>Who may call the HTTP API, bound from the <c>Engagement</c> section.</summary>
public sealed class AccessOptions
{
    /// <summary>
    /// SHA-256 (lowercase hex) of the admin key, which opens every route. Empty: no admin key, so only client keys
    /// (and the CLI, with storage rights) reach the data. <c>engage keys admin</c> makes a key and its hash; <c>engage
    /// serve</c> hashes <c>ENGAGE_API_KEY</c> itself.
    /// </summary>
    [RegularExpression("^([0-9a-fA-F]{64})?$", ErrorMessage = "Engagement:AdminKeyHash must be the SHA-256 of the admin key as 64 hex characters (engage keys admin prints one).")]
    public string? AdminKeyHash { get; set; }
}
