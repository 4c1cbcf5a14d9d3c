using Azure.Data.Tables;
using Engagement.Ml.Vocabulary;
using Engagement.Testing;

namespace Engagement.Cli.Tests;

/// <summary>
/// A Mastodon channel added, tested and ingested with the real <c>engage</c> process against a loopback replay of
/// the brand's server and a fresh Azurite; the rows are then read as a BI tool reads them.
/// </summary>
public sealed class MastodonEndToEndTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IDisposable
{
    private const string Token = "e2e-mastodon-token-Zx81";
    private readonly PlatformReplay _replay = PlatformReplay.Start();
    private readonly string _prefix = AzuriteFixture.UniquePrefix();

    public void Dispose() => _replay.Dispose();

    [Fact]
    public async Task ChannelsTestShowsWhatWouldBeStoredAndIngestStoresItForBiTools()
    {
        _replay.ServeBrand();
        var account = $"{_replay.Url.GetLeftPart(UriPartial.Authority)}/@panificioaurora";

        var added = await EngageAsync("clients", "add", "aurora", "--name", "Panificio Aurora", "--channel", $"masto=mastodon:{account}", "--secret", "masto=aurora-masto", "--backfill-days", "masto=120");
        Assert.True(added.ExitCode == 0, added.Output);

        var tested = await EngageAsync("channels", "test", "aurora", "masto");
        Assert.True(tested.ExitCode == 0, tested.Output);
        Assert.Contains("token: secret 'aurora-masto'", tested.Output, StringComparison.Ordinal);
        Assert.True(tested.Output.Contains("14 items would be stored (1 without text), 1 bad records, 1 skipped", StringComparison.Ordinal), tested.Output);
        Assert.Contains("rate limit: ", tested.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, tested.Output, StringComparison.Ordinal);
        Assert.Empty(await RowsAsync("Interactions")); // a test writes nothing
        Assert.Null((await RowsAsync("Channels")).Single().GetString("Cursor"));

        var ingested = await EngageAsync("ingest", "aurora");
        Assert.True(ingested.ExitCode == 0, ingested.Output);
        Assert.Contains("14 stored, 1 bad records, 0 failed jobs", ingested.Output, StringComparison.Ordinal);

        var rows = await RowsAsync("Interactions");
        Assert.Equal(14, rows.Count);
        var s1 = rows.Single(r => r.RowKey == "masto_" + MastodonReplay.S1);
        Assert.Equal("aurora_202611", s1.PartitionKey);
        Assert.Equal(("mastodon", "post", true, "it"), (s1.GetString("Platform"), s1.GetString("Kind"), s1.GetBoolean("AuthorIsBrand"), s1.GetString("Language")));
        Assert.Equal("@panificioaurora@" + _replay.Url.Authority, s1.GetString("Author"));
        Assert.StartsWith("Il panettone artigianale è tornato!", s1.GetString("Text"), StringComparison.Ordinal);
        Assert.Equal((12L, 3L, 4L), (s1.GetInt64("Likes")!.Value, s1.GetInt64("Replies")!.Value, s1.GetInt64("Shares")!.Value));
        Assert.Equal(new DateTimeOffset(2026, 11, 27, 8, 45, 12, 318, TimeSpan.Zero), s1.GetDateTimeOffset("CreatedAt"));
        Assert.All(rows, r =>
        {
            Assert.Contains(r.GetString("Label"), new[] { EngagementLabels.Broadcast, EngagementLabels.Relational });
            Assert.InRange(r.GetDouble("RelationalProbability")!.Value, 0, 1);
            Assert.False(string.IsNullOrEmpty(r.GetString("ModelVersion")));
            Assert.Equal("mastodon", r.GetString("Platform"));
        });

        var question = rows.Single(r => r.GetString("PlatformId") == "117687543562960984");
        Assert.Equal(("comment", false, MastodonReplay.S1, MastodonReplay.S1, true), (question.GetString("Kind"), question.GetBoolean("AuthorIsBrand"), question.GetString("ParentId"), question.GetString("ThreadId"), question.GetBoolean("IsQuestion")));
        Assert.StartsWith("pk-", question.GetString("Author"), StringComparison.Ordinal);
        var answer = rows.Single(r => r.GetString("PlatformId") == "117687577477316611");
        Assert.Equal(("reply", true, "117687543562960984"), (answer.GetString("Kind"), answer.GetBoolean("AuthorIsBrand"), answer.GetString("ParentId")));

        var day = (await RowsAsync("DailyEngagement")).Single(d => d.RowKey == "20261127_masto");
        Assert.True(day.GetInt32("CustomerMessagesAnswered") >= 1);
        var channel = (await RowsAsync("Channels")).Single();
        Assert.Equal(("completed-with-errors", "aurora-masto", 120), (channel.GetString("LastRunStatus"), channel.GetString("SecretName"), channel.GetInt32("BackfillDays")!.Value));
        Assert.StartsWith("v1:", channel.GetString("Cursor"), StringComparison.Ordinal);
        Assert.DoesNotContain(rows.Concat(await RowsAsync("Runs")).Append(channel), r => ((IDictionary<string, object>)r).Values.Any(v => v?.ToString()?.Contains(Token, StringComparison.Ordinal) == true));
    }

    [Fact]
    public async Task AChannelOfAnAccountWithoutItsServerIsRefusedAtRegistration()
    {
        var added = await EngageAsync("clients", "add", "aurora", "--name", "Aurora", "--channel", "masto=mastodon:panificioaurora");

        Assert.Equal(1, added.ExitCode);
        Assert.Contains("@user@host", added.Output, StringComparison.Ordinal);
    }

    private Task<(int ExitCode, string Output)> EngageAsync(params string[] arguments) => EngageProcess.RunAsync(
        new Dictionary<string, string>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["Engagement__TablePrefix"] = _prefix,
            ["Engagement__IngestQueueName"] = "jobs-" + _prefix.ToLowerInvariant(),
            ["Engagement__Secrets__aurora-masto"] = Token,
            ["Engagement__Platforms__Mastodon__PageSize"] = "5",
            ["Engagement__Platforms__Mastodon__NotificationsPageSize"] = "3",
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
