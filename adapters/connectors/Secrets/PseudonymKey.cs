using System.Security.Cryptography;
using System.Text;
using Engagement.Core.Ports;
using Engagement.Connectors;
using Microsoft.Extensions.Options;

namespace Engagement.Connectors.Secrets;

/// <summary>
/// The pseudonym key: the Key Vault secret <see cref="PseudonymOptions.PseudonymKeySecretName"/> when
/// <c>Engagement__KeyVaultUri</c> is set (it must exist: a key made up here would differ on every instance), else a
/// local file, created on first use with 32 random bytes and owner-only permissions.
/// </summary>
internal sealed class PseudonymKey(ISecretStore secrets, IOptions<ConnectorOptions> connectors, IOptions<PseudonymOptions> options) : IPseudonymKey
{
    /// <summary>Fewest key bytes accepted.</summary>
    public const int MinLength = 32;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private byte[]? _key;

    public async ValueTask<byte[]> GetAsync(CancellationToken cancellationToken = default)
    {
        if (_key is { } known)
        {
            return known;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return _key ??= connectors.Value.KeyVaultUri is not null
                ? await FromVaultAsync(cancellationToken).ConfigureAwait(false)
                : FromFile(options.Value.ResolvedKeyPath());
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<byte[]> FromVaultAsync(CancellationToken cancellationToken)
    {
        var name = options.Value.PseudonymKeySecretName;
        var value = await secrets.GetSecretAsync(name, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException(
                $"Key Vault has no secret '{name}' (the pseudonym key). Create it once: az keyvault secret set --vault-name <vault> --name {name} --value \"$(openssl rand -base64 32)\" (docs/deploy.md).");
        return Decode(value) ?? throw new InvalidOperationException($"The secret '{name}' must hold at least {MinLength} bytes, as base64 (openssl rand -base64 32).");
    }

    /// <summary>The key in the file, made first when there is none.</summary>
    internal static byte[] FromFile(string path)
    {
        if (!File.Exists(path))
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(folder);
            }
            else
            {
                Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }

            try
            {
                var create = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
                if (!OperatingSystem.IsWindows())
                {
                    create.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
                }

                using var stream = new FileStream(path, create);
                stream.Write(Encoding.ASCII.GetBytes(Convert.ToBase64String(RandomNumberGenerator.GetBytes(MinLength)) + "\n"));
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another process made it first: read theirs.
            }
        }

        return Decode(File.ReadAllText(path))
            ?? throw new InvalidOperationException($"The pseudonym key file {path} must hold at least {MinLength} bytes as base64; restore it from a backup (a new key gives everyone new pseudonyms).");
    }

    private static byte[]? Decode(string value)
    {
        try
        {
            var bytes = Convert.FromBase64String(value.Trim());
            return bytes.Length >= MinLength ? bytes : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
