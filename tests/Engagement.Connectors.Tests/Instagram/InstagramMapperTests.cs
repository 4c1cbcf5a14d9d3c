using System.Text.Json;
using Engagement.Connectors.Instagram;
using Engagement.Ml.Vocabulary;

namespace Engagement.Connectors.Tests.Instagram;

/// <summary>The Instagram mapper alone: no I/O.</summary>
public sealed class InstagramMapperTests
{
    private const string Account = "17841452210987654";

    [Fact]
    public void TheBrandIsToldByItsIdInFromOrUserNeverByItsHandle()
    {
        var thread = InstagramMapper.ToThread(
            [
                new(Json("""{"id":"1","text":"Ciao!","timestamp":"2026-12-06T09:12:44+0000","username":"fornobrunetti"}"""), []),
                new(Json("""{"id":"2","text":"Grazie","timestamp":"2026-12-06T09:13:44+0000","username":"fornobrunetti","user":{"id":"17841452210987654"}}"""), []),
                new(Json("""{"id":"3","text":"Grazie","timestamp":"2026-12-06T09:14:44+0000","from":{"id":"17841452210987654","username":"fornobrunetti"}}"""), []),
            ],
            "m1",
            Account);

        Assert.Equal([false, true, true], thread.Items.Select(i => i.AuthorIsBrand));
        Assert.All(thread.Items, i => Assert.Equal("@fornobrunetti", i.Author));
    }

    [Fact]
    public void AReplyWithoutParentIdAnswersTheCommentItWasListedUnder()
    {
        var thread = InstagramMapper.ToThread(
            [new(Json("""{"id":"1","text":"?","timestamp":"2026-12-06T09:12:44+0000","from":{"id":"7","username":"giulia"}}"""), [Json("""{"id":"2","text":"@giulia sì","timestamp":"2026-12-06T09:20:02+0000","user":{"id":"17841452210987654"}}""")])],
            "m1",
            Account);

        Assert.Equal((InteractionKind.Comment, "m1", 1L), (thread.Items[0].Kind, thread.Items[0].ParentId, thread.Items[0].Replies!.Value));
        Assert.Equal((InteractionKind.Reply, "1", "m1", true), (thread.Items[1].Kind, thread.Items[1].ParentId, thread.Items[1].ThreadId, thread.Items[1].AuthorIsBrand));
    }

    [Fact]
    public void MediaWithoutAnOwnersHandleIsStillTheBrandsAndATagIsACustomersComment()
    {
        var own = InstagramMapper.ToMediaEntry(Json("""{"id":"m1","timestamp":"2026-12-03T07:45:19+0000","comments_count":2,"media_type":"CAROUSEL_ALBUM"}"""), Account);
        var tag = InstagramMapper.ToTagEntry(Json("""{"id":"m2","caption":"Best bakery in Turin","timestamp":"2026-11-30T11:40:03+0000","username":"eatwithtom.travels","comments_count":12}"""), Account);

        Assert.Equal((InteractionKind.Post, true, Account, "", "m1", 2L), (own.Item!.Kind, own.Item.AuthorIsBrand, own.Item.Author, own.Item.Text, own.ThreadKey, own.ReplyCount!.Value));
        Assert.Equal((InteractionKind.Comment, false, "@eatwithtom.travels", "m2", (string?)null), (tag.Item!.Kind, tag.Item.AuthorIsBrand, tag.Item.Author, tag.Item.ThreadId, tag.ThreadKey));
    }

    [Fact]
    public void ExpandedRepliesAndTheirNextLinkAreReadFromTheComment()
    {
        var (replies, next) = InstagramMapper.ExpandedReplies(Json("""{"id":"1","replies":{"data":[{"id":"2"}],"paging":{"cursors":{"after":"x"},"next":"https://graph.facebook.com/v25.0/1/replies?after=x"}}}"""));
        var (none, end) = InstagramMapper.ExpandedReplies(Json("""{"id":"1"}"""));

        Assert.Equal((1, "https://graph.facebook.com/v25.0/1/replies?after=x"), (replies.Count, next));
        Assert.Equal((0, (string?)null), (none.Count, end));
    }

    private static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement.Clone();
}
