using System.Net;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Engagement.Cli.Hosting;
using Engagement.Core.Domain;
using Engagement.Core.Ports;
using Engagement.LocalHost;
using Engagement.Testing;

namespace Engagement.Cli.Tests;

/// <summary>
/// One input contract on every path: the same records through file ingestion (Azurite), the HTTP API (the real app on
/// loopback) and the CLI get the same verdict, the same truncation flag and the same probability; text over the limit
/// is scored cut, at a boundary that splits no character; invalid UTF-8, NUL and empty text are refused on each path,
/// saying why, and the records around them are still read.
/// </summary>
public sealed class OneInputContractTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string Words = "Grazie mille per la risposta, ci vediamo sabato in negozio a Monza! ";

    private static readonly string AtLimit = Fill(Interaction.MaxTextLength);

    private static readonly string OverByOne = Fill(Interaction.MaxTextLength + 1);

    private static readonly string Long = Fill(50_000);

    // No space in the last 200 characters before the limit, and an emoji whose surrogate pair straddles it.
    private static readonly string EmojiOnCut = Fill(Interaction.MaxTextLength - 300) + new string('a', 299) + "😍" + new string('b', 500);

    /// <summary>Good records: id, text, and whether every path must say it was cut.</summary>
    private static readonly (string Id, string Text, bool Truncated)[] Good =
    [
        ("at-limit", AtLimit, false),
        ("over-by-one", OverByOne, true),
        ("long", Long, true),
        ("long-cut", InputContract.Cut(Long), false),
        ("emoji-on-cut", EmojiOnCut, true),
        ("short", "Quando riaprite il negozio di Monza?", false),
    ];

    /// <summary>Bad records: id, the line's bytes, and the words every path must say about it.</summary>
    private static readonly (string Id, byte[] Line, string Problem)[] Bad =
    [
        ("bad-utf8", [.. Encoding.UTF8.GetBytes("""{"id":"bad-utf8","text":"caff"""), 0xE8, 0x28, .. Encoding.UTF8.GetBytes("""buono","created_at":"2026-11-02T10:00:00Z"}""")], "not UTF-8"),
        ("nul", Encoding.UTF8.GetBytes("""{"id":"nul","text":"ciao\u0000tutti","created_at":"2026-11-02T10:00:00Z"}"""), "control character (U+0000)"),
        ("empty", Encoding.UTF8.GetBytes("""{"id":"empty","text":"","created_at":"2026-11-02T10:00:00Z"}"""), "'text'"),
    ];

    [Fact]
    public void TheCutSplitsNoCharacterAndPrefersAWordBoundary()
    {
        var cut = InputContract.Cut(EmojiOnCut);
        Assert.Equal(Interaction.MaxTextLength - 1, cut.Length);
        Assert.False(char.IsSurrogate(cut[^1]));

        var words = InputContract.Cut(Long);
        Assert.True(words.Length <= Interaction.MaxTextLength);
        Assert.True(Interaction.MaxTextLength - words.Length < Words.Length, words.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.StartsWith(words, Long, StringComparison.Ordinal);
        Assert.True(char.IsWhiteSpace(Long[words.Length]), "the cut ends at a word's end");
        Assert.Same(AtLimit, InputContract.Cut(AtLimit));

        // A letter and its combining accent stay together.
        var accented = new string('x', Interaction.MaxTextLength - 1) + "e\u0301" + "tail";
        Assert.Equal(Interaction.MaxTextLength - 1, InputContract.Cut(accented).Length);
    }

    [Fact]
    public async Task EveryPathGivesTheSameVerdictFlagAndProbabilityAndRefusesTheSameRecords()
    {
        await using var pipeline = new TestPipeline(azurite);

        var ingested = await ThroughIngestionAsync(pipeline);
        var http = await ThroughHttpAsync(pipeline);
        var cli = await ThroughTheCliAsync();

        foreach (var (id, _, truncated) in Good)
        {
            Assert.Equal(truncated, ingested.Verdicts[id].Truncated);
            Assert.Equal(ingested.Verdicts[id], http.Verdicts[id]);
            Assert.Equal(ingested.Verdicts[id], cli.Verdicts[id]);
        }

        // Scored cut: the long text gets exactly the answer its cut text gets alone.
        Assert.Equal(ingested.Verdicts["long-cut"] with { Truncated = true }, ingested.Verdicts["long"]);

        foreach (var (id, _, problem) in Bad)
        {
            Assert.False(ingested.Verdicts.ContainsKey(id));
            Assert.Contains(problem, ingested.Problems[id], StringComparison.Ordinal);
            Assert.Contains(problem, http.Problems[id], StringComparison.Ordinal);
            Assert.Contains(problem, cli.Problems[id], StringComparison.Ordinal);
        }
    }

    private async Task<PathAnswers> ThroughIngestionAsync(TestPipeline pipeline)
    {
        var path = Path.Combine(pipeline.ImportRoot, "acme", "social.jsonl");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path, FileBytes());
        var runner = pipeline.Get<PipelineRunner>();
        await runner.RegisterAsync([new CatalogClient("acme", "Acme", "Europe/Rome", null, null, [new("social", "import", "acme/social.jsonl", null, null)])]);

        var run = await runner.RunAsync(["acme"], tick: false);

        Assert.Equal(Good.Length, run.Stored);
        Assert.Equal(Bad.Length, run.Errors);
        var table = azurite.Tables.GetTableClient(pipeline.Prefix + "Interactions");
        var answers = new PathAnswers();
        foreach (var (id, text, _) in Good)
        {
            var row = (await table.GetEntityAsync<TableEntity>("acme_202611", InteractionIds.Of("social", id))).Value;
            var stored = row.GetString("Text");
            Assert.Equal(InputContract.Cut(text), stored);
            Assert.True(Encoding.UTF8.GetByteCount(stored) == new UTF8Encoding(false, true).GetBytes(stored).Length, "the stored text is whole characters");
            answers.Verdicts[id] = new Verdict(row.GetString("Label"), row.GetDouble("RelationalProbability")!.Value, row.GetBoolean("TextTruncated") == true);
        }

        // Each bad line is reported with its number in the run; the lines after it were read.
        var errors = string.Join('\n', (await pipeline.Get<IRunStore>().ListRecentAsync("acme", 10)).Select(r => r.Error));
        for (var i = 0; i < Bad.Length; i++)
        {
            var line = errors.Split('\n').Single(e => e.StartsWith($"acme/social.jsonl:{Good.Length + i + 1}:", StringComparison.Ordinal));
            answers.Problems[Bad[i].Id] = line;
        }

        return answers;
    }

    private static async Task<PathAnswers> ThroughHttpAsync(TestPipeline pipeline)
    {
        await using var serve = await LocalServe.StartAsync(pipeline.Configuration, "test-key-not-a-secret");
        var http = serve.Http;
        var answers = new PathAnswers();
        foreach (var (id, text, _) in Good)
        {
            var json = await PostAsync(http, Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { id, text })), HttpStatusCode.OK);
            answers.Verdicts[id] = new Verdict(
                json.GetProperty("label").GetString()!,
                json.GetProperty("relational_probability").GetDouble(),
                json.TryGetProperty("truncated", out var truncated) && truncated.GetBoolean());
        }

        foreach (var (id, line, _) in Bad)
        {
            var json = await PostAsync(http, line, HttpStatusCode.BadRequest);
            var errors = json.GetProperty("errors");
            Assert.True(errors.TryGetProperty(id == "bad-utf8" ? "body" : "text", out var field), json.ToString());
            answers.Problems[id] = field[0].GetString()!;
        }

        return answers;
    }

    private static async Task<PathAnswers> ThroughTheCliAsync()
    {
        // The whole file on standard input, as bytes: the CLI reads what a file holds, invalid bytes included.
        var (exitCode, output) = await EngageProcess.RunAsync(null, FileBytes(), "score", "--input", "-");

        // The good records are scored; the bad ones are said one per line, counted, and make the exit code 1.
        Assert.True(exitCode == 1, output);
        Assert.Contains($"{Bad.Length} bad record(s) skipped, {Good.Length} scored", output, StringComparison.Ordinal);
        var answers = new PathAnswers();
        foreach (var line in output.Split('\n').Where(l => l.StartsWith('{')))
        {
            var json = JsonDocument.Parse(line).RootElement;
            answers.Verdicts[json.GetProperty("id").GetString()!] = new Verdict(
                json.GetProperty("label").GetString()!,
                json.GetProperty("relational_probability").GetDouble(),
                json.TryGetProperty("truncated", out var truncated) && truncated.GetBoolean());
        }

        for (var i = 0; i < Bad.Length; i++)
        {
            answers.Problems[Bad[i].Id] = output.Split('\n').Single(l => l.StartsWith($"skipped stdin:{Good.Length + i + 1}:", StringComparison.Ordinal));
        }

        // The text flag says the same of one text given as an argument.
        var (textExit, textOutput) = await EngageProcess.RunAsync(null, "score", "--text", OverByOne);
        Assert.True(textExit == 0, textOutput);
        Assert.Contains("truncated: true", textOutput, StringComparison.Ordinal);
        Assert.Contains($"label: {answers.Verdicts["over-by-one"].Label}", textOutput, StringComparison.Ordinal);
        return answers;
    }

    private static byte[] FileBytes()
    {
        using var file = new MemoryStream();
        foreach (var (id, text, _) in Good)
        {
            file.Write(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new Dictionary<string, string> { ["id"] = id, ["text"] = text, ["created_at"] = "2026-11-02T10:00:00Z" })));
            file.WriteByte((byte)'\n');
        }

        foreach (var (_, line, _) in Bad)
        {
            file.Write(line);
            file.WriteByte((byte)'\n');
        }

        return file.ToArray();
    }

    private static async Task<JsonElement> PostAsync(HttpClient http, byte[] body, HttpStatusCode expected)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var response = await http.PostAsync("/api/score", content);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static string Fill(int length)
    {
        var text = new StringBuilder(length + Words.Length);
        while (text.Length < length)
        {
            text.Append(Words);
        }

        // Files trim their fields, so no text here ends on a space.
        text.Length = length;
        if (char.IsWhiteSpace(text[^1]))
        {
            text[^1] = '!';
        }

        return text.ToString();
    }


    private sealed record Verdict(string Label, double Probability, bool Truncated);

    private sealed class PathAnswers
    {
        public Dictionary<string, Verdict> Verdicts { get; } = [];

        public Dictionary<string, string> Problems { get; } = [];
    }
}
