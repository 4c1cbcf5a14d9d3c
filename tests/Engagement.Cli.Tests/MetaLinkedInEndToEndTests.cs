using Azure.Data.Tables;
using Engagement.Ml.Vocabulary;
using Engagement.Testing;

namespace Engagement.Cli.Tests;

/// <summary>
/// A Facebook Page, an Instagram account and a LinkedIn organization, each added and ingested with the real
/// <c>engage</c> process against a loopback replay of its API and a fresh Azurite; the rows are then read as a BI tool
/// reads them.
/// </summary>
public sealed class MetaLinkedInEndToEndTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IDisposable
{
    private readonly PlatformReplay _replay = PlatformReplay.Start();
    private readonly string _prefix = AzuriteFixture.UniquePrefix();

    public void Dispose() => _replay.Dispose();

    /// <summary>The backfill depth that makes today's <c>since</c> the recordings' (2026-09-07), so the first listing matches them whatever the day.</summary>
    private static string RecordedDepth(string channel) => $"{channel}={(TimeProvider.System.GetUtcNow().UtcDateTime.Date - new DateTime(2026, 9, 7)).Days}";

    [Fact]
    public async Task AFacebookPageIsIngestedWithItsThreadsAndTagsForBiTools()
    {
        _replay.ServeFacebookPage();

        var added = await EngageAsync("clients", "add", "brunetti", "--name", "Forno Brunetti", "--channel", $"fb=facebook:{FacebookReplay.PageId}", "--secret", "fb=brunettiFacebook", "--backfill-days", RecordedDepth("fb"));
        Assert.True(added.ExitCode == 0, added.Output);
        var ingested = await EngageAsync("ingest", "brunetti");
        Assert.True(ingested.ExitCode == 0, ingested.Output);
        Assert.Contains("22 stored, 0 bad records, 0 failed jobs", ingested.Output, StringComparison.Ordinal);

        var rows = await RowsAsync("Interactions");
        Assert.Equal(22, rows.Count);
        Assert.All(rows, r => Assert.Equal("facebook", r.GetString("Platform")));
        var post = Row(rows, FacebookReplay.Panettone);
        Assert.Equal(("post", true, "Forno Brunetti", 48L, 8L), (post.GetString("Kind"), post.GetBoolean("AuthorIsBrand"), post.GetString("Author"), post.GetInt64("Likes")!.Value, post.GetInt64("Replies")!.Value));
        Assert.Equal(new DateTimeOffset(2026, 12, 5, 16, 42, 10, TimeSpan.Zero), post.GetDateTimeOffset("CreatedAt"));
        var question = Row(rows, "122150318829463301_1587734426630917");
        Assert.Equal(("comment", false, FacebookReplay.Panettone, FacebookReplay.Panettone), (question.GetString("Kind"), question.GetBoolean("AuthorIsBrand"), question.GetString("ParentId"), question.GetString("ThreadId")));
        Assert.StartsWith("pk-", question.GetString("Author"), StringComparison.Ordinal); // a customer's id is stored as a pseudonym
        var answer = Row(rows, "122150318829463301_1587741209963572");
        Assert.Equal(("reply", true, "122150318829463301_1587734426630917"), (answer.GetString("Kind"), answer.GetBoolean("AuthorIsBrand"), answer.GetString("ParentId")));
        Assert.Equal(("", false), (Row(rows, FacebookReplay.Photo).GetString("Text") ?? "", Row(rows, FacebookReplay.Photo).GetBoolean("HasText") ?? false));
        Assert.All(rows, r => Assert.Contains(r.GetString("Label"), new[] { EngagementLabels.Broadcast, EngagementLabels.Relational }));
        await AssertTokenNowhereAsync(FacebookReplay.Token, rows);
    }

    [Fact]
    public async Task AnInstagramAccountIsIngestedWithItsRepliesAndTagsForBiTools()
    {
        _replay.ServeInstagramAccount();

        var added = await EngageAsync("clients", "add", "brunetti", "--name", "Forno Brunetti", "--channel", $"ig=instagram:{InstagramReplay.AccountId}", "--secret", "ig=brunettiInstagram", "--backfill-days", RecordedDepth("ig"));
        Assert.True(added.ExitCode == 0, added.Output);
        var ingested = await EngageAsync("ingest", "brunetti");
        Assert.True(ingested.ExitCode == 0, ingested.Output);
        Assert.Contains("21 stored, 0 bad records, 0 failed jobs", ingested.Output, StringComparison.Ordinal);

        var rows = await RowsAsync("Interactions");
        Assert.Equal(21, rows.Count);
        Assert.All(rows, r => Assert.Equal("instagram", r.GetString("Platform")));
        var reel = Row(rows, InstagramReplay.Reel);
        Assert.Equal(("post", true, "@fornobrunetti", 212L), (reel.GetString("Kind"), reel.GetBoolean("AuthorIsBrand"), reel.GetString("Author"), reel.GetInt64("Likes")!.Value));
        var question = Row(rows, InstagramReplay.GiuliaQuestion);
        Assert.Equal(("comment", false, InstagramReplay.Reel, InstagramReplay.Reel), (question.GetString("Kind"), question.GetBoolean("AuthorIsBrand"), question.GetString("ParentId"), question.GetString("ThreadId")));
        var answer = Row(rows, "17866920374512098");
        Assert.Equal(("reply", true, InstagramReplay.GiuliaQuestion, InstagramReplay.Reel), (answer.GetString("Kind"), answer.GetBoolean("AuthorIsBrand"), answer.GetString("ParentId"), answer.GetString("ThreadId")));
        var tag = Row(rows, "18039485761203948");
        Assert.Equal(("comment", false), (tag.GetString("Kind"), tag.GetBoolean("AuthorIsBrand")));
        await AssertTokenNowhereAsync(InstagramReplay.Token, rows);
    }

