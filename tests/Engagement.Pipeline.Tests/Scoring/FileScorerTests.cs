using System.Text;
using System.Text.Json;
using Engagement.Ml;
using Engagement.Pipeline.Scoring;

namespace Engagement.Pipeline.Tests.Scoring;

public sealed class FileScorerTests
{
    private static readonly Lazy<EngagementClassifier> Classifier = new(() => EngagementClassifier.Load());

    [Fact]
    public async Task EveryLineWithTextIsScoredInOrderAndLinesWithoutTextAreReported()
    {
        var input = string.Join('\n',
            """{"id":"a","text":"Grazie mille Sara, ci vediamo sabato!","kind":"reply","author_is_brand":true,"mood":"ignored"}""",
            """{"id":"b"}""",
            "",
            """{"id":"c","text":"Saldi -50% su tutta la collezione, link in bio","kind":"post","author_is_brand":true}""");
        using var output = new MemoryStream();

        var result = await new FileScorer(Classifier.Value).ScoreAsync(new MemoryStream(Encoding.UTF8.GetBytes(input)), csv: false, "in.jsonl", output);

        var lines = Encoding.UTF8.GetString(output.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(2, result.Scored);
        Assert.Equal(["a", "c"], lines.Select(l => l.GetProperty("id").GetString()));
        Assert.Equal(["relational", "broadcast"], lines.Select(l => l.GetProperty("label").GetString()));
        Assert.All(lines, l => Assert.InRange(l.GetProperty("relational_probability").GetDouble(), 0, 1));
        Assert.All(lines, l => Assert.NotEmpty(l.GetProperty("signals").EnumerateArray()));
        var error = Assert.Single(result.Errors);
        Assert.StartsWith("in.jsonl:2:", error, StringComparison.Ordinal);
    }
}
