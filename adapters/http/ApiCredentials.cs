namespace Engagement.Http;

/// <summary>
/// What a caller presents with a request: the key an HTTP request carries (none when it carries none), or
/// <see cref="Local"/> for the <c>engage</c> CLI in its own process, which already holds the storage account's
/// rights and so is treated as the admin.
/// </summary>
public sealed class ApiCredentials
{
    private ApiCredentials(string? key, bool local) => (Key, IsLocal) = (key, local);

    /// <summary>The CLI calling in-process: no key travels, the caller already has the storage rights.</summary>
    public static ApiCredentials Local { get; } = new(null, local: true);

    /// <summary>The key a request carries (the header, else <c>?code=</c>); null or empty when it carries none.</summary>
    public static ApiCredentials FromKey(string? key) => new(string.IsNullOrEmpty(key) ? null : key, local: false);

    internal string? Key { get; }

    internal bool IsLocal { get; }

    /// <summary>Never the key: a credentials object may end up in a log line or a debugger view.</summary>
    public override string ToString() => IsLocal ? "local" : Key is null ? "no key" : "a key";
}