    [Fact]
    public async Task ALinkedInOrganizationIsIngestedWithItsCommentsAndRepliesForBiTools()
    {
        _replay.ServeLinkedInOrganization().ServeLinkedIn("resolve-organization-by-vanity");

        var added = await EngageAsync("clients", "add", "brunetti", "--name", "Forno Brunetti", "--channel", "li=linkedin:https://www.linkedin.com/company/forno-brunetti/", "--secret", "li=brunettiLinkedIn");
        Assert.True(added.ExitCode == 0, added.Output);
        var ingested = await EngageAsync("ingest", "brunetti");
        Assert.True(ingested.ExitCode == 0, ingested.Output);
        Assert.Contains("14 stored, 0 bad records, 0 failed jobs", ingested.Output, StringComparison.Ordinal);

        var rows = await RowsAsync("Interactions");
        Assert.Equal(14, rows.Count);
        Assert.All(rows, r => Assert.Equal("linkedin", r.GetString("Platform")));
        var post = Row(rows, LinkedInReplay.Panettone);
        Assert.Equal(("post", true, 50L, 5L), (post.GetString("Kind"), post.GetBoolean("AuthorIsBrand"), post.GetInt64("Likes")!.Value, post.GetInt64("Replies")!.Value));
        Assert.EndsWith("Grazie a tutto il team! #panettone #artigianato", post.GetString("Text"), StringComparison.Ordinal);
        var question = Row(rows, LinkedInReplay.ChiaraComment);
        Assert.Equal(("comment", false, LinkedInReplay.Panettone, LinkedInReplay.Panettone), (question.GetString("Kind"), question.GetBoolean("AuthorIsBrand"), question.GetString("ParentId"), question.GetString("ThreadId")));
        Assert.StartsWith("pk-", question.GetString("Author"), StringComparison.Ordinal);
        var answer = Row(rows, "urn:li:comment:(urn:li:activity:7402846520318963712,7402910089223645184)");
        Assert.Equal(("reply", true, LinkedInReplay.ChiaraComment), (answer.GetString("Kind"), answer.GetBoolean("AuthorIsBrand"), answer.GetString("ParentId")));
        Assert.Single(_replay.Requests, r => r.RequestMessage.Path == "/rest/organizations"); // the vanity name, resolved once
        await AssertTokenNowhereAsync(LinkedInReplay.Token, rows);
    }

    private static TableEntity Row(List<TableEntity> rows, string platformId) => rows.Single(r => r.GetString("PlatformId") == platformId);

    private async Task AssertTokenNowhereAsync(string token, List<TableEntity> rows)
    {
        var stored = rows.Concat(await RowsAsync("Runs")).Concat(await RowsAsync("Channels"));
        Assert.DoesNotContain(stored, r => ((IDictionary<string, object>)r).Values.Any(v => v?.ToString()?.Contains(token, StringComparison.Ordinal) == true));
        Assert.DoesNotContain(_replay.Requests, r => r.RequestMessage.Url.Contains(token, StringComparison.Ordinal));
    }

    private Task<(int ExitCode, string Output)> EngageAsync(params string[] arguments) => EngageProcess.RunAsync(
        new Dictionary<string, string>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["Engagement__TablePrefix"] = _prefix,
            ["Engagement__IngestQueueName"] = "jobs-" + _prefix.ToLowerInvariant(),
            ["Engagement__Secrets__brunettiFacebook"] = FacebookReplay.Token,
            ["Engagement__Secrets__brunettiInstagram"] = InstagramReplay.Token,
            ["Engagement__Secrets__brunettiLinkedIn"] = LinkedInReplay.Token,
            ["Engagement__Platforms__Meta__BaseUrl"] = _replay.GraphRoot().AbsoluteUri,
            ["Engagement__Platforms__Meta__PageSize"] = "4",
            ["Engagement__Platforms__Meta__CommentsPageSize"] = "25",
            ["Engagement__Platforms__Meta__InboundPageSize"] = "25",
            ["Engagement__Platforms__LinkedIn__BaseUrl"] = _replay.RestRoot().AbsoluteUri,
            ["Engagement__Platforms__LinkedIn__PageSize"] = "5",
            ["Engagement__Platforms__LinkedIn__CommentsPageSize"] = "10",
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
