using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Azure.Data.Tables;
using Engagement.Cli.Hosting;
using Engagement.Core.Domain;
using Engagement.LocalHost;
using Engagement.Testing;

namespace Engagement.Cli.Tests;

/// <summary>
/// One text with one set of metadata gets one answer, whichever way it comes in: an interchange file, the HTTP API, the
/// CLI's flags or ingestion. Missing metadata is unknown on every path, and channel names are read alike.
/// </summary>
public sealed partial class SameAnswerOnEveryPathTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly Input[] Inputs =
    [
        new("text-only", "@giulia grazie mille!! 😍"),
        new("no-kind", "Nuova collezione autunno: -30% su tutto, link in bio", Brand: true, Channel: "twitter", Lang: "IT"),
        new("reply", "Sorry for the wait Tom, your order ships tomorrow", Kind: "reply", Brand: true, Channel: "ig", Parent: "c9"),
        new("unknown-channel", "Which blend are you on right now? Tell us 👇", Channel: "tiktok", Lang: "en", Parent: "p0"),
        new("full", "Saldi di fine stagione su tutti i divani, solo questa settimana", Kind: "post", Brand: true, Channel: "instagram", Lang: "it"),
        new("customer", "Ma quando riaprite il negozio di Monza?", Brand: false),
    ];

    [Fact]
    public async Task TheSameTextAndMetadataGetTheSameProbabilityThroughAFileHttpTheCliAndIngestion()
    {
        await using var pipeline = new TestPipeline(azurite);
        var lines = Inputs.Select(i => i.ToJsonLine()).ToArray();

        var file = await ThroughAFileAsync(lines);
        var http = await ThroughHttpAsync(pipeline);
        var ingested = await ThroughIngestionAsync(pipeline, lines);
        var cli = await ThroughTheCliAsync();

        foreach (var input in Inputs)
        {
            var (label, probability) = file[input.Id];
            Assert.Equal((label, probability), http[input.Id]);
            Assert.Equal((label, probability), ingested[input.Id]);
            Assert.Equal(label, cli[input.Id].Label);
            // The CLI prints three decimals of the same number.
            Assert.InRange(cli[input.Id].Probability, probability - 0.0006, probability + 0.0006);
        }
    }

    private static async Task<Dictionary<string, (string Label, double Probability)>> ThroughAFileAsync(string[] lines)
    {
        var directory = Directory.CreateTempSubdirectory("engage-paths-").FullName;
        try
        {
            var input = Path.Combine(directory, "in.jsonl");
            var output = Path.Combine(directory, "out.jsonl");
            await File.WriteAllLinesAsync(input, lines);

            var (exitCode, text) = await EngageProcess.RunAsync(null, "score", "--input", input, "--output", output);

            Assert.True(exitCode == 0, text);
            Assert.Contains("warning: in.jsonl:4: 'channel' 'tiktok'", text, StringComparison.Ordinal);
            return (await File.ReadAllLinesAsync(output)).Select(l => JsonDocument.Parse(l).RootElement).ToDictionary(
                r => r.GetProperty("id").GetString()!,
                r => (r.GetProperty("label").GetString()!, r.GetProperty("relational_probability").GetDouble()));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task<Dictionary<string, (string Label, double Probability)>> ThroughHttpAsync(TestPipeline pipeline)
    {
        await using var serve = await LocalServe.StartAsync(pipeline.Configuration, "test-key-not-a-secret");
        var http = serve.Http;
        var body = "[" + string.Join(',', Inputs.Select(i => i.ToJsonLine())) + "]";

        using var response = await http.PostAsync("/api/score", new StringContent(body, Encoding.UTF8, "application/json"));

        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.True(response.StatusCode == HttpStatusCode.OK, json.ToString());
        return json.GetProperty("results").EnumerateArray().ToDictionary(
            r => r.GetProperty("id").GetString()!,
            r => (r.GetProperty("label").GetString()!, r.GetProperty("relational_probability").GetDouble()));
    }

    private async Task<Dictionary<string, (string Label, double Probability)>> ThroughIngestionAsync(TestPipeline pipeline, string[] lines)
    {
        pipeline.WriteImport("acme/social.jsonl", lines);
        var runner = pipeline.Get<PipelineRunner>();
        await runner.RegisterAsync([new CatalogClient("acme", "Acme", "Europe/Rome", null, null, [new("social", "import", "acme/social.jsonl", null, null)])]);
        var run = await runner.RunAsync(["acme"], tick: false);
        Assert.Equal(Inputs.Length, run.Stored);

        // As BI tools read it: the Interactions table.
        var table = azurite.Tables.GetTableClient(pipeline.Prefix + "Interactions");
        var results = new Dictionary<string, (string, double)>();
        foreach (var input in Inputs)
        {
            var row = (await table.GetEntityAsync<TableEntity>("acme_202611", InteractionIds.Of("social", input.Id))).Value;
            results[input.Id] = (row.GetString("Label"), row.GetDouble("RelationalProbability")!.Value);
        }

        return results;
    }

    private static async Task<Dictionary<string, (string Label, double Probability)>> ThroughTheCliAsync()
    {
        var results = new Dictionary<string, (string, double)>();
        foreach (var input in Inputs)
        {
            var (exitCode, output) = await EngageProcess.RunAsync(null, input.ToArguments());
            Assert.True(exitCode == 0, output);
            results[input.Id] = (
                LabelLine().Match(output).Groups[1].Value,
                double.Parse(ProbabilityLine().Match(output).Groups[1].Value, CultureInfo.InvariantCulture));
        }

        return results;
    }


    [GeneratedRegex("label: (\\w+)")]
    private static partial Regex LabelLine();

    [GeneratedRegex("relational_probability: ([0-9.]+)")]
    private static partial Regex ProbabilityLine();

    /// <summary>One text and what is known about it; null is "not given" on every path.</summary>
    private sealed record Input(string Id, string Text, string? Kind = null, bool? Brand = null, string? Channel = null, string? Lang = null, string? Parent = null)
    {
        public string ToJsonLine() => JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["id"] = Id,
            ["text"] = Text,
            ["kind"] = Kind,
            ["author_is_brand"] = Brand,
            ["channel"] = Channel,
            ["lang"] = Lang,
            ["parent_id"] = Parent,
            ["created_at"] = "2026-11-02T10:00:00Z",
        }.Where(p => p.Value is not null).ToDictionary());

        public string[] ToArguments()
        {
            var arguments = new List<string> { "score", "--text", Text };
            void Add(string flag, string? value)
            {
                if (value is not null)
                {
                    arguments.AddRange([flag, value]);
                }
            }

            Add("--kind", Kind);
            Add("--brand", Brand?.ToString().ToLowerInvariant());
            Add("--channel", Channel);
            Add("--lang", Lang);
            Add("--parent", Parent);
            return [.. arguments];
        }
    }
}
