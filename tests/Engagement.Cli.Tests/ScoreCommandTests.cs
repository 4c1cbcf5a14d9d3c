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
    public async Task ScoringNeedsTextOrAnInputFile()
    {
        var (exitCode, output) = await RunAsync("score");

        Assert.NotEqual(0, exitCode);
        Assert.Contains("--text or --input", output, StringComparison.Ordinal);
    }

    private static Task<(int ExitCode, string Output)> RunAsync(params string[] arguments) => EngageProcess.RunAsync(null, arguments);
}
