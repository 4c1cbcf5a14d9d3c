using System.Text.Json.Nodes;
using Engagement.Connectors.Meta;
using Engagement.Connectors.Platforms;
using Engagement.Connectors.Tests.Meta;
using Engagement.Core.Ports;
using Engagement.Ml.Vocabulary;
using Engagement.Testing;
using static Engagement.Testing.FacebookReplay;

namespace Engagement.Connectors.Tests.Facebook;

/// <summary>The Facebook Pages connector against a loopback server replaying the recorded Graph API exchanges, headers included.</summary>
public sealed class FacebookConnectorTests : IDisposable
{
    private readonly PlatformReplay _replay = PlatformReplay.Start();
    private readonly ConnectorHost _host;

    public FacebookConnectorTests() => _host = MetaChannel.Host(_replay);

    public void Dispose()
    {
        _host.Dispose();
        _replay.Dispose();
    }

    private IChannelConnector Connector => _host.Connector("facebook");

    [Fact]
    public async Task ASweepPagesToTheEndReadsEveryCommentStreamAndTheTagsAndTellsTheBrandFromCustomers()
    {
        _replay.ServeFacebookPage();

        var page = await Connector.FetchAsync(MetaChannel.Facebook());

        Assert.False(page.HasMore);
        Assert.Empty(page.Errors);
        var items = page.Items.ToDictionary(i => i.PlatformId);
        Assert.Equal(22, items.Count); // 6 posts, 8 + 1 + 2 + 3 comments, 2 posts that tag the Page
        Assert.Equal(0, page.Skipped); // the one share carries the Page's own caption

        var panettone = items[Panettone];
        Assert.Equal((InteractionKind.Post, true, Panettone, (string?)null, "Forno Brunetti"), (panettone.Kind, panettone.AuthorIsBrand, panettone.ThreadId, panettone.ParentId, panettone.Author));
        Assert.StartsWith("🎄 Da oggi in vetrina il nostro panettone artigianale", panettone.Text, StringComparison.Ordinal);
        Assert.Equal((48L, 8L, 3L, (long?)null), (panettone.Likes!.Value, panettone.Replies!.Value, panettone.Shares!.Value, panettone.Reach));
        Assert.Equal(new DateTimeOffset(2026, 12, 5, 16, 42, 10, TimeSpan.Zero), panettone.CreatedAt);
        Assert.Null(panettone.Language);

        var photo = items[Photo];
        Assert.Equal(("", false, 0L), (photo.Text, photo.HasText, photo.Shares!.Value)); // no "message" key, no "shares"
        Assert.Equal("Che bella sorpresa, grazie Torino Food Lovers! 🙏", items[Share].Text); // the caption, never the "story"

        var question = items["122150318829463301_1587734426630917"];
        Assert.Equal((InteractionKind.Comment, false, Panettone, Panettone, "7391827364519283"), (question.Kind, question.AuthorIsBrand, question.ParentId, question.ThreadId, question.Author));
        var answer = items["122150318829463301_1587741209963572"];
        Assert.Equal((InteractionKind.Reply, true, "122150318829463301_1587734426630917", Panettone), (answer.Kind, answer.AuthorIsBrand, answer.ParentId, answer.ThreadId));
        var thanks = items["122150318829463301_1587760113295015"];
        Assert.Equal((InteractionKind.Reply, false, "122150318829463301_1587741209963572"), (thanks.Kind, thanks.AuthorIsBrand, thanks.ParentId)); // a reply to the brand's reply

        var anonymous = items["122150318829463301_904417265113382"];
        Assert.Equal((false, (string?)null, "Prezzo al kg? 🤔"), (anonymous.AuthorIsBrand, anonymous.Author, anonymous.Text)); // no "from": never the brand
        Assert.Equal(("", InteractionKind.Comment), (items["122150318829463301_1330092184817346"].Text, items["122150318829463301_1330092184817346"].Kind)); // a sticker
        Assert.Contains("bit.ly/soldi-facili", items["122150318829463301_2049918273645510"].Text, StringComparison.Ordinal); // hidden by the Page, still a message

        var tagged = items["100089123456789_398765432109876"];
        Assert.Equal((InteractionKind.Comment, false, "6629183745512098", "100089123456789_398765432109876"), (tagged.Kind, tagged.AuthorIsBrand, tagged.Author, tagged.ThreadId));

        Assert.Equal(0.11, page.RateLimit!.UsedShare!.Value, 2); // the last call's x-business-use-case-usage, in percent
        Assert.All(_replay.Requests, r => Assert.Equal($"Bearer {Token}", r.RequestMessage.Headers!["Authorization"].Single()));
        Assert.DoesNotContain(_replay.Requests, r => r.RequestMessage.Url.Contains(Token, StringComparison.Ordinal));
        Assert.DoesNotContain(_replay.Requests, r => r.RequestMessage.Path.Contains($"{Focaccia}/comments", StringComparison.Ordinal)); // no comments, no call
    }

