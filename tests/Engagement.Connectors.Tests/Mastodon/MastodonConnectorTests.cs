using System.Text.Json.Nodes;
using Engagement.Connectors.Platforms;
using Engagement.Core.Domain;
using Engagement.Core.Ports;
using Engagement.Ml.Vocabulary;
using Engagement.Testing;
using static Engagement.Testing.MastodonReplay;

namespace Engagement.Connectors.Tests.Mastodon;

/// <summary>The Mastodon connector against a loopback server replaying the recorded exchanges, headers included.</summary>
public sealed class MastodonConnectorTests : IDisposable
{
    private readonly PlatformReplay _replay = PlatformReplay.Start();
    private readonly ConnectorHost _host = new();

    public void Dispose()
    {
        _host.Dispose();
        _replay.Dispose();
    }

    private IChannelConnector Connector => _host.Connector("mastodon");

    [Fact]
    public async Task ASweepPagesToTheEndReadsThreadsAndMentionsAndTellsTheBrandFromCustomers()
    {
        _replay.ServeBrand();

        var page = await Connector.FetchAsync(ConnectorHost.Request(_replay.Url));

        Assert.False(page.HasMore);
        Assert.StartsWith(CrawlState.Prefix, page.NextCursor, StringComparison.Ordinal);
        var items = page.Items.GroupBy(i => i.PlatformId).ToDictionary(g => g.Key, g => g.Last());
        Assert.Equal(14, items.Count); // 5 brand posts, 5 replies under S1, 2 mentions, Marco's post and the brand's answer
        Assert.Equal(1, page.Skipped); // the boost
        Assert.DoesNotContain("117684059236073549", items.Keys);

        var s1 = items[S1];
        Assert.Equal((InteractionKind.Post, true, S1, null), (s1.Kind, s1.AuthorIsBrand, s1.ThreadId, s1.ParentId));
        Assert.Equal("Il panettone artigianale è tornato! 🎄 Prenotazioni aperte fino al 20 dicembre & ritiro in negozio. #panettone https://panificioaurora.example/prenota", s1.Text);
        Assert.Equal((12L, 3L, 4L, (long?)null), (s1.Likes!.Value, s1.Replies!.Value, s1.Shares!.Value, s1.Reach));
        Assert.Equal("it", s1.Language);

        var question = items["117687543562960984"];
        Assert.Equal((InteractionKind.Comment, false, S1, S1), (question.Kind, question.AuthorIsBrand, question.ParentId, question.ThreadId));
        Assert.Equal("@panificioaurora Si può ordinare anche quello senza canditi? 😋", question.Text);
        Assert.Equal("@giulia_b@" + _replay.Url.Authority, question.Author);

        var answer = items["117687577477316611"];
        Assert.Equal((InteractionKind.Reply, true, "117687543562960984", S1), (answer.Kind, answer.AuthorIsBrand, answer.ParentId, answer.ThreadId));
        Assert.Equal("@giulia_b Certo! Scrivi \"senza canditi\" nelle note dell'ordine 👍", answer.Text);

        var remote = items[EmmaReply];
        Assert.Equal(("@panificioaurora Do you ship to Milan? Asking for a friend… (me) <3", "en", "@emmaeats@toot.example.net"), (remote.Text, remote.Language, remote.Author));
        Assert.Null(items["117687622041600019"].Language); // the odd remote reply is kept: null url and language are allowed

        var photo = items["117675828445511689"];
        Assert.Equal(("", false, 31L), (photo.Text, photo.HasText, photo.Likes!.Value));

        var warned = items["117648182484860942"];
        Assert.Equal("Spoiler: la ricetta segreta\n\nIl trucco delle nostre crescentine? Strutto buono e 24 ore di riposo.\nNon ditelo a nessuno 🤫", warned.Text);

        // A reply found outside its thread is stored through it, with the thread's root.
        var toMarco = items[BrandReplyToMarco];
        Assert.Equal((InteractionKind.Reply, true, "117682621710336012", "117682621710336012"), (toMarco.Kind, toMarco.AuthorIsBrand, toMarco.ParentId, toMarco.ThreadId));
        Assert.Equal(InteractionKind.Comment, items["117682621710336012"].Kind);
        Assert.Equal(InteractionKind.Comment, items["117687614350295046"].Kind); // Giulia's quote of the brand post
        Assert.DoesNotContain("RE:", items["117687614350295046"].Text, StringComparison.Ordinal);

        var deleted = Assert.Single(page.Errors);
        Assert.StartsWith("mastodon status 117648182484860942: its thread can no longer be read", deleted, StringComparison.Ordinal);
        Assert.Equal((300, new DateTimeOffset(2026, 11, 27, 9, 15, 0, TimeSpan.Zero)), (page.RateLimit!.Limit!.Value, page.RateLimit.ResetAt!.Value));
        Assert.All(_replay.Requests, r => Assert.Equal("Bearer user-token", r.RequestMessage.Headers!["Authorization"].Single()));
    }

