using Azure.Data.Tables;
using Engagement.Core.Domain;
using Engagement.Core.Ports;
using Engagement.LocalHost;
using Engagement.Testing;

namespace Engagement.Storage.Tests;

[Collection(AzuriteCollection.Name)]
public sealed class DailyEngagementStoreTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task ADayComesBackAsItWasWrittenResponseTimesIncludedAcrossColumns()
    {
        await using var pipeline = new TestPipeline(azurite);
        // More answers than one binary column holds, so the times spill into a second one.
        var times = Enumerable.Range(0, DailyEngagementStore.ResponseTimesPerColumn + 100)
            .Select(i => new ResponseTime(i * 7, i % 3 == 0 ? null : i * 5, i % 2 == 0, i % 5 == 0))
            .ToList();
        var day = new DailyEngagement
        {
            ClientId = "acme",
            ChannelId = "instagram",
            Date = new DateOnly(2026, 10, 25),
            Interactions = 12,
            BrandInteractions = 0,
            CustomerMessages = times.Count,
            CustomerMessagesAnswered = times.Count,
            ResponseTimes = times,
            PostLikes = 5_000_000_000,
            RatedPosts = 2,
            EngagementRateSum = 0.125,
            Settings = "window=168h; reply-needed=24h; hours=none",
        };

        await pipeline.Get<IDailyEngagementStore>().UpsertAsync([day], pipeline.Time.GetUtcNow());
        var read = Assert.Single(await pipeline.Get<IDailyEngagementStore>().QueryAsync("acme", day.Date, day.Date));
        var row = await pipeline.Get<EngagementTables>().DailyEngagement.GetEntityAsync<TableEntity>("acme", "20261025_instagram");

        Assert.Equal(times, read.ResponseTimes);
        Assert.Equal(day with { ResponseTimes = [] }, read with { ResponseTimes = [] });
        // Typed columns for BI: the day is a date at midnight UTC; a share over nothing is absent, not zero.
        Assert.Equal(new DateTime(2026, 10, 25, 0, 0, 0, DateTimeKind.Utc), row.Value.GetDateTime("Date"));
        Assert.False(row.Value.ContainsKey("BrandRelationalShare"));
        Assert.True(row.Value.ContainsKey("ResponseTimes2"));
        Assert.Equal(5_000_000_000, row.Value.GetInt64("PostLikes"));
    }
}
