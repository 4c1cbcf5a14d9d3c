using Azure.Data.Tables;
using Engagement.Core.Ports;
using Engagement.Core.Privacy;
using Engagement.Core.Registration;
using Engagement.LocalHost;
using Engagement.Testing;

namespace Engagement.Storage.Tests;

/// <summary>Retention on the real Interactions table: people's texts and authors cleared and flagged, the brand's kept.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class RetentionOnTablesTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly TestPipeline _pipeline = new(azurite, now: new DateTimeOffset(2026, 11, 21, 12, 0, 0, TimeSpan.Zero));

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _pipeline.DisposeAsync();

    [Fact]
    public async Task OldTextsOfPeopleAreDroppedOnceAndFlagged()
    {
        _pipeline.WriteImport("acme/instagram.jsonl", [
            ApiContract.Line("p1", "2026-10-01T09:00:00Z", brand: true),
            ApiContract.Line("c1", "2026-10-01T10:00:00Z", kind: "comment", parent: "p1", text: "Bellissima @giulia!"),
            ApiContract.Line("c2", "2026-11-20T10:00:00Z", kind: "comment", parent: "p1", text: "Recente"),
        ]);
        var request = new ClientRequest("Acme", "Europe/Rome", null, null, [new("instagram", "import", "acme/instagram.jsonl", null, null)]) { RetentionDays = 30 };
        Assert.True((await _pipeline.Get<ClientRegistration>().RegisterAsync("acme", request)).IsValid);
        await _pipeline.Get<PipelineRunner>().RunAsync(["acme"], tick: false);
        var client = (await _pipeline.Get<IClientStore>().GetAsync("acme"))!;

        var dropped = await _pipeline.Get<RetentionService>().ApplyAsync(client);
        var again = await _pipeline.Get<RetentionService>().ApplyAsync(client);

        Assert.Equal(30, client.RetentionDays);
        Assert.Equal((1, 0), (dropped, again));
        var rows = await Rows();
        Assert.Equal(("", "", true), (rows["c1"].GetString("Text"), rows["c1"].GetString("Author"), rows["c1"].GetBoolean("TextDropped")));
        Assert.Equal("Recente", rows["c2"].GetString("Text"));
        Assert.Equal("@acme", rows["p1"].GetString("Author"));
        Assert.False(string.IsNullOrEmpty(rows["c1"].GetString("Label")));
    }

    private async Task<Dictionary<string, TableEntity>> Rows()
    {
        var table = new TableServiceClient(azurite.ConnectionString).GetTableClient(_pipeline.Prefix + "Interactions");
        var rows = new Dictionary<string, TableEntity>(StringComparer.Ordinal);
        await foreach (var e in table.QueryAsync<TableEntity>())
        {
            rows[e.GetString("PlatformId")] = e;
        }

        return rows;
    }
}
