using Azure;
using Azure.Security.KeyVault.Secrets;
using Engagement.Connectors.Secrets;
using Engagement.Core.Ports;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NSubstitute;
using NSubstitute.ExceptionExtensions;

namespace Engagement.Connectors.Tests.Secrets;

public sealed class SecretStoreTests
{
    [Fact]
    public async Task WithoutAKeyVaultSecretsComeFromConfiguration()
    {
        using var services = Services(new() { ["Engagement:Secrets:aurora-masto"] = "from-config" });

        var store = services.GetRequiredService<ISecretStore>();

        Assert.IsType<ConfigurationSecretStore>(store);
        Assert.Equal("from-config", await store.GetSecretAsync("aurora-masto"));
        Assert.Null(await store.GetSecretAsync("other"));
    }

    [Fact]
    public void WithAKeyVaultUriSecretsComeFromTheVault()
    {
        using var services = Services(new() { ["Engagement:KeyVaultUri"] = "https://kv-engagement.vault.azure.net/" });

        Assert.IsType<KeyVaultSecretStore>(services.GetRequiredService<ISecretStore>());
        Assert.Equal("kv-engagement.vault.azure.net", services.GetRequiredService<SecretClient>().VaultUri.Host);
    }

    [Fact]
    public async Task TheVaultsAnswersAreTranslatedForTheCore()
    {
        var client = Substitute.For<SecretClient>();
        client.VaultUri.Returns(new Uri("https://kv-engagement.vault.azure.net/"));
        client.GetSecretAsync("present", null, Arg.Any<SecretContentType?>(), Arg.Any<CancellationToken>())
            .Returns(Response.FromValue(SecretModelFactory.KeyVaultSecret(new SecretProperties("present"), "the-token"), Substitute.For<Response>()));
        client.GetSecretAsync("missing", null, Arg.Any<SecretContentType?>(), Arg.Any<CancellationToken>()).ThrowsAsync(new RequestFailedException(404, "SecretNotFound"));
        client.GetSecretAsync("denied", null, Arg.Any<SecretContentType?>(), Arg.Any<CancellationToken>()).ThrowsAsync(new RequestFailedException(403, "Forbidden"));
        var store = new KeyVaultSecretStore(client);

        Assert.Equal("the-token", await store.GetSecretAsync("present"));
        Assert.Null(await store.GetSecretAsync("missing"));
        var denied = await Assert.ThrowsAsync<ConnectorFaultException>(() => store.GetSecretAsync("denied"));
        Assert.Equal(ConnectorFaultKind.Permanent, denied.Kind);
        Assert.Contains("Key Vault Secrets User", denied.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddEngagementConnectors(configuration).BuildServiceProvider();
    }
}