    [Fact]
    public async Task TheNextSweepRereadsAThreadOnlyWhenItsCommentCounterChanged()
    {
        _replay.ServeFacebookPage();
        var first = await Connector.FetchAsync(MetaChannel.Facebook());
        var before = _replay.Requests.Count;

        var second = await Connector.FetchAsync(MetaChannel.Facebook(cursor: first.NextCursor));

        Assert.DoesNotContain(_replay.Requests.Skip(before), r => r.RequestMessage.Path.EndsWith("/comments", StringComparison.Ordinal));
        Assert.False(second.HasMore);

        var page1 = PlatformReplay.Load("facebook", "posts-page1");
        page1["response"]!["body"]!["data"]![3]!["comments"]!["summary"]!["total_count"] = 3;
        _replay.Server.Reset();
        _replay.ServeFacebookPage(page1);

        await Connector.FetchAsync(MetaChannel.Facebook(cursor: second.NextCursor));

        Assert.Equal([CommentsPath(Hours)], _replay.Requests.Select(r => r.RequestMessage.Path).Where(p => p.EndsWith("/comments", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task ABudgetOfAFewCallsSplitsTheSweepIntoJobsThatTogetherReadTheSame()
    {
        _replay.ServeFacebookPage();
        var whole = await Connector.FetchAsync(MetaChannel.Facebook());

        var ids = new HashSet<string>(StringComparer.Ordinal);
        string? cursor = null;
        var jobs = 0;
        ConnectorPage page;
        do
        {
            page = await Connector.FetchAsync(MetaChannel.Facebook(cursor: cursor, maxRequests: 2));
            ids.UnionWith(page.Items.Select(i => i.PlatformId));
            cursor = page.NextCursor;
            jobs++;
        }
        while (page.HasMore && jobs < 50);

        Assert.True(jobs > 3, $"{jobs} jobs");
        Assert.Equal(whole.Items.Select(i => i.PlatformId).ToHashSet(StringComparer.Ordinal), ids);
        Assert.DoesNotContain(ids, id => id.Contains(Token, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AThrottleCodeBeforeAnyProgressIsAThrottledFaultUntilMetaSaysAccessReturns()
    {
        _replay.Serve(PlatformReplay.Load("facebook", "posts-page1").AnsweredWith("facebook", "error-throttled"));

        var fault = await Assert.ThrowsAsync<ConnectorFaultException>(() => Connector.FetchAsync(MetaChannel.Facebook()));

        Assert.Equal(ConnectorFaultKind.Throttled, fault.Kind);
        Assert.Equal(MetaChannel.Now.AddMinutes(19), fault.ThrottledUntil); // estimated_time_to_regain_access, in minutes
        Assert.EndsWith("asked to wait until 2026-12-06 12:19:00Z", fault.Message, StringComparison.Ordinal);
        Assert.Single(_replay.Requests); // calls made while blocked would extend the block
    }

    [Fact]
    public async Task AThrottledJobReadsEverythingOnceAccessReturns()
    {
        _replay.Serve(PlatformReplay.Load("facebook", "posts-page1").AnsweredWith("facebook", "error-throttled"));
        var fault = await Assert.ThrowsAsync<ConnectorFaultException>(() => Connector.FetchAsync(MetaChannel.Facebook()));

        _host.Time.SetUtcNow(fault.ThrottledUntil!.Value);
        _replay.Server.Reset();
        _replay.ServeFacebookPage();
        var page = await Connector.FetchAsync(MetaChannel.Facebook()); // the same page again: a throttle does not move the cursor

        Assert.Equal(22, page.Items.Count);
        Assert.False(page.HasMore);
    }

    [Fact]
    public async Task AThrottleAfterSomeProgressKeepsWhatWasReadAndSaysWhenToResume()
    {
        var page2 = PlatformReplay.Load("facebook", "posts-page2-last").AnsweredWith("facebook", "error-throttled");
        _replay.ServeFacebookPage().Serve(page2, priority: 1);

        var page = await Connector.FetchAsync(MetaChannel.Facebook());

        Assert.True(page.HasMore);
        Assert.Equal(MetaChannel.Now.AddMinutes(19), page.ResumeAt);
        Assert.Contains(page.Items, i => i.PlatformId == Panettone);
        Assert.Equal(PageId, CrawlState.Decode(page.NextCursor)!.Account);
    }

    [Fact]
    public async Task UsageNearTheLimitStopsTheJobBeforeMetaThrottles()
    {
        var page1 = PlatformReplay.Load("facebook", "posts-page1");
        page1["response"]!["headers"]!["x-business-use-case-usage"] = """{"108457912345678":[{"type":"pages","call_count":93,"total_cputime":40,"total_time":41,"estimated_time_to_regain_access":0}]}""";
        _replay.ServeFacebookPage(page1);

        var page = await Connector.FetchAsync(MetaChannel.Facebook());

        Assert.True(page.HasMore);
        Assert.Equal(MetaChannel.Now + MetaSignals.UnstatedWait, page.ResumeAt);
        Assert.Single(_replay.Requests);
        Assert.Contains(page.Items, i => i.PlatformId == Panettone);
    }

    [Fact]
    public async Task AnExpiredTokenIsPermanentSaysWhatToDoAndIsNotRetried()
    {
        _replay.Serve(PlatformReplay.Load("facebook", "posts-page1").AnsweredWith("facebook", "error-expired-token"));

        var fault = await Assert.ThrowsAsync<ConnectorFaultException>(() => Connector.FetchAsync(MetaChannel.Facebook()));

        Assert.Equal(ConnectorFaultKind.Permanent, fault.Kind);
        Assert.Contains("Facebook refused the token (#190 Error validating access token: Session has expired", fault.Message, StringComparison.Ordinal);
        Assert.Contains("it has expired; connect the account again and update the channel's secret", fault.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, fault.Message, StringComparison.Ordinal);
        Assert.Single(_replay.Requests);
    }

    [Fact]
    public async Task AMissingPermissionIsPermanentAndNamesIt()
    {
        var tagged = PlatformReplay.Load("facebook", "page-tagged").AnsweredWith("facebook", "error-permission");
        _replay.ServeFacebookPage().Serve(tagged, priority: 1);

        var fault = await Assert.ThrowsAsync<ConnectorFaultException>(() => Connector.FetchAsync(MetaChannel.Facebook()));

        Assert.Equal(ConnectorFaultKind.Permanent, fault.Kind);
        Assert.Contains("(#10) This endpoint requires the 'pages_read_engagement' permission", fault.Message, StringComparison.Ordinal);
        Assert.Contains("pages_read_user_content", fault.Message, StringComparison.Ordinal);
        Assert.Single(_replay.Requests, r => r.RequestMessage.Path.EndsWith("/tagged", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ADeletedPostIsThatThreadsBadRecordAndTheRestIsKept()
    {
        var hours = Comments(Hours).AnsweredWith("facebook", "error-deleted-post");
        _replay.ServeFacebookPage().Serve(hours, priority: 1);

        var page = await Connector.FetchAsync(MetaChannel.Facebook());

        Assert.Equal($"facebook post {Hours}: its comments can no longer be read (the post was deleted, or is hidden from this token)", Assert.Single(page.Errors));
        Assert.Equal(20, page.Items.Count);
        Assert.Contains(page.Items, i => i.PlatformId == Hours); // listed before it went
    }

    [Fact]
    public async Task AMalformedPostOrCommentAmongGoodOnesIsThatItemsBadRecordOnly()
    {
        var page1 = PlatformReplay.Load("facebook", "posts-page1");
        var posts = page1["response"]!["body"]!["data"]!.AsArray();
        posts[1]!["created_time"] = "yesterday morning";
        posts[2]!.AsObject().Remove("id");
        var stream = PlatformReplay.Load("facebook", "post-comments-stream");
        stream["response"]!["body"]!["data"]![3]!["like_count"] = new JsonObject { ["odd"] = true };
        _replay.ServeFacebookPage(page1).Serve(stream.OnLoopback(_replay), priority: 1);

        var page = await Connector.FetchAsync(MetaChannel.Facebook());

        Assert.Contains($"facebook post {Photo}: created_time 'yesterday morning' is not a time", page.Errors);
        Assert.Contains("facebook post without id: it has no id", page.Errors);
        Assert.Contains(page.Errors, e => e.StartsWith("facebook comment 122150318829463301_1123884907765261: unreadable ($.like_count", StringComparison.Ordinal));
        Assert.Equal(3, page.Errors.Count);
        Assert.Contains(page.Items, i => i.PlatformId == Panettone);
        Assert.Contains(page.Items, i => i.PlatformId == "122150318829463301_1123890271097725"); // the brand's answer to the odd comment is kept
        Assert.Contains(page.Items, i => i.PlatformId == Focaccia); // page 2 is still read
    }

    [Fact]
    public async Task ATransientErrorIsRetriedInTheCallAndOneThatLastsIsTransient()
    {
        var stream = PlatformReplay.Load("facebook", "post-comments-stream");
        _replay.ServeFacebookPage().ServeInTurn(null, stream.AnsweredWith("facebook", "error-transient"), stream.OnLoopback(_replay));

        var page = await Connector.FetchAsync(MetaChannel.Facebook());

        Assert.Contains(page.Items, i => i.PlatformId == "122150318829463301_1587734426630917");
        Assert.Equal(2, _replay.Requests.Count(r => r.RequestMessage.Path == CommentsPath(Panettone)));

        _replay.Server.Reset();
        _replay.Serve(PlatformReplay.Load("facebook", "posts-page1").AnsweredWith("facebook", "error-transient"));
        var fault = await Assert.ThrowsAsync<ConnectorFaultException>(() => Connector.FetchAsync(MetaChannel.Facebook()));
        Assert.Equal(ConnectorFaultKind.Transient, fault.Kind);
        Assert.Equal(4, _replay.Requests.Count); // the first try and three retries
    }

    [Fact]
    public async Task AnAliasIsResolvedOnceToThePageIdThatTheCursorKeeps()
    {
        var alias = PlatformReplay.Load("facebook", "resolve-page-by-username");
        alias["request"]!["query"]!["fields"] = "id,name,username";
        _replay.ServeFacebookPage().Serve(alias);

        var first = await Connector.FetchAsync(MetaChannel.Facebook(account: "https://www.facebook.com/fornobrunetti"));
        await Connector.FetchAsync(MetaChannel.Facebook(account: "https://www.facebook.com/fornobrunetti", cursor: first.NextCursor));

        Assert.Equal(PageId, CrawlState.Decode(first.NextCursor)!.Account);
        Assert.Single(_replay.Requests, r => r.RequestMessage.Path == "/v25.0/fornobrunetti");
        Assert.True(first.Items.Single(i => i.PlatformId == Panettone).AuthorIsBrand);
    }

    [Fact]
    public async Task AnUnknownAliasIsPermanent()
    {
        _replay.Serve(PlatformReplay.Load("facebook", "resolve-page-unknown-alias"));

        var fault = await Assert.ThrowsAsync<ConnectorFaultException>(() => Connector.FetchAsync(MetaChannel.Facebook(account: "@fornobrunettii")));

        Assert.Equal((ConnectorFaultKind.Permanent, "there is no Facebook Page 'fornobrunettii' (misspelt alias, or a Page this token cannot see)"), (fault.Kind, fault.Message));
    }

    [Fact]
    public async Task WithoutATokenNothingIsCalledAndTheChannelIsToldWhatItNeeds()
    {
        var fault = await Assert.ThrowsAsync<ConnectorFaultException>(() => Connector.FetchAsync(MetaChannel.Facebook(token: null)));

        Assert.Equal(ConnectorFaultKind.Permanent, fault.Kind);
        Assert.StartsWith("a Facebook channel needs a token: a Page access token of the Page", fault.Message, StringComparison.Ordinal);
        Assert.Empty(_replay.Requests);
    }

    [Fact]
    public async Task PagingLinksKeepNoTokenAndMayNotLeaveTheApiHost()
    {
        var page1 = PlatformReplay.Load("facebook", "posts-page1").OnLoopback(_replay);
        var next = page1["response"]!["body"]!["paging"]!["next"]!.GetValue<string>();
        page1["response"]!["body"]!["paging"]!["next"] = next + "&access_token=EAAEchoedIntoTheLink";
        _replay.ServeFacebookPage(page1);

        var page = await Connector.FetchAsync(MetaChannel.Facebook(maxRequests: 1));

        var token = CrawlState.Decode(page.NextCursor)!.Sweep!.PageToken;
        Assert.Equal(next, token);

        page1["response"]!["body"]!["paging"]!["next"] = next.Replace(_replay.Url.GetLeftPart(UriPartial.Authority), "https://graph.example.net", StringComparison.Ordinal);
        _replay.Server.Reset();
        _replay.ServeFacebookPage(page1);
        var fault = await Assert.ThrowsAsync<ConnectorFaultException>(() => Connector.FetchAsync(MetaChannel.Facebook()));
        Assert.Equal(ConnectorFaultKind.Permanent, fault.Kind);
        Assert.Contains("pages through another host", fault.Message, StringComparison.Ordinal);
    }
}