    [Fact]
    public async Task TheNextSweepReadsOnlyWhatIsNewAndRereadsAThreadOnlyWhenItsReplyCounterChanged()
    {
        _replay.ServeBrand();
        var first = await Connector.FetchAsync(ConnectorHost.Request(_replay.Url));
        var before = _replay.Requests.Count;

        var second = await Connector.FetchAsync(ConnectorHost.Request(_replay.Url, first.NextCursor));

        var paths = _replay.Requests.Skip(before).Select(r => r.RequestMessage.Path).ToList();
        Assert.DoesNotContain(paths, p => p.Contains("context", StringComparison.Ordinal) || p.Contains("lookup", StringComparison.Ordinal));
        Assert.False(second.HasMore);

        // A new reply under S1 moves its counter: the next sweep reads that thread again, and only that one.
        var page1 = PlatformReplay.Load("mastodon", "statuses-page1");
        page1["response"]!["body"]![0]!["replies_count"] = 4;
        _replay.Server.Reset();
        _replay.ServeBrand(page1);

        var third = await Connector.FetchAsync(ConnectorHost.Request(_replay.Url, second.NextCursor));

        var contexts = _replay.Requests.Select(r => r.RequestMessage.Path).Where(p => p.EndsWith("/context", StringComparison.Ordinal)).ToList();
        Assert.Equal([$"/api/v1/statuses/{S1}/context"], contexts);
        Assert.Contains(third.Items, i => i.PlatformId == "117687587831676969");
    }

    [Fact]
    public async Task ABudgetOfAFewCallsSplitsTheSweepIntoJobsThatTogetherReadTheSame()
    {
        _replay.ServeBrand();
        var whole = await Connector.FetchAsync(ConnectorHost.Request(_replay.Url));

        var ids = new HashSet<string>(StringComparer.Ordinal);
        string? cursor = null;
        var jobs = 0;
        ConnectorPage page;
        do
        {
            page = await Connector.FetchAsync(ConnectorHost.Request(_replay.Url, cursor, maxRequests: 2));
            ids.UnionWith(page.Items.Select(i => i.PlatformId));
            cursor = page.NextCursor;
            jobs++;
        }
        while (page.HasMore && jobs < 50);

        Assert.True(jobs > 3, $"{jobs} jobs");
        Assert.Equal(whole.Items.Select(i => i.PlatformId).ToHashSet(StringComparer.Ordinal), ids);
    }

    [Fact]
    public async Task WithoutATokenOnlyPublicStatusesAndThreadsAreReadAndNoNotifications()
    {
        _replay.ServeBrand();

        var page = await Connector.FetchAsync(ConnectorHost.Request(_replay.Url, token: null));

        Assert.DoesNotContain(_replay.Requests, r => r.RequestMessage.Path.Contains("notifications", StringComparison.Ordinal));
        Assert.All(_replay.Requests, r => Assert.False(r.RequestMessage.Headers?.ContainsKey("Authorization") ?? false));
        Assert.Contains(page.Items, i => i.PlatformId == S1);
    }

