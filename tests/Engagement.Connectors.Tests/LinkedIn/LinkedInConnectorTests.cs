using System.Text.Json.Nodes;
using Engagement.Connectors.Platforms;
using Engagement.Core.Ports;
using Engagement.Ml.Vocabulary;
using Engagement.Testing;
using static Engagement.Testing.LinkedInReplay;

namespace Engagement.Connectors.Tests.LinkedIn;

/// <summary>The LinkedIn connector against a loopback server replaying the recorded Community Management API exchanges, headers included.</summary>
public sealed class LinkedInConnectorTests : IDisposable
{
    private readonly PlatformReplay _replay = PlatformReplay.Start();
    private readonly ConnectorHost _host;

    public LinkedInConnectorTests() => _host = LinkedInChannel.Host(_replay);

    public void Dispose()
    {
        _host.Dispose();
        _replay.Dispose();
    }

    private IChannelConnector Connector => _host.Connector("linkedin");

    [Fact]
    public async Task ASweepPagesToTheEndReadsCommentsAndRepliesAndTellsTheBrandFromCustomers()
    {
        _replay.ServeLinkedInOrganization();

        var page = await Connector.FetchAsync(LinkedInChannel.Request());

        Assert.False(page.HasMore);
        Assert.Empty(page.Errors);
        var items = page.Items.ToDictionary(i => i.PlatformId);
        Assert.Equal(14, items.Count); // 7 posts, 3 comments and 2 replies on the panettone post, one comment on two others

        var panettone = items[Panettone];
        Assert.Equal((InteractionKind.Post, true, Panettone, Organization), (panettone.Kind, panettone.AuthorIsBrand, panettone.ThreadId, panettone.Author));
        Assert.Equal("Il nostro panettone artigianale è in vetrina 🎄 36 ore di lievitazione con lievito madre e la farina di Mulino Rossi (macinata a pietra). Grazie a tutto il team! #panettone #artigianato", panettone.Text);
        Assert.Equal((50L, 5L, (long?)null), (panettone.Likes!.Value, panettone.Replies!.Value, panettone.Shares));
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1796489100001), panettone.CreatedAt);
        Assert.Equal(("", false), (items[Brioche].Text, items[Brioche].HasText));
        Assert.Equal("Orgogliosi di essere tra le 10 botteghe storiche di Torino! 🙌", items[Reshare].Text); // a reshare with the page's own words

        var chiara = items[ChiaraComment];
        Assert.Equal((InteractionKind.Comment, false, Panettone, Panettone, "urn:li:person:aB3dE5fG7h", 2L), (chiara.Kind, chiara.AuthorIsBrand, chiara.ParentId, chiara.ThreadId, chiara.Author, chiara.Replies!.Value));
        Assert.Equal("Complimenti! Lo spedite anche o solo ritiro? 😍", chiara.Text);
        var answer = items["urn:li:comment:(urn:li:activity:7402846520318963712,7402910089223645184)"];
        Assert.Equal((InteractionKind.Reply, true, ChiaraComment, Panettone, Organization), (answer.Kind, answer.AuthorIsBrand, answer.ParentId, answer.ThreadId, answer.Author)); // written by an admin as the page
        var again = items["urn:li:comment:(urn:li:activity:7402846520318963712,7402918874410831872)"];
        Assert.Equal((InteractionKind.Reply, false, ChiaraComment, "Forno Brunetti perfetto, passo sabato!"), (again.Kind, again.AuthorIsBrand, again.ParentId, again.Text));
        var image = items["urn:li:comment:(urn:li:activity:7402846520318963712,7403012248819462144)"];
        Assert.Equal(("", InteractionKind.Comment), (image.Text, image.Kind)); // an image without a message

        Assert.Null(page.RateLimit); // LinkedIn tells no usage
        Assert.All(_replay.Requests, r =>
        {
            Assert.Equal($"Bearer {Token}", r.RequestMessage.Headers!["Authorization"].Single());
            Assert.Equal("202611", r.RequestMessage.Headers!["LinkedIn-Version"].Single());
            Assert.Equal("2.0.0", r.RequestMessage.Headers!["X-Restli-Protocol-Version"].Single());
        });
        Assert.Contains(_replay.Requests, r => r.RequestMessage.Url.Contains("author=urn%3Ali%3Aorganization%3A89541236", StringComparison.Ordinal));
        Assert.Contains(_replay.Requests, r => r.RequestMessage.RawQuery == "?ids=List(urn%3Ali%3Ashare%3A7398177312658345984,urn%3Ali%3Ashare%3A7396733190852726784)");

        // The server decodes paths; the client's log shows them as sent: URNs as Rest.li 2.0 path keys, fully encoded.
        Assert.Contains(_host.Logs, l => l.Contains($"GET {_replay.Url.GetLeftPart(UriPartial.Authority)}/rest/socialActions/urn%3Ali%3Acomment%3A%28urn%3Ali%3Aactivity%3A7402846520318963712%2C7402901234567890944%29/comments?", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheNextSweepRereadsAThreadOnlyWhenItsCommentCounterChanged()
    {
        _replay.ServeLinkedInOrganization();
        var first = await Connector.FetchAsync(LinkedInChannel.Request());
        var before = _replay.Requests.Count;

        var second = await Connector.FetchAsync(LinkedInChannel.Request(cursor: first.NextCursor));

        Assert.DoesNotContain(_replay.Requests.Skip(before), r => r.RequestMessage.Path.StartsWith("/rest/socialActions", StringComparison.Ordinal));
        _replay.Server.Reset();
        _replay.ServeLinkedInOrganization(page1Counters: Counters((Panettone, 50, 5), (Brioche, 22, 1), (Reshare, 9, 0), (Hiring, 14, 1), (Sourdough, 7, 0)))
            .Serve(Comments(Brioche, Comment("7402200000000000001", "urn:li:person:Zx8cV6bN4m", "Che profumo!", 1796300000000)));

        var third = await Connector.FetchAsync(LinkedInChannel.Request(cursor: second.NextCursor));

        Assert.Equal([CommentsPath(Brioche)], _replay.Requests.Select(r => r.RequestMessage.Path).Where(p => p.StartsWith("/rest/socialActions", StringComparison.Ordinal)));
        Assert.Contains(third.Items, i => i.PlatformId == "urn:li:comment:(urn:li:activity:7400000000000000000,7402200000000000001)");
    }

    [Fact]
    public async Task ABudgetOfAFewCallsSplitsTheSweepIntoJobsThatTogetherReadTheSame()
    {
        _replay.ServeLinkedInOrganization();
        var whole = await Connector.FetchAsync(LinkedInChannel.Request());

        var ids = new HashSet<string>(StringComparer.Ordinal);
        string? cursor = null;
        var jobs = 0;
        ConnectorPage page;
        do
        {
            page = await Connector.FetchAsync(LinkedInChannel.Request(cursor: cursor, maxRequests: 2));
            ids.UnionWith(page.Items.Select(i => i.PlatformId));
            cursor = page.NextCursor;
            jobs++;
        }
        while (page.HasMore && jobs < 50);

        Assert.True(jobs > 2, $"{jobs} jobs");
        Assert.Equal(whole.Items.Select(i => i.PlatformId).ToHashSet(StringComparer.Ordinal), ids);
    }

    [Fact]
    public async Task A429ThatSaysWhenIsWaitedForAndRetried()
    {
        var posts = PlatformReplay.Load("linkedin", "posts-page1");
        var tooMany = posts.DeepClone().AsObject();
        tooMany["response"] = PlatformReplay.Load("linkedin", "error-429-throttled")["response"]!.DeepClone();
        tooMany["response"]!["headers"]!["Retry-After"] = "0";
        _replay.ServeLinkedInOrganization().ServeInTurn(null, tooMany, posts);

        var page = await Connector.FetchAsync(LinkedInChannel.Request());

        Assert.Equal(14, page.Items.Count);
        Assert.Equal(2, _replay.Requests.Count(r => r.RequestMessage.Path == "/rest/posts" && r.RequestMessage.Query!["start"].Single() == "0"));
    }

    [Fact]
    public async Task A429WithoutHeadersIsTheDaysQuotaAndWaitsUntilMidnightUtc()
    {
        var posts = PlatformReplay.Load("linkedin", "posts-page1");
        posts["response"] = PlatformReplay.Load("linkedin", "error-429-throttled")["response"]!.DeepClone();
        _replay.Serve(posts);

        var fault = await Assert.ThrowsAsync<ConnectorFaultException>(() => Connector.FetchAsync(LinkedInChannel.Request()));

        Assert.Equal((ConnectorFaultKind.Throttled, new DateTimeOffset(2026, 12, 7, 0, 0, 0, TimeSpan.Zero)), (fault.Kind, fault.ThrottledUntil));
        Assert.Single(_replay.Requests);

        _replay.Server.Reset();
        _replay.ServeLinkedInOrganization().ServeLinkedIn("error-429-throttled"); // the counters of page 2... recorded for the panettone post alone
        var throttledCounters = Counters((Focaccia, 18, 0), (GlutenFree, 31, 1));
        throttledCounters["response"] = PlatformReplay.Load("linkedin", "error-429-throttled")["response"]!.DeepClone();
        _replay.Serve(throttledCounters, priority: 1);
        var page = await Connector.FetchAsync(LinkedInChannel.Request());
        Assert.True(page.HasMore);
        Assert.Equal(new DateTimeOffset(2026, 12, 7, 0, 0, 0, TimeSpan.Zero), page.ResumeAt);
        Assert.Contains(page.Items, i => i.PlatformId == Panettone);
    }

    [Theory]
    [InlineData("error-401-revoked", "LinkedIn refused the token (The token used in the request has been revoked by the user, REVOKED_ACCESS_TOKEN): connect the page's admin again")]
    [InlineData("error-401-expired", "LinkedIn refused the token (The token used in the request has expired, EXPIRED_ACCESS_TOKEN): member tokens last 60 days")]
    public async Task ARefusedTokenIsPermanentSaysWhatToDoAndIsNotRetried(string fixture, string message)
    {
        var posts = PlatformReplay.Load("linkedin", "posts-page1");
        posts["response"] = PlatformReplay.Load("linkedin", fixture)["response"]!.DeepClone();
        _replay.Serve(posts);

        var fault = await Assert.ThrowsAsync<ConnectorFaultException>(() => Connector.FetchAsync(LinkedInChannel.Request()));

        Assert.Equal(ConnectorFaultKind.Permanent, fault.Kind);
        Assert.StartsWith(message, fault.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, fault.Message, StringComparison.Ordinal);
        Assert.Single(_replay.Requests);
    }

    [Fact]
    public async Task AForbiddenResourceIsPermanentAndNamesTheRoleAndScopes()
    {
        _replay.ServeLinkedInOrganization().Serve(PlatformReplay.Load("linkedin", "error-403-access-denied").AsServed(), priority: 1);

        var fault = await Assert.ThrowsAsync<ConnectorFaultException>(() => Connector.FetchAsync(LinkedInChannel.Request()));

        Assert.Equal(ConnectorFaultKind.Permanent, fault.Kind);
        Assert.Contains("Not enough permissions to access: socialActionsV2.GET_ALL.20261101, ACCESS_DENIED", fault.Message, StringComparison.Ordinal);
        Assert.Contains("ADMINISTRATOR", fault.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADeletedPostIsThatThreadsBadRecordAndTheRestIsKept()
    {
        var deleted = Comments(Hiring);
        deleted["response"] = PlatformReplay.Load("linkedin", "error-404-deleted-post")["response"]!.DeepClone();
        _replay.ServeLinkedInOrganization().Serve(deleted, priority: 1);

        var page = await Connector.FetchAsync(LinkedInChannel.Request());

        Assert.Equal($"linkedin post {Hiring}: its comments can no longer be read (the post was deleted)", Assert.Single(page.Errors));
        Assert.Equal(13, page.Items.Count);
    }

    [Fact]
    public async Task AMalformedPostOrCommentAmongGoodOnesIsThatItemsBadRecordOnly()
    {
        var posts = PlatformReplay.Load("linkedin", "posts-page1");
        posts["response"]!["body"]!["elements"]![1]!["createdAt"] = "yesterday";
        posts["response"]!["body"]!["elements"]![2]!.AsObject().Remove("id");
        var comments = PlatformReplay.Load("linkedin", "comments-on-post").AsServed();
        comments["response"]!["body"]!["elements"]![1]!["created"]!.AsObject().Remove("time");
        _replay.ServeLinkedInOrganization(posts, Counters((Panettone, 50, 5), (Brioche, 22, 0), (Hiring, 14, 1), (Sourdough, 7, 0))).Serve(comments, priority: 1);

        var page = await Connector.FetchAsync(LinkedInChannel.Request());

        Assert.Contains(page.Errors, e => e.StartsWith($"linkedin post {Brioche}: unreadable ($.createdAt", StringComparison.Ordinal));
        Assert.Contains("linkedin post without id: it has no id", page.Errors);
        Assert.Contains("linkedin comment urn:li:comment:(urn:li:activity:7402846520318963712,7402955510293847040): created.time is missing or not a time", page.Errors);
        Assert.Equal(3, page.Errors.Count);
        Assert.Contains(page.Items, i => i.PlatformId == ChiaraComment);
        Assert.Contains(page.Items, i => i.PlatformId == GlutenFree); // page 2 is still read
    }

    [Fact]
    public async Task AReshareWithoutWordsIsSkippedAndCounted()
    {
        var posts = PlatformReplay.Load("linkedin", "posts-page1");
        posts["response"]!["body"]!["elements"]![2]!["commentary"] = "";
        _replay.ServeLinkedInOrganization(posts);

        var page = await Connector.FetchAsync(LinkedInChannel.Request());

        Assert.Equal(1, page.Skipped);
        Assert.DoesNotContain(page.Items, i => i.PlatformId == Reshare);
    }

    [Fact]
    public async Task A500ThatLastsIsTransient()
    {
        var posts = PlatformReplay.Load("linkedin", "posts-page1");
        posts["response"] = PlatformReplay.Load("linkedin", "error-500")["response"]!.DeepClone();
        _replay.Serve(posts);

        var fault = await Assert.ThrowsAsync<ConnectorFaultException>(() => Connector.FetchAsync(LinkedInChannel.Request()));

        Assert.Equal(ConnectorFaultKind.Transient, fault.Kind);
        Assert.Equal(4, _replay.Requests.Count);
    }

    [Fact]
    public async Task AVanityNameIsResolvedOnceAndAnUnknownOneIsPermanent()
    {
        _replay.ServeLinkedInOrganization().ServeLinkedIn("resolve-organization-by-vanity");

        var first = await Connector.FetchAsync(LinkedInChannel.Request(account: "https://www.linkedin.com/company/forno-brunetti/"));
        await Connector.FetchAsync(LinkedInChannel.Request(account: "https://www.linkedin.com/company/forno-brunetti/", cursor: first.NextCursor));

        Assert.Equal(Organization, CrawlState.Decode(first.NextCursor)!.Account);
        Assert.Single(_replay.Requests, r => r.RequestMessage.Path == "/rest/organizations");

        var unknown = PlatformReplay.Load("linkedin", "resolve-organization-by-vanity");
        unknown["request"]!["query"]!["vanityName"] = "forno-brunettii";
        unknown["response"]!["body"]!["elements"] = new JsonArray();
        _replay.Serve(unknown);
        var fault = await Assert.ThrowsAsync<ConnectorFaultException>(() => Connector.FetchAsync(LinkedInChannel.Request(account: "forno-brunettii")));
        Assert.Equal((ConnectorFaultKind.Permanent, "there is no LinkedIn organization with the vanity name 'forno-brunettii'"), (fault.Kind, fault.Message));
    }

    [Fact]
    public async Task WithoutATokenNothingIsCalled()
    {
        var fault = await Assert.ThrowsAsync<ConnectorFaultException>(() => Connector.FetchAsync(LinkedInChannel.Request(token: null)));

        Assert.StartsWith("a LinkedIn channel needs a token: a member token of an administrator of the page", fault.Message, StringComparison.Ordinal);
        Assert.Empty(_replay.Requests);
    }
}
