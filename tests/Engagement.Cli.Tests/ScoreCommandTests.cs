namespace Engagement.Cli.Tests;

/// <summary><c>engage score</c> as a person runs it.</summary>
public sealed class ScoreCommandTests
{
    [Fact]
    public async Task ScoringTextPrintsLabelProbabilityAndSignals()
    {
        var (exitCode, output) = await RunAsync("score", "--text", "Nuovi arrivi! Divano Milano a 799€, -20% fino a domenica. Link in bio");

        Assert.Equal(0, exitCode);
        Assert.Contains("label: broadcast", output, StringComparison.Ordinal);
        Assert.Matches(@"relational_probability: 0\.\d{3}", output);
        Assert.Matches("signals: .+", output);
    }

    [Fact]
    public async Task TextThatStartsWithAHandleIsScoredNotReadAsAResponseFile()
    {
        var (exitCode, output) = await RunAsync("score", "--text", "@giulia grazie mille, ci vediamo sabato!");

        Assert.True(exitCode == 0, output);
        Assert.Matches("label: (broadcast|relational)", output);
        Assert.DoesNotContain("Response file", output, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task AnUnknownChannelIsScoredWithAWarningAndAnAliasWithout()
    {
        var unknown = await RunAsync("score", "--text", "Grazie!", "--channel", "tiktok");
        var alias = await RunAsync("score", "--text", "Grazie!", "--channel", "Twitter", "--kind", "Reply", "--brand", "true", "--lang", "it");

        Assert.True(unknown.ExitCode == 0, unknown.Output);
        Assert.Contains("warning: --channel 'tiktok'", unknown.Output, StringComparison.Ordinal);
        Assert.True(alias.ExitCode == 0, alias.Output);
        Assert.DoesNotContain("warning", alias.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AKindOutsideTheVocabularyIsRefused()
    {
        var (exitCode, output) = await RunAsync("score", "--text", "Grazie!", "--kind", "story");

        Assert.NotEqual(0, exitCode);
        Assert.Contains("--kind must be post, comment, reply or dm", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScoringNeedsTextOrAnInputFile()
    {
        var (exitCode, output) = await RunAsync("score");

        Assert.NotEqual(0, exitCode);
        Assert.Contains("--text or --input", output, StringComparison.Ordinal);
    }

    private static Task<(int ExitCode, string Output)> RunAsync(params string[] arguments) => EngageProcess.RunAsync(null, arguments);
}
