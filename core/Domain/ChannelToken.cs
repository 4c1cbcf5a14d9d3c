using Engagement.Core.Ports;

namespace Engagement.Core.Domain;

/// <summary>
/// A channel's token, read from the secret store the first time a connector asks and kept for that job only. Its
/// text form names the secret, never the value, so it can be logged or shown.
/// </summary>
public sealed class ChannelToken
{
    private readonly Func<CancellationToken, Task<string?>> _read;
    private Task<string?>? _value;

    private ChannelToken(string? secretName, Func<CancellationToken, Task<string?>> read)
    {
        SecretName = secretName;
        _read = read;
    }

    /// <summary>A channel that names no secret: connectors read only what is public.</summary>
    public static ChannelToken None { get; } = new(null, _ => Task.FromResult<string?>(null));

    /// <summary>The name of the secret the channel names, or null.</summary>
    public string? SecretName { get; }

    /// <summary>
    /// The channel's token through <paramref name="store"/>. A secret the channel names but the store lacks is a
    /// permanent fault: the channel was set up to read with a token and should not quietly read without one.
    /// </summary>
    public static ChannelToken From(string? secretName, ISecretStore store) =>
        string.IsNullOrEmpty(secretName)
            ? None
            : new ChannelToken(secretName, async ct =>
                await store.GetSecretAsync(secretName, ct).ConfigureAwait(false)
                ?? throw ConnectorFaultException.Permanent($"the channel's secret '{secretName}' is not set: add it to the Key Vault, or set Engagement__Secrets__{secretName}"));

    /// <summary>A token given as it is, for tests and for <c>engage channels test</c> with a token at hand.</summary>
    public static ChannelToken Of(string secretName, string value) => new(secretName, _ => Task.FromResult<string?>(value));

    /// <summary>The token, or null when the channel names no secret.</summary>
    public Task<string?> GetAsync(CancellationToken cancellationToken = default) => _value ??= _read(cancellationToken);

    public override string ToString() => SecretName is null ? "no token" : $"secret '{SecretName}'";
}
