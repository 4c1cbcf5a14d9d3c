using Engagement.Cli.Commands;
using Engagement.Core.Ports;
using Engagement.Testing;

namespace Engagement.Cli.Tests;

/// <summary>
/// Every engage command driven with bad input as a separate process: it exits non-zero with one line that says what
/// to do (no stack, no raw JSON, no escapes) and writes nothing. The commands come from the root command, so a new
/// one without a case here fails <see cref="EveryCommandHasABadInputCase"/>.
/// </summary>
public sealed class BadInputCommandTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private static readonly string Missing = Path.Combine(Path.GetTempPath(), "engage-no-such-folder");
    private readonly TestPipeline _pipeline = new(azurite);

    /// <summary>Command, arguments, and what its one line must say.</summary>
    public static TheoryData<string, string[], string> Cases => new()
    {
        { "demo", ["demo", "--data", Missing], "does not exist" },
        { "serve", ["serve", "--url", "not-a-url"], "is not an http:// address" },
        { "score", ["score", "--input", Path.Combine(Missing, "in.jsonl")], "does not exist" },
        { "score", ["score", "--input", "{input}", "--output", Path.Combine(Missing, "out.jsonl")], "check the path" },
        { "score", ["score", "--text", "ciao\u0007"], "--text holds a control character (U+0007) at character 5" },
        { "clients add", ["clients", "add", "--file", Path.Combine(Missing, "clients.json")], "check the path" },
        { "clients add", ["clients", "add", "bad", "--name", "Bad", "--channel", "x=nope:acct"], "channels[0].platform: Platform 'nope' has no connector" },
        { "clients add", ["clients", "add", "bad", "--name", "Bad", "--channel", "x=import:bad/x.jsonl", "--retention-days", "0"], "retention_days: Retention is from 1 to 3650 days" },
        { "clients list", ["clients", "list", "{storage-down}"], "storage cannot be reached" },
        { "channels test", ["channels", "test", "nope", "instagram"], "client 'nope' has no channel 'instagram'" },
        { "channels reset", ["channels", "reset", "nope", "instagram"], "client 'nope' has no channel 'instagram'" },
        { "channels reset", ["channels", "reset", "acme", "instagram", "--from", "01/11/2026"], "--from '01/11/2026' is not a date as yyyy-MM-dd" },
        { "ingest", ["ingest", "nope"], "no client 'nope'" },
        { "report", ["report", "nope"], "no client 'nope'" },
        { "inbox", ["inbox", "nope"], "no client 'nope'" },
        { "inbox", ["inbox", "nope", "--json"], "There is no client 'nope'." },
        { "inbox", ["inbox", "Bad Id"], "'Bad Id' is not a client id" },
        { "report", ["report", "nope", "--format", "html"], "There is no client 'nope'." },
        { "report", ["report", "--all", "nope"], "give a client id, or --all for every client" },
        { "runs", ["runs", "nope"], "no client 'nope'" },
        { "interactions", ["interactions", "nope", "--from", "yesterday"], "yyyy-MM-dd" },
        { "label", ["label", "nope", "x", "relational"], "An interaction id is" },
        { "keys create", ["keys", "create", "nope"], "there is no client 'nope'" },
        { "keys list", ["keys", "list", "{storage-down}"], "storage cannot be reached" },
        { "keys revoke", ["keys", "revoke", "nope"], "there is no key 'nope'" },
        { "keys admin", ["keys", "admin", "extra"], "Unrecognized command or argument 'extra'" },
        { "erase", ["erase", "nope", "--author", "@someone"], "there is no client 'nope'" },
        { "train", ["train", "--data", Path.Combine(Missing, "train.jsonl"), "--output", Path.Combine(Missing, "model.zip")], "does not exist" },
    };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _pipeline.DisposeAsync();

    [Fact]
    public void EveryCommandHasABadInputCase()
    {
        var covered = Cases.Select(c => (string)c[0]).ToHashSet(StringComparer.Ordinal);

        Assert.Equal(
            EngageCommands.Leaves(EngageCommands.CreateRoot()).Select(l => l.Path).Order(StringComparer.Ordinal),
            covered.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task ABadInputEndsInOneLineThatSaysWhatToDoAndWritesNothing(string command, string[] arguments, string says)
    {
        var input = _pipeline.WriteImport("in.jsonl", [ApiContract.Line("1", "2026-11-01T10:00:00Z")]);
        var environment = new Dictionary<string, string>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["Engagement__TablePrefix"] = _pipeline.Prefix,
        };
        if (arguments.Contains("{storage-down}"))
        {
            var down = "http://127.0.0.1:9/devstoreaccount1"; // the discard port: nothing answers
            environment["AzureWebJobsStorage"] = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={Engagement.LocalHost.Azurite.AccountKey};TableEndpoint={down};QueueEndpoint={down};BlobEndpoint={down}";
        }

        var args = arguments.Where(a => a != "{storage-down}").Select(a => a == "{input}" ? Path.Combine(_pipeline.ImportRoot, input) : a).ToArray();

        var (exitCode, output) = await EngageProcess.RunAsync(environment, args);

        Assert.NotEqual(0, exitCode);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var error = Assert.Single(lines, l => l.StartsWith("error: ", StringComparison.Ordinal));
        Assert.Contains(says, error, StringComparison.Ordinal);
        Assert.DoesNotContain(lines, l => l.StartsWith("at ", StringComparison.Ordinal));
        Assert.DoesNotContain("Exception", output, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u0027", output, StringComparison.Ordinal);
        Assert.DoesNotContain("{\"", output, StringComparison.Ordinal);
        Assert.Empty(await _pipeline.Get<IClientStore>().ListAsync());
        Assert.False(Directory.Exists(Missing), $"{command} created {Missing}");
    }

    [Fact]
    public async Task VerboseAddsTheDetailsAfterTheOneLine()
    {
        var (exitCode, output) = await EngageProcess.RunAsync(null, "clients", "add", "--file", Path.Combine(Missing, "clients.json"), "--verbose");

        Assert.Equal(1, exitCode);
        Assert.StartsWith("error: ", output, StringComparison.Ordinal);
        Assert.Contains("DirectoryNotFoundException", output, StringComparison.Ordinal);
        Assert.Contains("   at ", output, StringComparison.Ordinal);
    }
}
