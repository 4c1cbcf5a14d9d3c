using System.Security.Cryptography;
using System.Text;

namespace Engagement.Core.Domain;

/// <summary>The privacy rule for customers' handles: stored as a stable pseudonym, never as written.</summary>
internal static class Pseudonyms
{
    /// <summary>Stable pseudonym of a customer's handle, so threads can be followed without storing who wrote them.</summary>
    public static string? Of(string clientId, string? author) =>
        string.IsNullOrEmpty(author)
            ? null
            : "p-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{clientId}\n{author}")))[..16];
}
