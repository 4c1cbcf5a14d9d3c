using Azure.Data.Tables;
using Engagement.Connectors;
using Engagement.Ml.Vocabulary;
using Engagement.Testing;

namespace Engagement.Cli.Tests;

/// <summary>The README's first command, <c>engage demo</c>, run as a process against a fresh Azurite, twice.</summary>
public sealed class DemoEndToEndTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task DemoStoresEveryInteractionOnceAndASecondRunChangesNoCount()
    {
        var expected = await CountDemoRecordsAsync();

        var first = await RunEngageAsync("demo");
        var afterFirst = await SnapshotAsync();
        var second = await RunEngageAsync("demo");
        var afterSecond = await SnapshotAsync();

        Assert.True(first.ExitCode == 0, first.Output);
        Assert.True(second.ExitCode == 0, second.Output);
        Assert.Contains("interactions/s", first.Output, StringComparison.Ordinal);
        Assert.True(expected >= 2_000, $"the demo ships {expected} interactions");
        Assert.Equal(expected, afterFirst.Interactions);
        Assert.Equal(0, afterFirst.WithoutVerdict);
        Assert.True(afterFirst.Days > 0);
        Assert.Equal(afterFirst, afterSecond);

        var runs = await RunEngageAsync("runs", "cascina-aurora");
        Assert.Equal(0, runs.ExitCode);
        Assert.Contains("succeeded", runs.Output, StringComparison.Ordinal);
        var report = await RunEngageAsync("report", "cascina-aurora", "--from", "2026-08-24", "--to", "2026-11-21", "--json");
        var reported = System.Text.Json.JsonDocument.Parse(report.Output).RootElement.GetProperty("total").GetProperty("interactions").GetInt32();
        Assert.Equal(await CountDemoRecordsAsync("cascina-aurora"), reported);

        // The report as a file a client is sent, the agency overview, and the inbox.
        var page = Path.Combine(Path.GetTempPath(), $"engage-report-{Guid.NewGuid():N}.html");
        try
        {
            var html = await RunEngageAsync("report", "cascina-aurora", "--from", "2026-10-25", "--to", "2026-11-21", "--format", "html", "--output", page);
            Assert.True(html.ExitCode == 0, html.Output);
            var text = await File.ReadAllTextAsync(page);
            Assert.StartsWith("<!DOCTYPE html>", text, StringComparison.Ordinal);
            Assert.Contains("Cascina Aurora", text, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(page);
        }

        var overview = await RunEngageAsync("report", "--all", "--from", "2026-10-25", "--to", "2026-11-21", "--format", "csv");
        Assert.True(overview.ExitCode == 0, overview.Output);
        Assert.Contains("overview,northside-coffee,current,,reply_rate,", overview.Output, StringComparison.Ordinal);
        var inbox = await RunEngageAsync("inbox", "cascina-aurora");
        Assert.True(inbox.ExitCode == 0, inbox.Output);
        Assert.Contains("Cascina Aurora", inbox.Output, StringComparison.Ordinal);
    }

    private sealed record Snapshot(int Interactions, int WithoutVerdict, int Days, long DayInteractions, long DayAnswered);

    private async Task<Snapshot> SnapshotAsync()
    {
        var tables = azurite.Tables;
        int interactions = 0, withoutVerdict = 0, days = 0;
        long dayInteractions = 0, dayAnswered = 0;
        await foreach (var row in tables.GetTableClient("Interactions").QueryAsync<TableEntity>())
        {
            interactions++;
            var label = row.GetString("Label");
            var probability = row.GetDouble("RelationalProbability");
            if (label is not (EngagementLabels.Broadcast or EngagementLabels.Relational) || probability is not (>= 0 and <= 1) || string.IsNullOrEmpty(row.GetString("ModelVersion")))
            {
                withoutVerdict++;
            }
        }

        await foreach (var day in tables.GetTableClient("DailyEngagement").QueryAsync<TableEntity>())
        {
            days++;
            dayInteractions += day.GetInt32("Interactions") ?? 0;
            dayAnswered += day.GetInt32("CustomerMessagesAnswered") ?? 0;
        }

        return new Snapshot(interactions, withoutVerdict, days, dayInteractions, dayAnswered);
    }

    private static async Task<int> CountDemoRecordsAsync(string folder = "")
    {
        var count = 0;
        foreach (var file in Directory.EnumerateFiles(RepositoryPaths.Combine("demo", folder), "*.*", SearchOption.AllDirectories).Where(f => f.EndsWith(".jsonl", StringComparison.Ordinal) || f.EndsWith(".csv", StringComparison.Ordinal)))
        {
            await using var stream = File.OpenRead(file);
            await foreach (var record in InterchangeReader.ReadAsync(stream, InterchangeReader.IsCsv(file), requireCreatedAt: true))
            {
                count += record.Interaction is null ? 0 : 1;
            }
        }

        return count;
    }

    private Task<(int ExitCode, string Output)> RunEngageAsync(params string[] arguments) =>
        EngageProcess.RunAsync(new Dictionary<string, string> { ["AzureWebJobsStorage"] = azurite.ConnectionString }, arguments);
}
