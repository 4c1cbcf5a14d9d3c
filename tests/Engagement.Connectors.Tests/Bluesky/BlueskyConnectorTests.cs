using System.Text.Json.Nodes;
using Engagement.Connectors.Platforms;
using Engagement.Core.Domain;
using Engagement.Core.Ports;
using Engagement.Ml.Vocabulary;
using Engagement.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static Engagement.Testing.BlueskyReplay;

namespace Engagement.Connectors.Tests.Bluesky;

/// <summary>
/// The Bluesky connector against two loopback servers replaying the recorded exchanges, headers included: the public
/// AppView and the account's PDS.
/// </summary>
public sealed class BlueskyConnectorTests : IDisposable
{
    private const string AppPassword = "abcd-efgh-ijkl-mnop";
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);
    private readonly PlatformReplay _appView = PlatformReplay.Start();
    private readonly PlatformReplay _pds = PlatformReplay.Start();
    private readonly ConnectorHost _host;

    public BlueskyConnectorTests() => _host = new ConnectorHost(Settings(_appView, _pds));

    public void Dispose()
    {
        _host.Dispose();
        _appView.Dispose();
        _pds.Dispose();
    }

    private IChannelConnector Connector => _host.Connector("bluesky");

    /// <summary>The settings that point the connector at the two servers, with the fixtures' page sizes.</summary>
    internal static Dictionary<string, string?> Settings(PlatformReplay appView, PlatformReplay pds) => new()
    {
        ["Engagement:Platforms:Bluesky:BaseUrl"] = appView.Url.AbsoluteUri,
        ["Engagement:Platforms:Bluesky:ServiceUrl"] = pds.Url.AbsoluteUri,
        ["Engagement:Platforms:Bluesky:PageSize"] = "5",
        ["Engagement:Platforms:Bluesky:NotificationsPageSize"] = "4",
    };

    internal static ConnectorRequest Request(string account = Handle, string? cursor = null, string? token = AppPassword, int maxRequests = 50) => new(
        new ChannelDefinition { ClientId = "aurora", Id = "sky", Platform = "bluesky", Account = account, SecretName = token is null ? null : "aurora-sky" },
        cursor,
        new PageBudget(500, maxRequests),
        ChannelSettings.Default,
        token is null ? ChannelToken.None : ChannelToken.Of("aurora-sky", token));

    [Fact]
    public async Task ASweepPagesToTheEndReadsThreadsAndNotificationsAndTellsTheBrandFromCustomers()
    {
        _appView.ServeAppView();
        _pds.ServePds();

        var page = await Connector.FetchAsync(Request());

        Assert.False(page.HasMore);
        Assert.Empty(page.Errors);
        Assert.Equal(1, page.Skipped); // the repost of the town's events account
        var items = page.Items.ToDictionary(i => i.PlatformId);
        Assert.DoesNotContain(Repost, items.Keys);
        Assert.Equal(
            new[] { P1, BrandReplyToMarco, Photo, English, OrphanReply, "at://did:plc:pgbdsoij6k3l6nssyps2kbbf/app.bsky.feed.post/3n2kwmi23rc2b", GiuliasQuote, EmmasReply, GiuliasThanks, MarcosMention, GiuliasQuestion, BrandAnswer, Unverified, MarcosQuestion, EmmaOnEnglish, MarcoOnEnglish, AnswerBelowEmma }.Order(),
            items.Keys.Order());

        var p1 = items[P1];
        Assert.Equal((InteractionKind.Post, true, P1, null), (p1.Kind, p1.AuthorIsBrand, p1.ThreadId, p1.ParentId));
        Assert.Equal("Il panettone artigianale è tornato! 🎄 Prenotazioni aperte fino al 20 dicembre & ritiro in negozio. #panettone https://panificioaurora.example/prenota", p1.Text);
        Assert.Equal((21L, 3L, 5L, (long?)null), (p1.Likes!.Value, p1.Replies!.Value, p1.Shares!.Value, p1.Reach));
        Assert.Equal(("it", "@panificioaurora.bsky.social"), (p1.Language, p1.Author));
        Assert.Equal(new DateTimeOffset(2026, 11, 27, 8, 45, 12, 318, TimeSpan.Zero), p1.CreatedAt);

        // Giulia's question: createdAt 09:50:02.511+01:00 is 08:50:02.511Z, before the server saw it.
        var question = items[GiuliasQuestion];
        Assert.Equal((InteractionKind.Comment, false, P1, P1), (question.Kind, question.AuthorIsBrand, question.ParentId, question.ThreadId));
        Assert.Equal(new DateTimeOffset(2026, 11, 27, 8, 50, 2, 511, TimeSpan.Zero), question.CreatedAt);
        Assert.Equal("@giuliabernardi.bsky.social", question.Author);
        var answer = items[BrandAnswer];
        Assert.Equal((InteractionKind.Reply, true, GiuliasQuestion, P1), (answer.Kind, answer.AuthorIsBrand, answer.ParentId, answer.ThreadId));
        Assert.Equal("Certo! Scrivi \"senza canditi\" nelle note dell'ordine 👍", answer.Text);
        Assert.Equal((InteractionKind.Reply, BrandAnswer), (items[GiuliasThanks].Kind, items[GiuliasThanks].ParentId));
        Assert.Equal(("Do you ship to Milan? Asking for a friend… (me) <3", "en"), (items[EmmasReply].Text, items[EmmasReply].Language));
        Assert.Equal(("did:plc:haj4gkz52swt65excaokngv2", null), (items[Unverified].Author, items[Unverified].Language)); // handle.invalid, no langs: kept

        // The brand's reply to Marco is read with what it answers; the one whose parent was deleted stands alone.
        Assert.Equal((InteractionKind.Reply, true, MarcosQuestion, MarcosQuestion), (items[BrandReplyToMarco].Kind, items[BrandReplyToMarco].AuthorIsBrand, items[BrandReplyToMarco].ParentId, items[BrandReplyToMarco].ThreadId));
        Assert.Equal((InteractionKind.Comment, false, null), (items[MarcosQuestion].Kind, items[MarcosQuestion].AuthorIsBrand, items[MarcosQuestion].ParentId));
        Assert.Equal(InteractionKind.Reply, items[OrphanReply].Kind);

        var photo = items[Photo];
        Assert.Equal(("", false, 31L, InteractionKind.Post), (photo.Text, photo.HasText, photo.Likes!.Value, photo.Kind));

        // A reply at the depth limit is read further; a shortened link is written out; an odd offset is honoured.
        Assert.Equal((InteractionKind.Reply, true, EmmaOnEnglish, English), (items[AnswerBelowEmma].Kind, items[AnswerBelowEmma].AuthorIsBrand, items[AnswerBelowEmma].ParentId, items[AnswerBelowEmma].ThreadId));
        Assert.Equal("Ci sarò anche io! Per chi viene da fuori: https://maps.example/aurora-bologna-pratello", items[MarcoOnEnglish].Text);
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 23, 40, 0, TimeSpan.Zero), items[MarcoOnEnglish].CreatedAt);

        // Notifications: a quote and a mention are customers' top-level messages to the brand.
        Assert.Equal((InteractionKind.Comment, null, GiuliasQuote), (items[GiuliasQuote].Kind, items[GiuliasQuote].ParentId, items[GiuliasQuote].ThreadId));
        Assert.Equal("Il miglior pane di Bologna? Secondo me è da @panificioaurora.bsky.social 🍞 #bologna", items[MarcosMention].Text);
        Assert.Equal(InteractionKind.Comment, items[MarcosMention].Kind);

        // The password went to the service alone; the session's token to the PDS alone; the AppView saw neither.
        Assert.All(_appView.Requests, r => Assert.False(r.RequestMessage.Headers?.ContainsKey("Authorization") ?? false));
        var signIn = Assert.Single(_pds.Requests, r => r.RequestMessage.Path.EndsWith("createSession", StringComparison.Ordinal));
        Assert.Contains(AppPassword, signIn.RequestMessage.Body, StringComparison.Ordinal);
        Assert.Contains(Handle, signIn.RequestMessage.Body, StringComparison.Ordinal);
        Assert.All(_pds.Requests.Where(r => r.RequestMessage.Path.EndsWith("listNotifications", StringComparison.Ordinal)), r =>
        {
            Assert.Equal("Bearer " + AccessJwt, r.RequestMessage.Headers!["Authorization"].Single());
            Assert.DoesNotContain(AppPassword, r.RequestMessage.Url, StringComparison.Ordinal);
        });
        Assert.Equal((3000, new DateTimeOffset(2026, 11, 27, 9, 15, 0, TimeSpan.Zero)), (page.RateLimit!.Limit!.Value, page.RateLimit.ResetAt!.Value));
    }

    [Fact]
    public async Task WithoutAnAppPasswordOnlyPublicPostsAndThreadsAreReadAndNoSessionIsMade()
    {
        _appView.ServeAppView();
        _pds.ServePds();

        var page = await Connector.FetchAsync(Request(token: null));

        Assert.Empty(_pds.Requests);
        Assert.Contains(page.Items, i => i.PlatformId == GiuliasQuestion);
        Assert.DoesNotContain(page.Items, i => i.PlatformId == MarcosMention);
    }

    [Fact]
    public async Task AChannelGivenByDidIsCheckedWithItsProfileAndReadTheSame()
    {
        _appView.ServeAppView();
        _pds.ServePds();

        var page = await Connector.FetchAsync(Request(account: "https://bsky.app/profile/" + BrandDid, token: null));

        Assert.Contains(_appView.Requests, r => r.RequestMessage.Path == "/xrpc/app.bsky.actor.getProfile");
        Assert.DoesNotContain(_appView.Requests, r => r.RequestMessage.Path.Contains("resolveHandle", StringComparison.Ordinal));
        Assert.Equal(BrandDid, CrawlState.Decode(page.NextCursor)!.Account);
        Assert.Contains(page.Items, i => i.PlatformId == P1 && i.AuthorIsBrand == true);
    }

    [Fact]
    public async Task TheNextSweepReadsOnlyWhatIsNewAndRereadsAThreadOnlyWhenItsReplyCountChanged()
    {
        _appView.ServeAppView();
        _pds.ServePds();
        var first = await Connector.FetchAsync(Request());
        var before = _appView.Requests.Count;

        var second = await Connector.FetchAsync(Request(cursor: first.NextCursor));

        var paths = _appView.Requests.Skip(before).Select(r => r.RequestMessage.Path).ToList();
        Assert.DoesNotContain("/xrpc/app.bsky.feed.getPostThread", paths);
        Assert.DoesNotContain("/xrpc/com.atproto.identity.resolveHandle", paths);
        Assert.False(second.HasMore);

        // A new reply under P1 moves its counter: the next sweep reads that thread again, and only that one.
        var page1 = PlatformReplay.Load("bluesky", "author-feed-page1");
        page1["response"]!["body"]!["feed"]![0]!["post"]!["replyCount"] = 4;
        _appView.Server.Reset();
        _appView.ServeAppView(page1);

        await Connector.FetchAsync(Request(cursor: second.NextCursor));

        var threads = _appView.Requests.Where(r => r.RequestMessage.Path.EndsWith("getPostThread", StringComparison.Ordinal)).Select(r => r.RequestMessage.Query!["uri"].Single()).ToList();
        Assert.Equal([P1], threads);
    }

    [Fact]
    public async Task ABudgetOfAFewCallsSplitsTheSweepIntoJobsThatTogetherReadTheSame()
    {
        _appView.ServeAppView();
        _pds.ServePds();
        var whole = await Connector.FetchAsync(Request());

        var ids = new HashSet<string>(StringComparer.Ordinal);
        string? cursor = null;
        var jobs = 0;
        ConnectorPage page;
        do
        {
            page = await Connector.FetchAsync(Request(cursor: cursor, maxRequests: 2));
            ids.UnionWith(page.Items.Select(i => i.PlatformId));
            cursor = page.NextCursor;
            jobs++;
        }
        while (page.HasMore && jobs < 50);

        Assert.True(jobs > 3, $"{jobs} jobs");
        Assert.Equal(whole.Items.Select(i => i.PlatformId).ToHashSet(StringComparer.Ordinal), ids);
    }

    [Fact]
    public async Task A429WithAShortRetryAfterIsWaitedForAndRetried()
    {
        var page1 = PlatformReplay.Load("bluesky", "author-feed-page1");
        var tooMany = (JsonObject)page1.DeepClone();
        tooMany["response"] = PlatformReplay.Load("bluesky", "error-429-rate-limited")["response"]!.DeepClone();
        tooMany["response"]!["headers"]!["Retry-After"] = "0";
        _appView.ServeAppView().ServeInTurn(null, tooMany, page1);

        var page = await Connector.FetchAsync(Request(token: null));

        Assert.Contains(page.Items, i => i.PlatformId == P1);
        Assert.Equal(2, _appView.Requests.Count(r => r.RequestMessage.Path.EndsWith("getAuthorFeed", StringComparison.Ordinal) && !(r.RequestMessage.Query?.ContainsKey("cursor") ?? false)));
    }

    [Fact]
    public async Task AThrottleLongerThanTheRetryBudgetBeforeAnyProgressIsAThrottledFault()
    {
        _appView.Serve(Answering("resolve-handle", "error-429-rate-limited"));

        var fault = await Assert.ThrowsAsync<ConnectorFaultException>(() => Connector.FetchAsync(Request()));

        Assert.Equal(ConnectorFaultKind.Throttled, fault.Kind);
        Assert.Equal(Now.AddSeconds(117), fault.ThrottledUntil); // Retry-After, before the window's reset
        Assert.Single(_appView.Requests);
    }

    [Fact]
    public async Task AThrottleOfTheNotificationsKeepsThePostsAndSaysWhenToResume()
    {
        _appView.ServeAppView();
        _pds.ServePds(Answering("list-notifications", "error-429-rate-limited"));

        var page = await Connector.FetchAsync(Request());

        Assert.True(page.HasMore);
        Assert.Equal(Now.AddSeconds(117), page.ResumeAt);
        Assert.Contains(page.Items, i => i.PlatformId == P1);
        Assert.Equal(BrandDid, CrawlState.Decode(page.NextCursor)!.Account);
    }

    [Fact]
    public async Task HeadersShowingThePdsWindowNearlyUsedStopTheJobUntilTheReset()
    {
        var notifications = PlatformReplay.Load("bluesky", "list-notifications");
        notifications["response"]!["headers"]!["RateLimit-Remaining"] = "120"; // under 10% of 3,000
        _appView.ServeAppView();
        _pds.ServePds(notifications);

        var page = await Connector.FetchAsync(Request());

        Assert.True(page.HasMore);
        Assert.Equal(new DateTimeOffset(2026, 11, 27, 9, 15, 0, TimeSpan.Zero), page.ResumeAt);
        Assert.Contains(page.Items, i => i.PlatformId == MarcosMention);
        Assert.DoesNotContain(_pds.Requests, r => r.RequestMessage.Query?.ContainsKey("cursor") ?? false);
    }

    [Fact]
    public async Task ARefusedAppPasswordIsPermanentAndNotRetried()
    {
        _appView.ServeAppView();
        _pds.Serve(PlatformReplay.Load("bluesky", "written-create-session-401"));

        var fault = await Assert.ThrowsAsync<ConnectorFaultException>(() => Connector.FetchAsync(Request()));

        Assert.Equal(ConnectorFaultKind.Permanent, fault.Kind);
        Assert.Contains("refused the app password of panificioaurora.bsky.social (AuthenticationRequired: Invalid identifier or password)", fault.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(AppPassword, fault.Message, StringComparison.Ordinal);
        Assert.Single(_pds.Requests);
    }

    [Fact]
    public async Task AnExpiredSessionIsMadeAgainOnceAndTheReadGoesOn()
    {
        var lastPage = PlatformReplay.Load("bluesky", "list-notifications");
        lastPage["response"]!["body"]!.AsObject().Remove("cursor");
        _appView.ServeAppView();
        _pds.ServePds().ServeInTurn(null, Answering("list-notifications", "error-400-expired-token"), lastPage);

        var page = await Connector.FetchAsync(Request());

        Assert.Contains(page.Items, i => i.PlatformId == MarcosMention);
        Assert.Equal(2, _pds.Requests.Count(r => r.RequestMessage.Path.EndsWith("createSession", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task ASessionThatExpiresAgainIsPermanent()
    {
        _appView.ServeAppView();
        _pds.ServePds(Answering("list-notifications", "error-400-expired-token"));

        var fault = await Assert.ThrowsAsync<ConnectorFaultException>(() => Connector.FetchAsync(Request()));

        Assert.Equal(ConnectorFaultKind.Permanent, fault.Kind);
        Assert.Contains("expired right after it was created", fault.Message, StringComparison.Ordinal);
        Assert.Equal(2, _pds.Requests.Count(r => r.RequestMessage.Path.EndsWith("createSession", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task AForbiddenNotificationListIsPermanentWithItsReason()
    {
        _appView.ServeAppView();
        _pds.ServePds(Answering("list-notifications", "error-403-scope-missing"));

        var fault = await Assert.ThrowsAsync<ConnectorFaultException>(() => Connector.FetchAsync(Request()));

        Assert.Equal(ConnectorFaultKind.Permanent, fault.Kind);
        Assert.Contains("ScopeMissingError", fault.Message, StringComparison.Ordinal);
        Assert.Single(_pds.Requests, r => r.RequestMessage.Path.EndsWith("listNotifications", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnAppPasswordOfAnotherAccountIsPermanent()
    {
        var session = Session(_pds.Url);
        session["response"]!["body"]!["did"] = "did:plc:qn2r32yn7ddcixiukueixzxj";
        _appView.ServeAppView();
        _pds.ServePds().Serve(session, priority: 1);

        var fault = await Assert.ThrowsAsync<ConnectorFaultException>(() => Connector.FetchAsync(Request()));

        Assert.Contains("belongs to did:plc:qn2r32yn7ddcixiukueixzxj", fault.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(_pds.Requests, r => r.RequestMessage.Path.EndsWith("listNotifications", StringComparison.Ordinal));
    }

    [Fact]
    public async Task APostDeletedBeforeItsThreadIsReadIsThatThreadsBadRecordOnly()
    {
        var gone = PlatformReplay.Load("bluesky", "post-thread");
        gone["response"] = PlatformReplay.Load("bluesky", "post-thread-not-found")["response"]!.DeepClone();
        _appView.ServeAppView().Serve(gone, priority: 1);

        var page = await Connector.FetchAsync(Request(token: null));

        var bad = Assert.Single(page.Errors);
        Assert.Equal($"bluesky post {P1}: its thread can no longer be read (deleted, or hidden by a block)", bad);
        Assert.Contains(page.Items, i => i.PlatformId == P1);
        Assert.Contains(page.Items, i => i.PlatformId == AnswerBelowEmma);
    }

    [Fact]
    public async Task AnUnknownHandleAndADeactivatedAccountArePermanent()
    {
        var unknown = PlatformReplay.Load("bluesky", "resolve-handle-not-found");
        _appView.Serve(unknown);
        var missing = await Assert.ThrowsAsync<ConnectorFaultException>(() => Connector.FetchAsync(Request(account: "@panificio-aurora.bsky.social")));
        Assert.Equal(ConnectorFaultKind.Permanent, missing.Kind);
        Assert.Contains("does not resolve to an account (Unable to resolve handle)", missing.Message, StringComparison.Ordinal);

        _appView.Serve("bluesky", "get-profile-deactivated");
        var deactivated = await Assert.ThrowsAsync<ConnectorFaultException>(() => Connector.FetchAsync(Request(account: "did:plc:6exb3lm3yd37fv3ho4ayddku")));
        Assert.Equal(ConnectorFaultKind.Permanent, deactivated.Kind);
        Assert.Contains("deactivated", deactivated.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUpstreamFailureThatLastsIsTransient()
    {
        _appView.ServeAppView();
        _pds.ServePds(Answering("list-notifications", "error-502-upstream"));

        var fault = await Assert.ThrowsAsync<ConnectorFaultException>(() => Connector.FetchAsync(Request()));

        Assert.Equal(ConnectorFaultKind.Transient, fault.Kind);
        Assert.Equal(4, _pds.Requests.Count(r => r.RequestMessage.Path.EndsWith("listNotifications", StringComparison.Ordinal))); // the first try and three retries
    }

    [Fact]
    public async Task AMalformedPostAmongGoodOnesIsThatPostsBadRecordOnly()
    {
        var page1 = PlatformReplay.Load("bluesky", "author-feed-page1");
        var feed = (JsonArray)page1["response"]!["body"]!["feed"]!;
        feed[3]!["post"]!["record"]!["createdAt"] = "yesterday morning";
        feed[3]!["post"]!.AsObject().Remove("indexedAt");
        feed[4]!["post"]!.AsObject().Remove("author");
        _appView.ServeAppView(page1);

        var page = await Connector.FetchAsync(Request(token: null));

        Assert.Contains($"bluesky post {Photo}: neither createdAt nor indexedAt is a time", page.Errors);
        Assert.Contains($"bluesky post {English}: its author has no DID", page.Errors);
        Assert.Equal(2, page.Errors.Count);
        Assert.Contains(page.Items, i => i.PlatformId == P1);
        Assert.Contains(page.Items, i => i.PlatformId == OrphanReply); // page 2 is still read
    }
}

public sealed class BlueskySettingsTests
{
    [Fact]
    public void SessionsAreMadeAtTheEntrywayByDefaultAndOnlyOverHttpsOffLoopback()
    {
        Assert.Equal("https://bsky.social/", new PlatformsOptions().Bluesky.ServiceUrl!.AbsoluteUri);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Engagement:Platforms:Bluesky:ServiceUrl"] = "http://bsky.social",
        }).Build();
        using var services = new ServiceCollection().AddLogging().AddEngagementConnectors(configuration).BuildServiceProvider();

        var failure = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<PlatformsOptions>>().Value);

        Assert.Contains("Engagement__Platforms__Bluesky__ServiceUrl must use https://", failure.Message, StringComparison.Ordinal);
    }
}
