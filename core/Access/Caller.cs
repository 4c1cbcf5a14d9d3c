namespace Engagement.Core.Access;

/// <summary>Who is calling: the agency (the admin key) or one client (a client's read-only key).</summary>
public sealed record Caller
{
    private Caller(string? clientId, string? keyId) => (ClientId, KeyId) = (clientId, keyId);

    /// <summary>The admin key's holder: every route, every client.</summary>
    public static Caller Admin { get; } = new(null, null);

    public bool IsAdmin => ClientId is null;

    /// <summary>For a client key, the one client it reads.</summary>
    public string? ClientId { get; }

    public string? KeyId { get; }

    public static Caller ForClient(string clientId, string keyId) => new(clientId, keyId);

    /// <summary>Whether the caller may read <paramref name="clientId"/>'s data.</summary>
    public bool MayRead(string clientId) => IsAdmin || string.Equals(ClientId, clientId, StringComparison.Ordinal);
}