    [Fact]
    public async Task A429WithAResetThatIsCloseIsWaitedForAndRetried()
    {
        var page1 = PlatformReplay.Load("mastodon", "statuses-page1");
        var tooMany = (JsonObject)page1.DeepClone();
        tooMany["response"] = PlatformReplay.Load("mastodon", "error-429-rate-limited")["response"]!.DeepClone();
        tooMany["response"]!["headers"]!["X-RateLimit-Reset"] = "2026-11-27T09:00:00.000000Z"; // now, on the test's clock
        _replay.ServeBrand().ServeInTurn(Origin, tooMany, page1);

        var page = await Connector.FetchAsync(ConnectorHost.Request(_replay.Url));

        Assert.Contains(page.Items, i => i.PlatformId == S1);
        Assert.Equal(2, _replay.Requests.Count(r => r.RequestMessage.Path.EndsWith("/statuses", StringComparison.Ordinal) && !(r.RequestMessage.Query?.ContainsKey("max_id") ?? false)));
    }

    [Fact]
    public async Task AThrottleLongerThanTheRetryBudgetBeforeAnyProgressIsAThrottledFault()
    {
        var lookup = PlatformReplay.Load("mastodon", "account-lookup");
        lookup["response"] = PlatformReplay.Load("mastodon", "error-429-rate-limited")["response"]!.DeepClone();
        _replay.Serve(lookup);

        var fault = await Assert.ThrowsAsync<ConnectorFaultException>(() => Connector.FetchAsync(ConnectorHost.Request(_replay.Url)));

        Assert.Equal(ConnectorFaultKind.Throttled, fault.Kind);
        Assert.Equal(new DateTimeOffset(2026, 11, 27, 9, 30, 0, TimeSpan.Zero), fault.ThrottledUntil);
        Assert.Single(_replay.Requests); // no retry sat out half an hour
    }

    [Fact]
    public async Task AThrottleAfterSomeProgressKeepsWhatWasReadAndSaysWhenToResume()
    {
        var page1 = PlatformReplay.Load("mastodon", "statuses-page1");
        page1["response"] = PlatformReplay.Load("mastodon", "error-429-rate-limited")["response"]!.DeepClone();
        _replay.Serve("mastodon", "account-lookup").Serve(page1);

        var page = await Connector.FetchAsync(ConnectorHost.Request(_replay.Url));

        Assert.True(page.HasMore);
        Assert.Equal(new DateTimeOffset(2026, 11, 27, 9, 30, 0, TimeSpan.Zero), page.ResumeAt);
        Assert.Equal(BrandId, CrawlState.Decode(page.NextCursor)!.Account); // the lookup is not repeated
    }

    [Fact]
    public async Task HeadersShowingTheWindowNearlyUsedStopTheJobUntilTheReset()
    {
        var page1 = PlatformReplay.Load("mastodon", "statuses-page1");
        page1["response"]!["headers"]!["X-RateLimit-Remaining"] = "12"; // under 10% of 300
        _replay.ServeBrand(page1);

        var page = await Connector.FetchAsync(ConnectorHost.Request(_replay.Url));

        Assert.True(page.HasMore);
        Assert.Equal(new DateTimeOffset(2026, 11, 27, 9, 15, 0, TimeSpan.Zero), page.ResumeAt);
        Assert.Contains(page.Items, i => i.PlatformId == S1);
        Assert.DoesNotContain(_replay.Requests, r => r.RequestMessage.Query?.ContainsKey("max_id") ?? false);
    }

