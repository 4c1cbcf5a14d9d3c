using System.Text.Json.Nodes;
using Engagement.Connectors.Platforms;
using Engagement.Connectors.Tests.Meta;
using Engagement.Core.Ports;
using Engagement.Ml.Vocabulary;
using Engagement.Testing;
using static Engagement.Testing.InstagramReplay;

namespace Engagement.Connectors.Tests.Instagram;

/// <summary>The Instagram connector against a loopback server replaying the recorded Graph API exchanges, headers included.</summary>
public sealed class InstagramConnectorTests : IDisposable
{
    private readonly PlatformReplay _replay = PlatformReplay.Start();
    private readonly ConnectorHost _host;

    public InstagramConnectorTests() => _host = MetaChannel.Host(_replay);

    public void Dispose()
    {
        _host.Dispose();
        _replay.Dispose();
    }

    private IChannelConnector Connector => _host.Connector("instagram");

    [Fact]
    public async Task ASweepPagesToTheEndReadsCommentsWithTheirRepliesAndTheTagsAndTellsTheBrandFromCustomers()
    {
        _replay.ServeInstagramAccount();

        var page = await Connector.FetchAsync(MetaChannel.Instagram());

        Assert.False(page.HasMore);
        Assert.Empty(page.Errors);
        var items = page.Items.ToDictionary(i => i.PlatformId);
        Assert.Equal(21, items.Count); // 6 media, 6 + 2 + 4 + 1 comments and replies, 2 media that tag the account

        var reel = items[Reel];
        Assert.Equal((InteractionKind.Post, true, Reel, "@fornobrunetti"), (reel.Kind, reel.AuthorIsBrand, reel.ThreadId, reel.Author));
        Assert.Equal("Impastare il panettone, in 30 secondi 🎄 Trovate tutto in negozio da sabato! #fornobrunetti #panettone #torino", reel.Text);
        Assert.Equal((212L, 5L, (long?)null), (reel.Likes!.Value, reel.Replies!.Value, reel.Shares));
        Assert.Equal(new DateTimeOffset(2026, 12, 5, 17, 30, 2, TimeSpan.Zero), reel.CreatedAt);
        Assert.Equal(("", false), (items[Carousel].Text, items[Carousel].HasText)); // no caption key at all
        Assert.Null(items[Croissant].Likes); // the owner hides like counts

        var question = items[GiuliaQuestion];
        Assert.Equal((InteractionKind.Comment, false, Reel, Reel, "@giulia.ferraro_", 2L), (question.Kind, question.AuthorIsBrand, question.ParentId, question.ThreadId, question.Author, question.Replies!.Value));
        var answer = items["17866920374512098"];
        Assert.Equal((InteractionKind.Reply, true, GiuliaQuestion, Reel), (answer.Kind, answer.AuthorIsBrand, answer.ParentId, answer.ThreadId));
        var again = items["18015577321049873"];
        Assert.Equal((InteractionKind.Reply, false, GiuliaQuestion), (again.Kind, again.AuthorIsBrand, again.ParentId)); // a reply to the reply, filed under the question
        var noFrom = items["18123450987612034"];
        Assert.Equal((false, "@marco_b.to"), (noFrom.AuthorIsBrand, noFrom.Author));
        Assert.True(items["17911523046789345"].Text.Length > 0); // hidden by the owner, still a message someone wrote
        Assert.Equal("", items["17900022233344444"].Text);

        var tag = items["18039485761203948"];
        Assert.Equal((InteractionKind.Comment, false, "@chiara.in.torino", "Sabato mattina = brioche di @fornobrunetti ☕️ #torino #colazione"), (tag.Kind, tag.AuthorIsBrand, tag.Author, tag.Text));
        Assert.Equal(0.07, page.RateLimit!.UsedShare!.Value, 2); // the last comment read's x-business-use-case-usage
        Assert.All(_replay.Requests, r => Assert.Equal($"Bearer {Token}", r.RequestMessage.Headers!["Authorization"].Single()));
        Assert.Single(_replay.Requests, r => r.RequestMessage.Path.EndsWith("/tags", StringComparison.Ordinal) && r.RequestMessage.Query!.ContainsKey("after")); // the cursor-only paging ends on an empty page
        Assert.DoesNotContain(_replay.Requests, r => r.RequestMessage.Path == CommentsPath(Croissant));
    }

