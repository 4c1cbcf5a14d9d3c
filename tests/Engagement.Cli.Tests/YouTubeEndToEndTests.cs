using Azure.Data.Tables;
using Engagement.Ml.Vocabulary;
using Engagement.Testing;

namespace Engagement.Cli.Tests;

/// <summary>
/// A YouTube channel added, tested and ingested with the real <c>engage</c> process against a loopback replay of the
/// Data API under <c>/youtube/v3</c> and a fresh Azurite; the rows are then read as a BI tool reads them.
/// </summary>
public sealed class YouTubeEndToEndTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IDisposable
{
    private const string ApiKey = "AIzaSyE2E-youtube-key-0000000000000000";
    private readonly PlatformReplay _replay = PlatformReplay.Start();
    private readonly string _prefix = AzuriteFixture.UniquePrefix();

    public void Dispose() => _replay.Dispose();

    [Fact]
    public async Task ChannelsTestShowsWhatWouldBeStoredAndIngestStoresItForBiTools()
    {
        _replay.ServeChannel();

        var added = await EngageAsync("clients", "add", "aurora", "--name", "Panificio Aurora", "--channel", "yt=youtube:https://www.youtube.com/@panificioaurora", "--secret", "yt=auroraYouTube");
        Assert.True(added.ExitCode == 0, added.Output);

        var tested = await EngageAsync("channels", "test", "aurora", "yt");
        Assert.True(tested.ExitCode == 0, tested.Output);
        Assert.True(tested.Output.Contains("17 items would be stored (0 without text), 1 bad records, 0 skipped", StringComparison.Ordinal), tested.Output);
        Assert.DoesNotContain(ApiKey, tested.Output, StringComparison.Ordinal);
        Assert.Empty(await RowsAsync("Interactions"));

        var ingested = await EngageAsync("ingest", "aurora");
        Assert.True(ingested.ExitCode == 0, ingested.Output);
        Assert.Contains("17 stored, 1 bad records, 0 failed jobs", ingested.Output, StringComparison.Ordinal);

        var rows = await RowsAsync("Interactions");
        Assert.Equal(17, rows.Count);
        Assert.All(rows, r =>
        {
            Assert.Equal(("aurora_202611", "youtube"), (r.PartitionKey, r.GetString("Platform")));
            Assert.Contains(r.GetString("Label"), new[] { EngagementLabels.Broadcast, EngagementLabels.Relational });
        });

        var video = Row(rows, YouTubeReplay.Panettone);
        Assert.Equal(("post", true, "it", "@panificioaurora"), (video.GetString("Kind"), video.GetBoolean("AuthorIsBrand"), video.GetString("Language"), video.GetString("Author")));
        Assert.StartsWith("Panettone artigianale: 72 ore in 8 minuti 🎄\n\nDal lievito madre", video.GetString("Text"), StringComparison.Ordinal);
        Assert.Equal((391L, 57L, 4817L), (video.GetInt64("Likes")!.Value, video.GetInt64("Replies")!.Value, video.GetInt64("Reach")!.Value));
        Assert.Equal(new DateTimeOffset(2026, 11, 26, 17, 0, 6, TimeSpan.Zero), video.GetDateTimeOffset("CreatedAt"));

        var question = Row(rows, YouTubeReplay.GiuliasThread);
        Assert.Equal(("comment", false, YouTubeReplay.Panettone, YouTubeReplay.Panettone, true), (question.GetString("Kind"), question.GetBoolean("AuthorIsBrand"), question.GetString("ParentId"), question.GetString("ThreadId"), question.GetBoolean("IsQuestion")));
        Assert.StartsWith("pk-", question.GetString("Author"), StringComparison.Ordinal);
        var answer = Row(rows, YouTubeReplay.BrandReplyToGiulia);
        Assert.Equal(("reply", true, YouTubeReplay.GiuliasThread, "@panificioaurora"), (answer.GetString("Kind"), answer.GetBoolean("AuthorIsBrand"), answer.GetString("ParentId"), answer.GetString("Author")));
        Assert.Equal("Certo Giulia! Scrivi \"senza canditi\" nelle note dell'ordine: https://panificioaurora.example/prenota 👍", answer.GetString("Text"));

        var day = (await RowsAsync("DailyEngagement")).Single(d => d.RowKey == "20261126_yt");
        Assert.True(day.GetInt32("CustomerMessagesAnswered") >= 1);
        var channel = (await RowsAsync("Channels")).Single();
        Assert.Equal(("completed-with-errors", "auroraYouTube"), (channel.GetString("LastRunStatus"), channel.GetString("SecretName")));
        Assert.Contains(await RowsAsync("Runs"), r => r.GetString("Error")?.Contains("youtube video oLKn1U0ewCk: it is listed as 'Deleted video'", StringComparison.Ordinal) == true);
        Assert.All(_replay.Requests, r => Assert.Equal(ApiKey, r.RequestMessage.Headers!["X-Goog-Api-Key"].Single()));
        Assert.DoesNotContain(rows.Concat(await RowsAsync("Runs")).Append(channel), r => ((IDictionary<string, object>)r).Values.Any(v => v?.ToString()?.Contains(ApiKey, StringComparison.Ordinal) == true));
    }

    [Fact]
    public async Task AChannelThatIsNotAYouTubeChannelIsRefusedAtRegistration()
    {
        var added = await EngageAsync("clients", "add", "aurora", "--name", "Aurora", "--channel", "yt=youtube:https://www.youtube.com/c/PanificioAurora");

        Assert.Equal(1, added.ExitCode);
        Assert.Contains("UC followed by 22 characters", added.Output, StringComparison.Ordinal);
    }

    private static TableEntity Row(List<TableEntity> rows, string platformId) => rows.Single(r => r.GetString("PlatformId") == platformId);

    private Task<(int ExitCode, string Output)> EngageAsync(params string[] arguments) => EngageProcess.RunAsync(
        new Dictionary<string, string>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["Engagement__TablePrefix"] = _prefix,
            ["Engagement__IngestQueueName"] = "jobs-" + _prefix.ToLowerInvariant(),
            ["Engagement__Secrets__auroraYouTube"] = ApiKey,
            ["Engagement__Platforms__YouTube__BaseUrl"] = _replay.ApiRoot().AbsoluteUri,
            ["Engagement__Platforms__YouTube__PageSize"] = "3",
            ["Engagement__Platforms__YouTube__CommentsPageSize"] = "3",
            ["Engagement__Platforms__RetryDelay"] = "00:00:00",
        },
        arguments);

    private async Task<List<TableEntity>> RowsAsync(string table)
    {
        var rows = new List<TableEntity>();
        var client = azurite.Tables.GetTableClient(_prefix + table);
        await client.CreateIfNotExistsAsync();
        await foreach (var row in client.QueryAsync<TableEntity>())
        {
            rows.Add(row);
        }

        return rows;
    }
}
