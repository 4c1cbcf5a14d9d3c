using System.Text.Json.Nodes;
using Engagement.Connectors.Platforms;
using Engagement.Core.Domain;
using Engagement.Core.Ports;
using Engagement.Ml.Vocabulary;
using Engagement.Testing;
using static Engagement.Testing.YouTubeReplay;

namespace Engagement.Connectors.Tests.YouTube;

/// <summary>The YouTube connector against a loopback server replaying the recorded exchanges under <c>/youtube/v3</c>.</summary>
public sealed class YouTubeConnectorTests : IDisposable
{
    private const string ApiKey = "AIzaSyTestKey-e2e-0000000000000000000";
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);
    private readonly PlatformReplay _replay = PlatformReplay.Start();
    private readonly ConnectorHost _host;

    public YouTubeConnectorTests() => _host = new ConnectorHost(Settings(_replay));

    public void Dispose()
    {
        _host.Dispose();
        _replay.Dispose();
    }

    private IChannelConnector Connector => _host.Connector("youtube");

    internal static Dictionary<string, string?> Settings(PlatformReplay replay) => new()
    {
        ["Engagement:Platforms:YouTube:BaseUrl"] = replay.ApiRoot().AbsoluteUri,
        ["Engagement:Platforms:YouTube:PageSize"] = "3",
        ["Engagement:Platforms:YouTube:CommentsPageSize"] = "3",
    };

    internal static ConnectorRequest Request(string account = Handle, string? cursor = null, string? token = ApiKey, int maxRequests = 50) => new(
        new ChannelDefinition { ClientId = "aurora", Id = "yt", Platform = "youtube", Account = account, SecretName = token is null ? null : "aurora-yt" },
        cursor,
        new PageBudget(500, maxRequests),
        ChannelSettings.Default,
        token is null ? ChannelToken.None : ChannelToken.Of("aurora-yt", token));

    [Fact]
    public async Task ASweepReadsTheVideosEveryThreadAndReplyAndTheNewCommentsAndTellsTheBrandFromCustomers()
    {
        _replay.ServeChannel();

        var page = await Connector.FetchAsync(Request());

        Assert.False(page.HasMore);
        var items = page.Items.ToDictionary(i => i.PlatformId);
        Assert.Equal(17, items.Count); // 4 videos, 7 comments on the panettone video, 5 on the crescentine one, Emma's new thread
        Assert.Equal($"youtube video {Deleted}: it is listed as 'Deleted video' but cannot be read (deleted or private)", Assert.Single(page.Errors));

        var video = items[Panettone];
        Assert.Equal((InteractionKind.Post, true, Handle, Panettone, null), (video.Kind, video.AuthorIsBrand, video.Author, video.ThreadId, video.ParentId));
        Assert.Equal("Panettone artigianale: 72 ore in 8 minuti 🎄\n\nDal lievito madre alla glassa: come nasce il nostro panettone.\nPrenotazioni: https://panificioaurora.example/prenota\n\n#panettone #bologna", video.Text);
        Assert.Equal((391L, 57L, 4817L, "it"), (video.Likes!.Value, video.Replies!.Value, video.Reach!.Value, video.Language));
        Assert.Equal(new DateTimeOffset(2026, 11, 26, 17, 0, 6, TimeSpan.Zero), video.CreatedAt);
        Assert.Equal(((long?)null, (long?)null, "en"), (items[Focaccia].Likes, items[Focaccia].Replies, items[Focaccia].Language)); // hidden likes, comments disabled

        var question = items[GiuliasThread];
        Assert.Equal((InteractionKind.Comment, false, Panettone, Panettone, 3L), (question.Kind, question.AuthorIsBrand, question.ParentId, question.ThreadId, question.Replies!.Value));
        Assert.Equal("Che meraviglia 😍 Si può ordinare anche quello senza canditi?\nLo vorrei per il 24!", question.Text);
        var answer = items[BrandReplyToGiulia];
        Assert.Equal((InteractionKind.Reply, true, GiuliasThread, Panettone, Handle), (answer.Kind, answer.AuthorIsBrand, answer.ParentId, answer.ThreadId, answer.Author));
        Assert.Equal("Certo Giulia! Scrivi \"senza canditi\" nelle note dell'ordine: https://panificioaurora.example/prenota 👍", answer.Text);
        Assert.Equal("@GiuliaBernardi anche io senza canditi, sono il male 😂", items[MarcosReply].Text);
        Assert.Equal("The crumb shot at 4:43 is unreal. Do you ship to Milan?", items[EnglishComment].Text);
        Assert.Equal((false, "@user-kq3vz8xw1p"), (items[NoChannelAuthor].AuthorIsBrand, items[NoChannelAuthor].Author)); // no channel: kept as a customer
        Assert.Equal("🎄🎄🎄", items[Trees].Text);

        // Lucia's thread carried one of its four replies: the rest came from comments?parentId=.
        Assert.Equal(6, items.Values.Count(i => i.ThreadId == Crescentine && i.Kind != InteractionKind.Post));
        Assert.Equal((InteractionKind.Reply, true, LuciasThread), (items[BrandReplyToLucia].Kind, items[BrandReplyToLucia].AuthorIsBrand, items[BrandReplyToLucia].ParentId));
        Assert.Equal("Le crescentine più buone di Bologna!\nFino a che ora le fate il sabato?", items[LuciasThread].Text);
        Assert.Equal((InteractionKind.Comment, Crescentine), (items[EmmasThread].Kind, items[EmmasThread].ParentId));

        // The key travels in a header, never in a URL; a first sweep of this channel costs twelve quota units.
        Assert.All(_replay.Requests, r =>
        {
            Assert.Equal(ApiKey, r.RequestMessage.Headers!["X-Goog-Api-Key"].Single());
            Assert.DoesNotContain(ApiKey, r.RequestMessage.Url, StringComparison.Ordinal);
            Assert.False(r.RequestMessage.Query?.ContainsKey("key") ?? false);
            Assert.StartsWith("/youtube/v3/", r.RequestMessage.Path, StringComparison.Ordinal);
        });
        Assert.Equal(12, _replay.Requests.Count);
        Assert.Null(page.RateLimit); // YouTube tells no usage
    }

    [Fact]
    public async Task TheNextSweepRereadsOnlyTheVideoWhoseCommentCountMoved()
    {
        _replay.ServeChannel();
        var first = await Connector.FetchAsync(Request());
        var before = _replay.Requests.Count;

        var second = await Connector.FetchAsync(Request(cursor: first.NextCursor));

        var again = _replay.Requests.Skip(before).ToList();
        Assert.DoesNotContain(again, r => r.RequestMessage.Path.EndsWith("/comments", StringComparison.Ordinal) || r.RequestMessage.Path.EndsWith("/channels", StringComparison.Ordinal));
        Assert.DoesNotContain(again, r => r.RequestMessage.Query?.ContainsKey("videoId") ?? false);
        Assert.Equal(5, again.Count); // two uploads pages down to the thread window and their counters, the newest inbound page
        Assert.False(second.HasMore);

        var videos = Load("written-videos-page1");
        videos["response"]!["body"]!["items"]![1]!["statistics"]!["commentCount"] = "113";
        _replay.Server.Reset();
        _replay.ServeChannel(videos1: videos);

        await Connector.FetchAsync(Request(cursor: second.NextCursor));

        Assert.Equal([Crescentine], _replay.Requests.Where(r => r.RequestMessage.Query?.ContainsKey("videoId") ?? false).Select(r => r.RequestMessage.Query!["videoId"].Single()));
    }

    [Fact]
    public async Task ABudgetOfAFewCallsSplitsTheSweepIntoJobsThatTogetherReadTheSame()
    {
        _replay.ServeChannel();
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
    public async Task AChannelGivenByIdOrUrlResolvesToTheSameChannel()
    {
        var byId = Load("channels-forHandle");
        byId["request"]!["query"]!.AsObject().Remove("forHandle");
        byId["request"]!["query"]!["id"] = ChannelId;
        _replay.ServeChannel().Serve(byId);

        var page = await Connector.FetchAsync(Request(account: "https://www.youtube.com/channel/" + ChannelId));

        Assert.Equal($"{ChannelId}/UUZmHK3pw8S54O6lpoTJlMew/{Handle}", CrawlState.Decode(page.NextCursor)!.Account);
        Assert.Contains(page.Items, i => i.PlatformId == Panettone && i.Author == Handle);
    }

    [Fact]
    public async Task A429WithAShortRetryAfterIsWaitedForAndRetried()
    {
        var threads = Load("commentThreads-video-page1");
        threads["response"]!["body"]!.AsObject().Remove("nextPageToken"); // one page, so the turns below serve one request and its retry
        var tooMany = (JsonObject)threads.DeepClone();
        tooMany["response"] = PlatformReplay.Load("youtube", "error-429-rateLimitExceeded")["response"]!.DeepClone();
        tooMany["response"]!["headers"]!["Retry-After"] = "0";
        _replay.ServeChannel().ServeInTurn(null, tooMany, threads);

        var page = await Connector.FetchAsync(Request());

        Assert.Contains(page.Items, i => i.PlatformId == GiuliasThread);
        Assert.Equal(2, _replay.Requests.Count(r => r.RequestMessage.Query?.ContainsKey("videoId") == true && r.RequestMessage.Query["videoId"].Single() == Panettone && !r.RequestMessage.Query.ContainsKey("pageToken")));
    }

    [Fact]
    public async Task ThePerMinuteLimitWithoutRetryAfterBeforeAnyProgressIsAThrottledFaultOfAMinute()
    {
        _replay.Serve(Answering("channels-forHandle", "error-429-rateLimitExceeded"));

        var fault = await Assert.ThrowsAsync<ConnectorFaultException>(() => Connector.FetchAsync(Request()));

        Assert.Equal((ConnectorFaultKind.Throttled, Now.AddMinutes(1)), (fault.Kind, fault.ThrottledUntil));
        Assert.Single(_replay.Requests);
    }

    [Fact]
    public async Task TheDailyQuotaUsedUpMidwayKeepsWhatWasReadAndWaitsForMidnightPacificTime()
    {
        _replay.ServeChannel(threads1: Answering("commentThreads-video-page1", "error-403-quotaExceeded"));

        var page = await Connector.FetchAsync(Request());

        Assert.True(page.HasMore);
        Assert.Equal(new DateTimeOffset(2026, 11, 28, 8, 0, 0, TimeSpan.Zero), page.ResumeAt); // 00:00 PST
        Assert.Contains(page.Items, i => i.PlatformId == Panettone);
        Assert.Single(_replay.Requests, r => r.RequestMessage.Query?.ContainsKey("videoId") ?? false); // no retry spends more quota
    }

    [Fact]
    public async Task TheDailyQuotaUsedUpBeforeAnyProgressIsAThrottledFault()
    {
        _replay.Serve(Answering("channels-forHandle", "error-403-quotaExceeded"));

        var fault = await Assert.ThrowsAsync<ConnectorFaultException>(() => Connector.FetchAsync(Request()));

        Assert.Equal((ConnectorFaultKind.Throttled, new DateTimeOffset(2026, 11, 28, 8, 0, 0, TimeSpan.Zero)), (fault.Kind, fault.ThrottledUntil));
        Assert.Single(_replay.Requests);
    }

    [Fact]
    public async Task ARefusedKeyIsPermanentAndNotRetried()
    {
        _replay.Serve(Answering("channels-forHandle", "error-400-keyInvalid"));

        var fault = await Assert.ThrowsAsync<ConnectorFaultException>(() => Connector.FetchAsync(Request()));

        Assert.Equal(ConnectorFaultKind.Permanent, fault.Kind);
        Assert.Contains("refused the API key (badRequest: API key not valid. Please pass a valid API key.)", fault.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(ApiKey, fault.Message, StringComparison.Ordinal);
        Assert.Single(_replay.Requests);
    }

    [Fact]
    public async Task ExpiredCredentialsArePermanentAndNotRetried()
    {
        _replay.Serve(Answering("channels-forHandle", "error-401-authError"));

        var fault = await Assert.ThrowsAsync<ConnectorFaultException>(() => Connector.FetchAsync(Request()));

        Assert.Equal(ConnectorFaultKind.Permanent, fault.Kind);
        Assert.Contains("refused the credentials (authError: Request had invalid authentication credentials.", fault.Message, StringComparison.Ordinal);
        Assert.Single(_replay.Requests);
    }

    [Fact]
    public async Task AChannelWithoutAKeyIsPermanentBeforeAnyCall()
    {
        _replay.ServeChannel();

        var fault = await Assert.ThrowsAsync<ConnectorFaultException>(() => Connector.FetchAsync(Request(token: null)));

        Assert.Equal(ConnectorFaultKind.Permanent, fault.Kind);
        Assert.Contains("YouTube needs an API key", fault.Message, StringComparison.Ordinal);
        Assert.Empty(_replay.Requests);
    }

    [Fact]
    public async Task AForbiddenListIsPermanentWithItsReason()
    {
        _replay.ServeChannel().Serve(Answering("commentThreads-channel-inbound", "error-403-insufficientPermissions"), priority: 1);

        var fault = await Assert.ThrowsAsync<ConnectorFaultException>(() => Connector.FetchAsync(Request()));

        Assert.Equal(ConnectorFaultKind.Permanent, fault.Kind);
        Assert.Contains("refused access (insufficientPermissions: Request had insufficient authentication scopes.)", fault.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownHandleIsPermanent()
    {
        _replay.Serve(Load("channels-forHandle-not-found"));

        var fault = await Assert.ThrowsAsync<ConnectorFaultException>(() => Connector.FetchAsync(Request(account: "@panificio-aurora")));

        Assert.Equal(ConnectorFaultKind.Permanent, fault.Kind);
        Assert.Contains("YouTube has no channel @panificio-aurora", fault.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADeletedVideoIsThatVideosBadRecordAndDisabledCommentsAreNone()
    {
        _replay.ServeChannel(threads1: Answering("commentThreads-video-page1", "error-404-videoNotFound"))
            .Serve(Answering("written-commentThreads-video2", "error-403-commentsDisabled"), priority: 1);

        var page = await Connector.FetchAsync(Request());

        Assert.False(page.HasMore);
        Assert.Contains($"youtube video {Panettone}: its comments can no longer be read (deleted or private)", page.Errors);
        Assert.Equal(2, page.Errors.Count); // and the deleted video of the playlist
        Assert.DoesNotContain(page.Items, i => i.PlatformId == GiuliasThread);
        Assert.Contains(page.Items, i => i.PlatformId == EmmasThread); // the inbound listing still has it
        Assert.Contains(page.Items, i => i.PlatformId == BrandReplyToLucia); // and Lucia's replies, through her thread
    }

    [Fact]
    public async Task ABackendErrorThatLastsIsTransient()
    {
        _replay.ServeChannel().Serve(Answering("playlistItems-uploads-page1", "error-500-backendError"), priority: 1);

        var fault = await Assert.ThrowsAsync<ConnectorFaultException>(() => Connector.FetchAsync(Request()));

        Assert.Equal(ConnectorFaultKind.Transient, fault.Kind);
        Assert.Equal(4, _replay.Requests.Count(r => r.RequestMessage.Path.EndsWith("/playlistItems", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task AMalformedCommentAmongGoodOnesIsThatCommentsBadRecordOnly()
    {
        var threads = Load("commentThreads-video-page1");
        var list = (JsonArray)threads["response"]!["body"]!["items"]!;
        list[1]!["snippet"]!["topLevelComment"]!["snippet"]!["publishedAt"] = "soon";
        list[2]!["replies"]!["comments"]![0]!["snippet"] = "not an object";
        _replay.ServeChannel(threads1: threads);

        var page = await Connector.FetchAsync(Request());

        Assert.Contains($"youtube comment {EnglishComment}: publishedAt is missing or not a time", page.Errors);
        Assert.Contains(page.Errors, e => e.StartsWith($"youtube comment {MarcosReply}: unreadable", StringComparison.Ordinal));
        Assert.Contains(page.Items, i => i.PlatformId == BrandReplyToGiulia);
        Assert.Contains(page.Items, i => i.PlatformId == Trees); // the next page is still read
        Assert.Contains(page.Items, i => i.PlatformId == EnglishComment); // the inbound listing has it right
    }
}