    [Fact]
    public async Task RepliesPagedUnderACommentAreFollowedThroughTheirNextLink()
    {
        var comments = PlatformReplay.Load("instagram", "media-comments");
        var replies = comments["response"]!["body"]!["data"]![0]!["replies"]!.AsObject();
        replies["data"]!.AsArray().RemoveAt(1);
        replies["paging"] = new JsonObject
        {
            ["cursors"] = new JsonObject { ["before"] = "QVFIUlJfLXN3WGRpcjNx", ["after"] = "QVFIUm5oZAWp1NWVQUTNr" },
            ["next"] = $"{MetaReplay.Origin}/v25.0/{GiuliaQuestion}/replies?fields=id%2Ctext%2Ctimestamp%2Cusername%2Cfrom%2Cuser%2Clike_count%2Chidden%2Cparent_id&limit=50",
        };
        _replay.ServeInstagramAccount(reelComments: comments).ServeGraph("instagram", "comment-replies");

        var page = await Connector.FetchAsync(MetaChannel.Instagram());

        Assert.Equal(GiuliaQuestion, page.Items.Single(i => i.PlatformId == "17866920374512098").ParentId);
        Assert.Single(page.Items, i => i.PlatformId == "18015577321049873"); // expanded, then listed again by /replies: stored once
        Assert.Single(_replay.Requests, r => r.RequestMessage.Path == $"/v25.0/{GiuliaQuestion}/replies");
    }

    [Fact]
    public async Task TheNextSweepRereadsAThreadOnlyWhenItsCommentCounterChanged()
    {
        _replay.ServeInstagramAccount();
        var first = await Connector.FetchAsync(MetaChannel.Instagram());
        var before = _replay.Requests.Count;

        var second = await Connector.FetchAsync(MetaChannel.Instagram(cursor: first.NextCursor));

        Assert.DoesNotContain(_replay.Requests.Skip(before), r => r.RequestMessage.Path.EndsWith("/comments", StringComparison.Ordinal));
        var page1 = PlatformReplay.Load("instagram", "media-page1");
        page1["response"]!["body"]!["data"]![2]!["comments_count"] = 1;
        _replay.Server.Reset();
        _replay.ServeInstagramAccount(page1).Serve(Comments(Croissant, Comment("17900044455566611", "Domani ci sono! 🥐", "6619283746501928", "sarah.eats.italy", "2026-12-06T08:00:00+0000")));

        var third = await Connector.FetchAsync(MetaChannel.Instagram(cursor: second.NextCursor));

        Assert.Equal([CommentsPath(Croissant)], _replay.Requests.Select(r => r.RequestMessage.Path).Where(p => p.EndsWith("/comments", StringComparison.Ordinal)));
        Assert.Contains(third.Items, i => i.PlatformId == "17900044455566611");
    }

    [Fact]
    public async Task AThrottleCodeIsAThrottledFaultBeforeProgressAndAResumeTimeAfter()
    {
        _replay.Serve(PlatformReplay.Load("instagram", "media-page1").AnsweredWith("instagram", "error-throttled"));

        var fault = await Assert.ThrowsAsync<ConnectorFaultException>(() => Connector.FetchAsync(MetaChannel.Instagram()));

        Assert.Equal((ConnectorFaultKind.Throttled, MetaChannel.Now.AddMinutes(37)), (fault.Kind, fault.ThrottledUntil));
        Assert.Single(_replay.Requests);

        _replay.Server.Reset();
        _replay.ServeInstagramAccount().Serve(PlatformReplay.Load("instagram", "error-throttled"), priority: 1); // the reel's comments
        var page = await Connector.FetchAsync(MetaChannel.Instagram());
        Assert.True(page.HasMore);
        Assert.Equal(MetaChannel.Now.AddMinutes(37), page.ResumeAt);
        Assert.Contains(page.Items, i => i.PlatformId == Reel);
    }

