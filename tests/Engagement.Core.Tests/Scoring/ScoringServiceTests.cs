using System.Text;
using System.Text.Json;
using Engagement.Connectors;
using Engagement.Core.Scoring;
using Engagement.Core.Tests.Fakes;
using Engagement.Ml.Vocabulary;

namespace Engagement.Core.Tests.Scoring;

public sealed class ScoringServiceTests
{
    private readonly ScoringService _scoring = new(CoreHarness.Classifier.Value);

    [Fact]
    public async Task EveryLineWithTextIsScoredInOrderAndLinesWithoutTextAreReported()
    {
        var input = string.Join('\n',
            """{"id":"a","text":"Grazie mille Sara, ci vediamo sabato!","kind":"reply","author_is_brand":true,"mood":"ignored"}""",
            """{"id":"b"}""",
            "",
            """{"id":"c","text":"Saldi -50% su tutta la collezione, link in bio","kind":"post","author_is_brand":true}""");
        using var output = new MemoryStream();

        var records = InterchangeReader.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(input)), csv: false);
        var result = await _scoring.ScoreFileAsync(records, "in.jsonl", output);

        var lines = Encoding.UTF8.GetString(output.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(2, result.Scored);
        Assert.Equal(["a", "c"], lines.Select(l => l.GetProperty("id").GetString()));
        Assert.Equal(["relational", "broadcast"], lines.Select(l => l.GetProperty("label").GetString()));
        Assert.All(lines, l => Assert.InRange(l.GetProperty("relational_probability").GetDouble(), 0, 1));
        Assert.All(lines, l => Assert.NotEmpty(l.GetProperty("signals").EnumerateArray()));
        var error = Assert.Single(result.Errors);
        Assert.StartsWith("in.jsonl:2:", error, StringComparison.Ordinal);
    }

    [Fact]
    public void AnIngestedInteractionAndAScoreRequestWithTheSameMetadataGetTheSameProbability()
    {
        var interaction = CoreHarness.Item("c1", "2026-11-02T10:00:00Z", InteractionKind.Comment, parent: "p1", text: "Fate consegne a Bergamo? Vorrei il divano verde");
        var request = new ScoreRequest(interaction.Text, "c1", InteractionKind.Comment, Channel.Instagram, AuthorIsBrand: false, ParentId: "p1");

        var ingested = _scoring.Score([ScoreRequest.Of(interaction)]).Single();
        var requested = _scoring.Score([request]).Single();

        Assert.Equal(requested.RelationalProbability, ingested.RelationalProbability);
        Assert.Equal(requested.Label, ingested.Label);
        Assert.Equal(requested.Signals, ingested.Signals);
    }

    [Fact]
    public void AMissingParentStaysUnknownRatherThanNo()
    {
        // Hosts differ on whether a comment's parent is the post or nothing, so only a given parent speaks.
        Assert.Null(new ScoreRequest("ciao").ToClassifierInput().HasParent);
        Assert.Null(new ScoreRequest("ciao", ParentId: " ").ToClassifierInput().HasParent);
        Assert.True(new ScoreRequest("ciao", ParentId: "p").ToClassifierInput().HasParent);
    }

    [Fact]
    public async Task ALineWithoutMetadataIsScoredAsTheSameTextAloneIs()
    {
        // The file path once read a line without kind, author or channel as a customer's post on "other".
        const string Text = "Nuova collezione: scopri i divani in saldo, link in bio";
        var records = InterchangeReader.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes($$"""{"id":"a","text":"{{Text}}","lang":""}""")), csv: false);
        var interaction = (await records.SingleAsync()).Interaction!;

        Assert.Equal(new ScoreRequest(Text).ToClassifierInput(), ScoreRequest.Of(interaction).ToClassifierInput());
        var alone = _scoring.Score([new ScoreRequest(Text)]).Single();
        var fromFile = _scoring.Score([ScoreRequest.Of(interaction)]).Single();
        Assert.Equal(alone.RelationalProbability, fromFile.RelationalProbability);
        Assert.Equal(alone.Signals, fromFile.Signals);
    }

    [Fact]
    public async Task AnUnknownChannelIsScoredAndItsWarningReportedButNotCountedAsAnError()
    {
        var input = """{"id":"a","text":"Grazie ragazzi, servizio top!","channel":"tiktok"}""" + "\n" + """{"id":"b","text":"Che bello","channel":"twitter"}""";
        using var output = new MemoryStream();

        var records = InterchangeReader.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(input)), csv: false);
        var result = await _scoring.ScoreFileAsync(records, "in.jsonl", output);

        Assert.Equal(2, result.Scored);
        Assert.Empty(result.Errors);
        var warning = Assert.Single(result.Warnings);
        Assert.StartsWith("in.jsonl:1: 'channel' 'tiktok'", warning, StringComparison.Ordinal);
        var lines = Encoding.UTF8.GetString(output.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Single(lines[0].GetProperty("warnings").EnumerateArray());
        Assert.False(lines[1].TryGetProperty("warnings", out _));
    }
}
