using Engagement.Connectors.Secrets;
using Engagement.Core.Ports;
using Microsoft.Extensions.Options;

namespace Engagement.Connectors.Tests.Secrets;

public sealed class PseudonymKeyTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("engagement-key-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task WithoutKeyVaultAKeyFileIsMadeOnceReadableByItsOwnerOnlyAndKept()
    {
        var path = Path.Combine(_folder, "data", "pseudonym.key");

        var first = await Key(path).GetAsync();
        var again = await Key(path).GetAsync();

        Assert.Equal(32, first.Length);
        Assert.Equal(first, again);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }
    }

    [Fact]
    public async Task AKeyFileTooShortIsRefusedRatherThanReplaced()
    {
        var path = Path.Combine(_folder, "pseudonym.key");
        await File.WriteAllTextAsync(path, Convert.ToBase64String(new byte[8]));

        await Assert.ThrowsAsync<InvalidOperationException>(() => Key(path).GetAsync().AsTask());
        Assert.Equal(Convert.ToBase64String(new byte[8]), await File.ReadAllTextAsync(path));
    }

    [Fact]
    public async Task WithKeyVaultTheSecretIsTheKeyAndAMissingOneSaysHowToCreateIt()
    {
        var stored = Convert.ToBase64String([.. Enumerable.Range(0, 32).Select(i => (byte)i)]);
        var vault = new ConnectorOptions { KeyVaultUri = new Uri("https://vault.example") };

        var key = await new PseudonymKey(new Secrets(new() { ["engagement-pseudonym-key"] = stored }), Options.Create(vault), Options.Create(new PseudonymOptions())).GetAsync();
        var missing = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            new PseudonymKey(new Secrets([]), Options.Create(vault), Options.Create(new PseudonymOptions())).GetAsync().AsTask());

        Assert.Equal(Convert.FromBase64String(stored), key);
        Assert.Contains("az keyvault secret set", missing.Message, StringComparison.Ordinal);
    }

    private static PseudonymKey Key(string path) =>
        new(new Secrets([]), Options.Create(new ConnectorOptions()), Options.Create(new PseudonymOptions { PseudonymKeyPath = path }));

    private sealed class Secrets(Dictionary<string, string> values) : ISecretStore
    {
        public Task<string?> GetSecretAsync(string name, CancellationToken cancellationToken = default) =>
            Task.FromResult(values.GetValueOrDefault(name));
    }
}