    [Fact]
    public async Task AnExpiredTokenIsPermanentAndNotRetried()
    {
        _replay.Serve(PlatformReplay.Load("instagram", "error-expired-token"));

        var fault = await Assert.ThrowsAsync<ConnectorFaultException>(() => Connector.FetchAsync(MetaChannel.Instagram()));

        Assert.Equal(ConnectorFaultKind.Permanent, fault.Kind);
        Assert.StartsWith("Instagram refused the token (#190 Error validating access token: Session has expired", fault.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, fault.Message, StringComparison.Ordinal);
        Assert.Single(_replay.Requests);
    }

    [Fact]
    public async Task AMissingPermissionOnTheTagsIsPermanentAndNamesThePermissionsNeeded()
    {
        _replay.ServeInstagramAccount().Serve(PlatformReplay.Load("instagram", "error-permission"), priority: 1);

        var fault = await Assert.ThrowsAsync<ConnectorFaultException>(() => Connector.FetchAsync(MetaChannel.Instagram()));

        Assert.Equal(ConnectorFaultKind.Permanent, fault.Kind);
        Assert.Contains("(#10) Application does not have permission for this action", fault.Message, StringComparison.Ordinal);
        Assert.Contains("instagram_manage_comments", fault.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeletedMediaIsThatThreadsBadRecordAndTheRestIsKept()
    {
        var deleted = PlatformReplay.Load("instagram", "error-deleted-media");
        deleted["request"]!["path"] = CommentsPath(Thanks);
        _replay.ServeInstagramAccount().Serve(deleted, priority: 1);

        var page = await Connector.FetchAsync(MetaChannel.Instagram());

        Assert.Equal($"instagram media {Thanks}: its comments can no longer be read (the media was deleted, or is hidden from this token)", Assert.Single(page.Errors));
        Assert.Equal(17, page.Items.Count);
    }

    [Fact]
    public async Task AMalformedMediaOrCommentAmongGoodOnesIsThatItemsBadRecordOnly()
    {
        var page1 = PlatformReplay.Load("instagram", "media-page1");
        page1["response"]!["body"]!["data"]![1]!["timestamp"] = "ieri";
        page1["response"]!["body"]!["data"]![2]!["comments_count"] = "many";
        var comments = PlatformReplay.Load("instagram", "media-comments");
        comments["response"]!["body"]!["data"]![0]!["replies"]!["data"]![0]!.AsObject().Remove("id");
        _replay.ServeInstagramAccount(page1, comments);

        var page = await Connector.FetchAsync(MetaChannel.Instagram());

        Assert.Contains($"instagram media {Carousel}: timestamp 'ieri' is not a time", page.Errors);
        Assert.Contains(page.Errors, e => e.StartsWith($"instagram media {Croissant}: unreadable ($.comments_count", StringComparison.Ordinal));
        Assert.Contains("instagram comment without id: it has no id", page.Errors);
        Assert.Equal(3, page.Errors.Count);
        Assert.Contains(page.Items, i => i.PlatformId == "17866920374512098"); // the other reply of the same comment
        Assert.Contains(page.Items, i => i.PlatformId == Workshop); // page 2 is still read
    }

    [Fact]
    public async Task AnErrorMetaMarksTransientIsRetriedInTheCallThoughItsStatusIs400()
    {
        var media = PlatformReplay.Load("instagram", "media-page1");
        _replay.ServeInstagramAccount().ServeInTurn(null, media.AnsweredWith("instagram", "error-transient"), media.OnLoopback(_replay));

        var page = await Connector.FetchAsync(MetaChannel.Instagram());

        Assert.Contains(page.Items, i => i.PlatformId == Reel);
        Assert.Equal(2, _replay.Requests.Count(r => r.RequestMessage.Path.EndsWith("/media", StringComparison.Ordinal) && !r.RequestMessage.Query!.ContainsKey("after")));
    }

    [Theory]
    [InlineData("@fornobrunetti")]
    [InlineData("https://www.instagram.com/fornobrunetti/")]
    [InlineData("")]
    public void AHandleIsRefusedAtRegistrationForTheAccountId(string account)
    {
        var problem = Connector.Validate(new Core.Domain.ChannelDefinition { ClientId = "brunetti", Id = "ig", Platform = "instagram", Account = account });

        Assert.Contains("professional account's id", problem, StringComparison.Ordinal);
        Assert.Null(Connector.Validate(new Core.Domain.ChannelDefinition { ClientId = "brunetti", Id = "ig", Platform = "instagram", Account = AccountId }));
    }
}
