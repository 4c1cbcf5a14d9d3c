using Engagement.Core.Ports;
using Engagement.Testing;

namespace Engagement.Cli.Tests;

/// <summary><c>engage clients add --retention-days</c> sets a client's retention, and the same command changes it, as <c>PUT /api/clients/{id}</c> does.</summary>
public sealed class ClientRetentionCommandTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private readonly TestPipeline _pipeline = new(azurite);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _pipeline.DisposeAsync();

    [Fact]
    public async Task RetentionIsSetFromTheCliAndChangedByAddingTheClientAgain()
    {
        var environment = new Dictionary<string, string>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["Engagement__TablePrefix"] = _pipeline.Prefix,
            ["Engagement__ImportRoot"] = _pipeline.ImportRoot,
        };
        _pipeline.WriteImport("acme/instagram.jsonl", [ApiContract.Line("1", "2026-11-01T10:00:00Z")]);
        string[] add = ["clients", "add", "acme", "--name", "Acme", "--channel", "instagram=import:acme/instagram.jsonl"];

        var (first, firstOutput) = await EngageProcess.RunAsync(environment, [.. add, "--retention-days", "30"]);
        var set = await _pipeline.Get<IClientStore>().GetAsync("acme");
        var (second, secondOutput) = await EngageProcess.RunAsync(environment, [.. add, "--retention-days", "365"]);
        var changed = await _pipeline.Get<IClientStore>().GetAsync("acme");

        Assert.True(first == 0, firstOutput);
        Assert.True(second == 0, secondOutput);
        Assert.Equal(30, set!.RetentionDays);
        Assert.Equal(365, changed!.RetentionDays);
    }
}
