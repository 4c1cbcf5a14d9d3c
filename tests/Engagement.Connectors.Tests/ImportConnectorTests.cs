using Engagement.Core.Domain;
using Microsoft.Extensions.Options;

namespace Engagement.Connectors.Tests;

public sealed class ImportConnectorTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("engage-import-").FullName;

    [Fact]
    public async Task AWarningNamesTheLineAndTheInteractionIdAndIsNoError()
    {
        await File.WriteAllLinesAsync(Path.Combine(_root, "acme.jsonl"),
        [
            """{"id":"1","text":"Ciao!","channel":"tiktok","created_at":"2026-09-01T10:00:00Z"}""",
            """{"id":"2","created_at":"2026-09-01T10:00:00Z"}""",
        ]);
        var connector = new ImportConnector(Options.Create(new ConnectorOptions { ImportRoot = _root }));
        var channel = new ChannelDefinition { ClientId = "acme", Id = "social", Platform = ImportConnector.PlatformName, Account = "acme.jsonl" };

        var page = await connector.FetchAsync(channel, null, 10);

        Assert.Equal(["1"], page.Items.Select(i => i.PlatformId));
        Assert.Single(page.Errors);
        var warning = Assert.Single(page.Warnings);
        Assert.StartsWith("acme.jsonl:1: 'channel' 'tiktok'", warning, StringComparison.Ordinal);
        Assert.EndsWith("(interaction social_1)", warning, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
