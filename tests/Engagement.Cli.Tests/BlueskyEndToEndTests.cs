using Azure.Data.Tables;
using Engagement.Ml.Vocabulary;
using Engagement.Testing;

namespace Engagement.Cli.Tests;

/// <summary>
/// A Bluesky channel added, tested and ingested with the real <c>engage</c> process against loopback replays of the
/// public AppView and the account's PDS and a fresh Azurite; the rows are then read as a BI tool reads them.
/// </summary>
public sealed class BlueskyEndToEndTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IDisposable
{
    private const string AppPassword = "e2e-bsky-app-password-Qw73";
    private readonly PlatformReplay _appView = PlatformReplay.Start();
    private readonly PlatformReplay _pds = PlatformReplay.Start();
    private readonly string _prefix = AzuriteFixture.UniquePrefix();

    public void Dispose()
    {
        _appView.Dispose();
        _pds.Dispose();
    }

    [Fact]
    public async Task ChannelsTestShowsWhatWouldBeStoredAndIngestStoresItForBiTools()
    {
        _appView.ServeAppView();
        _pds.ServePds();

        var added = await EngageAsync("clients", "add", "aurora", "--name", "Panificio Aurora", "--channel", "sky=bluesky:@panificioaurora.bsky.social", "--secret", "sky=auroraSky");
        Assert.True(added.ExitCode == 0, added.Output);

        var tested = await EngageAsync("channels", "test", "aurora", "sky");
        Assert.True(tested.ExitCode == 0, tested.Output);
        Assert.True(tested.Output.Contains("17 items would be stored (1 without text), 0 bad records, 1 skipped", StringComparison.Ordinal), tested.Output);
        Assert.DoesNotContain(AppPassword, tested.Output, StringComparison.Ordinal);
        Assert.Empty(await RowsAsync("Interactions"));

        var ingested = await EngageAsync("ingest", "aurora");
        Assert.True(ingested.ExitCode == 0, ingested.Output);
        Assert.Contains("17 stored, 0 bad records, 0 failed jobs", ingested.Output, StringComparison.Ordinal);

        var rows = await RowsAsync("Interactions");
        Assert.Equal(17, rows.Count);
        Assert.All(rows, r =>
        {
            Assert.Equal(("aurora_202611", "bluesky"), (r.PartitionKey, r.GetString("Platform")));
            Assert.Contains(r.GetString("Label"), new[] { EngagementLabels.Broadcast, EngagementLabels.Relational });
            Assert.StartsWith("at://did:plc:", r.GetString("PlatformId"), StringComparison.Ordinal);
        });

        var p1 = Row(rows, BlueskyReplay.P1);
        Assert.Equal(("post", true, "it", "@panificioaurora.bsky.social"), (p1.GetString("Kind"), p1.GetBoolean("AuthorIsBrand"), p1.GetString("Language"), p1.GetString("Author")));
        Assert.EndsWith("#panettone https://panificioaurora.example/prenota", p1.GetString("Text"), StringComparison.Ordinal);
        Assert.Equal((21L, 3L, 5L), (p1.GetInt64("Likes")!.Value, p1.GetInt64("Replies")!.Value, p1.GetInt64("Shares")!.Value));
        Assert.Equal(new DateTimeOffset(2026, 11, 27, 8, 45, 12, 318, TimeSpan.Zero), p1.GetDateTimeOffset("CreatedAt"));

        var question = Row(rows, BlueskyReplay.GiuliasQuestion);
        Assert.Equal(("comment", false, BlueskyReplay.P1, BlueskyReplay.P1, true), (question.GetString("Kind"), question.GetBoolean("AuthorIsBrand"), question.GetString("ParentId"), question.GetString("ThreadId"), question.GetBoolean("IsQuestion")));
        Assert.StartsWith("pk-", question.GetString("Author"), StringComparison.Ordinal);
        Assert.Equal(new DateTimeOffset(2026, 11, 27, 8, 50, 2, 511, TimeSpan.Zero), question.GetDateTimeOffset("CreatedAt"));
        var answer = Row(rows, BlueskyReplay.BrandAnswer);
        Assert.Equal(("reply", true, BlueskyReplay.GiuliasQuestion), (answer.GetString("Kind"), answer.GetBoolean("AuthorIsBrand"), answer.GetString("ParentId")));
        var photo = Row(rows, BlueskyReplay.Photo);
        Assert.Equal(("", "broadcast"), (photo.GetString("Text"), photo.GetString("Label")));
        Assert.Equal("comment", Row(rows, BlueskyReplay.MarcosMention).GetString("Kind"));

        var day = (await RowsAsync("DailyEngagement")).Single(d => d.RowKey == "20261127_sky");
        Assert.True(day.GetInt32("CustomerMessagesAnswered") >= 1);
        var channel = (await RowsAsync("Channels")).Single();
        Assert.Equal(("succeeded", "auroraSky"), (channel.GetString("LastRunStatus"), channel.GetString("SecretName")));
        Assert.StartsWith("v1:", channel.GetString("Cursor"), StringComparison.Ordinal);
        Assert.Contains(_pds.Requests, r => r.RequestMessage.Body?.Contains(AppPassword, StringComparison.Ordinal) == true);
        Assert.DoesNotContain(rows.Concat(await RowsAsync("Runs")).Append(channel), r => ((IDictionary<string, object>)r).Values.Any(v => v?.ToString()?.Contains(AppPassword, StringComparison.Ordinal) == true));
    }

    [Fact]
    public async Task AChannelThatIsNotABlueskyAccountIsRefusedAtRegistration()
    {
        var added = await EngageAsync("clients", "add", "aurora", "--name", "Aurora", "--channel", "sky=bluesky:panificioaurora");

        Assert.Equal(1, added.ExitCode);
        Assert.Contains("did:plc:", added.Output, StringComparison.Ordinal);
    }

    private static TableEntity Row(List<TableEntity> rows, string platformId) => rows.Single(r => r.GetString("PlatformId") == platformId);

    private Task<(int ExitCode, string Output)> EngageAsync(params string[] arguments) => EngageProcess.RunAsync(
        new Dictionary<string, string>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["Engagement__TablePrefix"] = _prefix,
            ["Engagement__IngestQueueName"] = "jobs-" + _prefix.ToLowerInvariant(),
            ["Engagement__Secrets__auroraSky"] = AppPassword,
            ["Engagement__Platforms__Bluesky__BaseUrl"] = _appView.Url.AbsoluteUri,
            ["Engagement__Platforms__Bluesky__ServiceUrl"] = _pds.Url.AbsoluteUri,
            ["Engagement__Platforms__Bluesky__PageSize"] = "5",
            ["Engagement__Platforms__Bluesky__NotificationsPageSize"] = "4",
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
