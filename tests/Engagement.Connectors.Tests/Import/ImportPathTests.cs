using Engagement.Core.Domain;
using Engagement.Core.Ports;
using Microsoft.Extensions.Options;

namespace Engagement.Connectors.Tests.Import;

/// <summary>
/// An import channel reads only files in its own client's folder below the import root: no '..', no absolute path,
/// no link, to a file or to a folder, may lead to another client's file or out of the root.
/// </summary>
public sealed class ImportPathTests : IDisposable
{
    private readonly string _sandbox = Directory.CreateTempSubdirectory("engagement-import-paths-").FullName;
    private readonly string _root;
    private readonly ImportConnector _connector;

    public ImportPathTests()
    {
        _root = Path.Combine(_sandbox, "imports");
        Write("acme/instagram.jsonl", "acme-1");
        Write("beta/instagram.jsonl", "beta-1");
        File.WriteAllText(Path.Combine(_sandbox, "outside.jsonl"), Line("outside-1"));
        _connector = new ImportConnector(Options.Create(new ConnectorOptions { ImportRoot = _root }));
    }

    public void Dispose() => Directory.Delete(_sandbox, recursive: true);

    [Fact]
    public async Task AClientReadsAFileInItsOwnFolder()
    {
        Assert.Null(_connector.Validate(Channel("acme/instagram.jsonl")));
        Assert.Equal(["acme-1"], await ReadAsync("acme/instagram.jsonl"));
    }

    [Fact]
    public async Task ALinkThatStaysInTheClientsFolderIsFollowed()
    {
        File.CreateSymbolicLink(Path.Combine(_root, "acme", "latest.jsonl"), "instagram.jsonl");

        Assert.Null(_connector.Validate(Channel("acme/latest.jsonl")));
        Assert.Equal(["acme-1"], await ReadAsync("acme/latest.jsonl"));
    }

    [Theory]
    [InlineData("beta/instagram.jsonl")]
    [InlineData("acme/../beta/instagram.jsonl")]
    [InlineData("../outside.jsonl")]
    [InlineData("acme/../../outside.jsonl")]
    [InlineData("instagram.jsonl")]
    public async Task APathOutsideTheClientsFolderIsRefused(string account) => await AssertRefusedAsync(account);

    [Fact]
    public async Task AFileLinkToAnotherClientsFileIsRefused()
    {
        File.CreateSymbolicLink(Path.Combine(_root, "acme", "borrowed.jsonl"), Path.Combine(_root, "beta", "instagram.jsonl"));

        await AssertRefusedAsync("acme/borrowed.jsonl");
    }

    [Fact]
    public async Task AFileLinkOutOfTheRootIsRefused()
    {
        File.CreateSymbolicLink(Path.Combine(_root, "acme", "escape.jsonl"), Path.Combine("..", "..", "outside.jsonl"));

        await AssertRefusedAsync("acme/escape.jsonl");
    }

    [Fact]
    public async Task AFolderLinkToAnotherClientsFolderIsRefused()
    {
        Directory.CreateSymbolicLink(Path.Combine(_root, "acme", "shared"), Path.Combine(_root, "beta"));

        await AssertRefusedAsync("acme/shared/instagram.jsonl");
    }

    [Fact]
    public async Task DotDotAfterAFolderLinkClimbsFromWhereTheLinkLeads()
    {
        // As the OS reads it, acme/deep/../instagram.jsonl is beta/instagram.jsonl when acme/deep links to beta/sub:
        // a check that folded '..' away first would see acme/instagram.jsonl and let beta's file through.
        Directory.CreateDirectory(Path.Combine(_root, "beta", "sub"));
        Directory.CreateSymbolicLink(Path.Combine(_root, "acme", "deep"), Path.Combine(_root, "beta", "sub"));

        await AssertRefusedAsync("acme/deep/../instagram.jsonl");
    }

    [Fact]
    public async Task AClientsFolderThatIsALinkToAnotherClientsIsRefused()
    {
        Directory.CreateSymbolicLink(Path.Combine(_root, "gamma"), Path.Combine(_root, "beta"));

        await AssertRefusedAsync("gamma/instagram.jsonl", "gamma");
    }

    [Fact]
    public async Task ALinkLoopIsRefused()
    {
        File.CreateSymbolicLink(Path.Combine(_root, "acme", "a.jsonl"), "b.jsonl");
        File.CreateSymbolicLink(Path.Combine(_root, "acme", "b.jsonl"), "a.jsonl");

        await AssertRefusedAsync("acme/a.jsonl");
    }

    [Theory]
    [InlineData("/etc/hosts.csv")]
    [InlineData("")]
    public async Task AnAbsoluteOrEmptyPathIsRefused(string account)
    {
        Assert.NotNull(_connector.Validate(Channel(account)));
        var fault = await Assert.ThrowsAsync<ConnectorFaultException>(() => ReadAsync(account));
        Assert.Equal(ConnectorFaultKind.Permanent, fault.Kind);
    }

    private async Task AssertRefusedAsync(string account, string clientId = "acme")
    {
        var problem = _connector.Validate(Channel(account, clientId));
        var fault = await Assert.ThrowsAsync<ConnectorFaultException>(() => ReadAsync(account, clientId));

        Assert.NotNull(problem);
        Assert.Contains($"outside client '{clientId}''s folder", problem, StringComparison.Ordinal);
        Assert.Equal(ConnectorFaultKind.Permanent, fault.Kind);
        Assert.DoesNotContain(_sandbox, problem + fault.Message, StringComparison.Ordinal);
    }

    private async Task<IReadOnlyList<string>> ReadAsync(string account, string clientId = "acme")
    {
        var page = await _connector.FetchAsync(new ConnectorRequest(Channel(account, clientId), null, new PageBudget(100, 10), ChannelSettings.Default, ChannelToken.None));
        return page.Items.Select(i => i.PlatformId).ToList();
    }

    private static ChannelDefinition Channel(string account, string clientId = "acme") =>
        new() { ClientId = clientId, Id = "ig", Platform = "import", Account = account };

    private void Write(string relative, string id)
    {
        var path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, Line(id));
    }

    private static string Line(string id) => $$"""{"id":"{{id}}","text":"Ciao!","created_at":"2026-09-01T10:00:00Z"}""" + "\n";
}