    [Fact]
    public async Task ARefusedTokenIsPermanentAndNotRetried()
    {
        var lookup = PlatformReplay.Load("mastodon", "account-lookup");
        lookup["response"] = PlatformReplay.Load("mastodon", "error-401-invalid-token")["response"]!.DeepClone();
        _replay.Serve(lookup);

        var fault = await Assert.ThrowsAsync<ConnectorFaultException>(() => Connector.FetchAsync(ConnectorHost.Request(_replay.Url)));

        Assert.Equal(ConnectorFaultKind.Permanent, fault.Kind);
        Assert.Contains("refused the token (The access token is invalid)", fault.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("user-token", fault.Message, StringComparison.Ordinal);
        Assert.Single(_replay.Requests);
    }

    [Fact]
    public async Task AMissingScopeAndAnUnknownAccountArePermanentWithTheirReason()
    {
        var notifications = PlatformReplay.Load("mastodon", "notifications-mentions");
        notifications["response"] = PlatformReplay.Load("mastodon", "error-403-missing-scope")["response"]!.DeepClone();
        _replay.ServeBrand().Serve(notifications, priority: 1);

        var scope = await Assert.ThrowsAsync<ConnectorFaultException>(() => Connector.FetchAsync(ConnectorHost.Request(_replay.Url)));

        Assert.Equal(ConnectorFaultKind.Permanent, scope.Kind);
        Assert.Contains("outside the authorized scopes", scope.Message, StringComparison.Ordinal);

        _replay.Server.Reset();
        var unknown = PlatformReplay.Load("mastodon", "account-lookup-404");
        unknown["request"]!["query"]!["acct"] = "panificioaurora";
        _replay.Serve(unknown);
        var missing = await Assert.ThrowsAsync<ConnectorFaultException>(() => Connector.FetchAsync(ConnectorHost.Request(_replay.Url)));
        Assert.Contains("does not exist", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A503ThatLastsIsTransient()
    {
        var lookup = PlatformReplay.Load("mastodon", "account-lookup");
        lookup["response"] = PlatformReplay.Load("mastodon", "error-503-remote")["response"]!.DeepClone();
        _replay.Serve(lookup);

        var fault = await Assert.ThrowsAsync<ConnectorFaultException>(() => Connector.FetchAsync(ConnectorHost.Request(_replay.Url)));

        Assert.Equal(ConnectorFaultKind.Transient, fault.Kind);
        Assert.Equal(4, _replay.Requests.Count); // the first try and three retries
    }

    [Fact]
    public async Task AMalformedStatusAmongGoodOnesIsThatStatussBadRecordOnly()
    {
        var page1 = PlatformReplay.Load("mastodon", "statuses-page1");
        var body = (JsonArray)page1["response"]!["body"]!;
        body[3]!["created_at"] = "yesterday morning";
        body[4]!.AsObject().Remove("id");
        _replay.ServeBrand(page1);

        var page = await Connector.FetchAsync(ConnectorHost.Request(_replay.Url));

        Assert.Contains(page.Errors, e => e.StartsWith("mastodon status 117675828445511689: unreadable", StringComparison.Ordinal));
        Assert.Contains(page.Errors, e => e.StartsWith("mastodon status without id: it has no id", StringComparison.Ordinal));
        Assert.Contains(page.Items, i => i.PlatformId == S1);
        Assert.Contains(page.Items, i => i.PlatformId == "117636033136361474"); // page 2 is still read
    }

    [Fact]
    public async Task AnUnreadableCursorStartsTheChannelAgain()
    {
        _replay.ServeBrand();

        var page = await Connector.FetchAsync(ConnectorHost.Request(_replay.Url, cursor: "v0:something-older"));

        Assert.Contains(_replay.Requests, r => r.RequestMessage.Path == "/api/v1/accounts/lookup");
        Assert.Contains(page.Items, i => i.PlatformId == S1);
    }
}

public sealed class MastodonProxyTests : IDisposable
{
    private readonly PlatformReplay _replay = PlatformReplay.Start();

    public void Dispose() => _replay.Dispose();

    [Fact]
    public async Task AConfiguredApiRootTakesTheCallsWhileHandlesKeepTheAccountsServer()
    {
        using var host = new ConnectorHost(new Dictionary<string, string?> { ["Engagement:Platforms:Mastodon:BaseUrl"] = _replay.Url.AbsoluteUri });
        _replay.ServeBrand();
        var request = ConnectorHost.Request(_replay.Url);
        request = request with { Channel = request.Channel with { Account = "@panificioaurora@mastodon.example" } };

        var page = await host.Connector("mastodon").FetchAsync(request);

        Assert.Equal("@panificioaurora@mastodon.example", page.Items.Single(i => i.PlatformId == S1).Author);
    }
}
