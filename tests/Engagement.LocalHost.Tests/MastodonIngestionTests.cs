using System.Collections.Concurrent;
using Azure.Data.Tables;
using Engagement.Core.Domain;
using Engagement.Core.Ports;
using Engagement.Core.Registration;
using Engagement.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Engagement.LocalHost.Tests;

/// <summary>A Mastodon channel ingested end to end: loopback replay of the brand's server, the queue worker, Azurite.</summary>
public sealed class MastodonIngestionTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private const string Token = "s3cr3t-mastodon-token-7Hq";
    private readonly PlatformReplay _replay = PlatformReplay.Start();
    private readonly ConcurrentQueue<string> _logs = new();
    private TestPipeline _pipeline = null!;

    public Task InitializeAsync()
    {
        _pipeline = new TestPipeline(
            azurite,
            settings: new Dictionary<string, string?>
            {
                ["Engagement:Platforms:Mastodon:PageSize"] = "5",
                ["Engagement:Platforms:Mastodon:NotificationsPageSize"] = "3",
                ["Engagement:Platforms:RetryDelay"] = "00:00:00",
                ["Engagement:Secrets:aurora-masto"] = Token,
                ["Engagement:IngestRequestBudget"] = "4",
            },
            configure: s => s.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(new LogCapture(_logs))));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _pipeline.DisposeAsync();
        _replay.Dispose();
    }

    [Fact]
    public async Task AMastodonChannelIsStoredWithItsThreadsAndTheTokenAppearsNowhere()
    {
        _replay.ServeBrand();
        var registered = await _pipeline.Get<ClientRegistration>().RegisterAsync("aurora", new ClientRequest("Panificio Aurora", "Europe/Rome", null, null,
            [new ChannelRequest("masto", "mastodon", $"{_replay.Url.GetLeftPart(UriPartial.Authority)}/@panificioaurora", "aurora-masto", null)]));
        Assert.True(registered.IsValid, string.Join("; ", registered.Errors.SelectMany(e => e.Value)));

        var result = await _pipeline.Get<PipelineRunner>().RunAsync(["aurora"], tick: false);

        Assert.Equal(0, result.Failed);
        Assert.True(result.JobsDone > 1, $"{result.JobsDone} jobs"); // four calls a job: the sweep spans several
        var rows = await RowsAsync("Interactions");
        Assert.Equal(14, rows.Count);
        var s1 = rows.Single(r => r.GetString("PlatformId") == MastodonReplay.S1);
        Assert.Equal(("post", true, "mastodon", 12L), (s1.GetString("Kind"), s1.GetBoolean("AuthorIsBrand"), s1.GetString("Platform"), s1.GetInt64("Likes")));
        var customer = rows.Single(r => r.GetString("PlatformId") == "117687543562960984");
        Assert.StartsWith("pk-", customer.GetString("Author"), StringComparison.Ordinal);
        Assert.Equal((MastodonReplay.S1, MastodonReplay.S1, "comment"), (customer.GetString("ParentId"), customer.GetString("ThreadId"), customer.GetString("Kind")));
        var photo = rows.Single(r => r.GetString("PlatformId") == "117675828445511689");
        Assert.Equal(("", "broadcast", Core.Ingestion.IngestionService.NoTextSignal), (photo.GetString("Text"), photo.GetString("Label"), photo.GetString("Signals")));

        Assert.Contains(_replay.Requests, r => r.RequestMessage.Headers!["Authorization"].Single() == "Bearer " + Token);
        var everything = _logs.Concat((await RowsAsync("Runs")).Concat(await RowsAsync("Channels")).Concat(rows)
            .SelectMany(r => ((IDictionary<string, object>)r).Values.Select(v => v?.ToString() ?? ""))).ToList();
        Assert.True(_logs.Count > 20, "the HTTP client logged its requests");
        Assert.DoesNotContain(everything, line => line.Contains(Token, StringComparison.Ordinal));
        var channel = (await RowsAsync("Channels")).Single();
        Assert.Equal("aurora-masto", channel.GetString("SecretName"));
    }

    [Fact]
    public async Task ARevokedTokenMarksTheChannelOnceAndTheRunSaysWhy()
    {
        var lookup = PlatformReplay.Load("mastodon", "account-lookup");
        lookup["response"] = PlatformReplay.Load("mastodon", "error-401-invalid-token")["response"]!.DeepClone();
        _replay.Serve(lookup);
        await _pipeline.Get<ClientRegistration>().RegisterAsync("aurora", new ClientRequest("Panificio Aurora", "Europe/Rome", null, null,
            [new ChannelRequest("masto", "mastodon", $"{_replay.Url.GetLeftPart(UriPartial.Authority)}/@panificioaurora", "aurora-masto", null)]));

        var result = await _pipeline.Get<PipelineRunner>().RunAsync(["aurora"], tick: false);

        Assert.Equal((1, 1), (result.JobsDone, result.Failed));
        Assert.Single(_replay.Requests); // not retried, by the client or the queue
        var channel = await _pipeline.Get<IClientStore>().GetChannelAsync("aurora", "masto");
        Assert.Equal(RunStatuses.Failed, channel!.LastRunStatus);
        Assert.Contains("refused the token (The access token is invalid)", channel.LastRunError, StringComparison.Ordinal);
        Assert.Contains("refused the token", (await _pipeline.Get<IRunStore>().ListRecentAsync("aurora", 1))[0].Error, StringComparison.Ordinal);
    }

    private async Task<List<TableEntity>> RowsAsync(string table)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in azurite.Tables.GetTableClient(_pipeline.Prefix + table).QueryAsync<TableEntity>())
        {
            rows.Add(row);
        }

        return rows;
    }
}
