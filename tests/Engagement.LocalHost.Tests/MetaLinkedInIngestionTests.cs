using System.Text.Json.Nodes;
using Engagement.Core.Domain;
using Engagement.Core.Ports;
using Engagement.Core.Registration;
using Engagement.Testing;

namespace Engagement.LocalHost.Tests;

/// <summary>
/// Facebook, Instagram and LinkedIn faults through the local pipeline on Azurite, against their replayed error
/// answers: a throttle longer than the retry budget puts the job back on the queue without failing it, and a refused
/// token marks the channel once, with no retry.
/// </summary>
public sealed class MetaLinkedInIngestionTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private readonly PlatformReplay _replay = PlatformReplay.Start();
    private TestPipeline _pipeline = null!;

    public Task InitializeAsync()
    {
        _pipeline = new TestPipeline(azurite, settings: new Dictionary<string, string?>
        {
            ["Engagement:Platforms:Meta:BaseUrl"] = _replay.GraphRoot().AbsoluteUri,
            ["Engagement:Platforms:LinkedIn:BaseUrl"] = _replay.RestRoot().AbsoluteUri,
            ["Engagement:Platforms:RetryDelay"] = "00:00:00",
            ["Engagement:Secrets:brunetti-token"] = "fixture-token-not-real",
        });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _pipeline.DisposeAsync();
        _replay.Dispose();
    }

    [Theory]
    [InlineData("facebook", FacebookReplay.PageId, "error-throttled", 19)] // estimated_time_to_regain_access, in minutes
    [InlineData("instagram", InstagramReplay.AccountId, "error-throttled", 37)]
    [InlineData("linkedin", "89541236", "error-429-throttled", 15 * 60)] // no headers: the day's quota, until 00:00 UTC
    public async Task AThrottleLongerThanTheRetryBudgetQueuesTheJobAgainAndFailsNothing(string platform, string account, string fixture, int minutes)
    {
        ServeEveryListing(platform, account, fixture);
        await RegisterAsync(platform, account);

        var result = await _pipeline.Get<PipelineRunner>().RunAsync(["brunetti"], tick: false);

        Assert.Equal((0, 1), (result.Failed, result.Throttled));
        Assert.Equal(_pipeline.Time.GetUtcNow().AddMinutes(minutes), result.ResumeAt);
        Assert.Single(_replay.Requests); // Meta extends a block for calls made during it; LinkedIn's lasts the day
        var run = Assert.Single(await _pipeline.Get<IRunStore>().ListRecentAsync("brunetti", 5));
        Assert.Equal(RunStatuses.Throttled, run.Status);
    }

    [Theory]
    [InlineData("facebook", FacebookReplay.PageId, "error-expired-token", "Facebook refused the token")]
    [InlineData("instagram", InstagramReplay.AccountId, "error-expired-token", "Instagram refused the token")]
    [InlineData("linkedin", "89541236", "error-401-expired", "LinkedIn refused the token")]
    public async Task AnExpiredTokenMarksTheChannelOnceWithWhatToDo(string platform, string account, string fixture, string said)
    {
        ServeEveryListing(platform, account, fixture);
        await RegisterAsync(platform, account);

        var result = await _pipeline.Get<PipelineRunner>().RunAsync(["brunetti"], tick: false);

        Assert.Equal((1, 1), (result.JobsDone, result.Failed));
        Assert.Single(_replay.Requests); // not retried, by the client or the queue
        var channel = await _pipeline.Get<IClientStore>().GetChannelAsync("brunetti", platform);
        Assert.Equal(RunStatuses.Failed, channel!.LastRunStatus);
        Assert.Contains(said, channel.LastRunError, StringComparison.Ordinal);
        Assert.DoesNotContain("fixture-token-not-real", channel.LastRunError, StringComparison.Ordinal);
    }

    private async Task RegisterAsync(string platform, string account)
    {
        var registered = await _pipeline.Get<ClientRegistration>().RegisterAsync("brunetti", new ClientRequest("Forno Brunetti", "Europe/Rome", null, null,
            [new ChannelRequest(platform, platform, account, "brunetti-token", null)]));
        Assert.True(registered.IsValid, string.Join("; ", registered.Errors.SelectMany(e => e.Value)));
    }

    /// <summary>The recorded error answer for the account's listings, whatever their query.</summary>
    private void ServeEveryListing(string platform, string account, string fixture)
    {
        var paths = platform switch
        {
            "facebook" => [$"/v25.0/{account}/posts", $"/v25.0/{account}/tagged"],
            "instagram" => [$"/v25.0/{account}/media", $"/v25.0/{account}/tags"],
            _ => new[] { "/rest/posts" },
        };
        foreach (var path in paths)
        {
            var exchange = PlatformReplay.Load(platform, fixture);
            exchange["request"]!["path"] = path;
            exchange["request"]!["query"] = new JsonObject();
            _replay.Serve(exchange);
        }
    }
}
