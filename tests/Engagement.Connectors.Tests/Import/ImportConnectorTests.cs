using Engagement.Core.Domain;
using Engagement.Core.Ports;
using Microsoft.Extensions.Options;

namespace Engagement.Connectors.Tests.Import;

public sealed class ImportConnectorTests
{
    [Fact]
    public async Task AMissingFileIsAPermanentFaultThatNamesItWithoutTheServersPath()
    {
        var root = Directory.CreateTempSubdirectory("engagement-imports-").FullName;
        try
        {
            var connector = new ImportConnector(Options.Create(new ConnectorOptions { ImportRoot = root }));
            var request = new ConnectorRequest(
                new ChannelDefinition { ClientId = "acme", Id = "ig", Platform = "import", Account = "acme/instagram.jsonl" },
                null,
                new PageBudget(100, 10),
                ChannelSettings.Default,
                ChannelToken.None);

            var fault = await Assert.ThrowsAsync<ConnectorFaultException>(() => connector.FetchAsync(request));

            Assert.Equal(ConnectorFaultKind.Permanent, fault.Kind);
            Assert.Equal("import file 'acme/instagram.jsonl' does not exist under the import root", fault.Message);
            Assert.DoesNotContain(root, fault.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task AWarningNamesTheLineAndTheInteractionIdAndIsNoError()
    {
        var root = Directory.CreateTempSubdirectory("engagement-imports-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(root, "acme"));
            await File.WriteAllLinesAsync(Path.Combine(root, "acme", "social.jsonl"),
            [
                """{"id":"1","text":"Ciao!","channel":"tiktok","created_at":"2026-09-01T10:00:00Z"}""",
                """{"id":"2","created_at":"2026-09-01T10:00:00Z"}""",
            ]);
            var connector = new ImportConnector(Options.Create(new ConnectorOptions { ImportRoot = root }));
            var request = new ConnectorRequest(
                new ChannelDefinition { ClientId = "acme", Id = "social", Platform = "import", Account = "acme/social.jsonl" },
                null,
                new PageBudget(100, 10),
                ChannelSettings.Default,
                ChannelToken.None);

            var page = await connector.FetchAsync(request);

            Assert.Equal(["1"], page.Items.Select(i => i.PlatformId));
            Assert.Single(page.Errors);
            var warning = Assert.Single(page.Warnings);
            Assert.StartsWith("acme/social.jsonl:1: 'channel' 'tiktok'", warning, StringComparison.Ordinal);
            Assert.EndsWith("(interaction social_1)", warning, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
