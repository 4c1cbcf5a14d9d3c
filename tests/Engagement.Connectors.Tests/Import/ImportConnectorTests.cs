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
}
