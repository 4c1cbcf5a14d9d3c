using System.Text.Json;
using Engagement.Connectors.Facebook;
using Engagement.Connectors.Meta;
using Engagement.Ml.Vocabulary;

namespace Engagement.Connectors.Tests.Facebook;

/// <summary>The Facebook mapper and account syntax alone: no I/O.</summary>
public sealed class FacebookMapperTests
{
    private const string Page = "108457912345678";

    [Theory]
    [InlineData("2026-12-05T16:42:10+0000", "2026-12-05T16:42:10+00:00")]
    [InlineData("2026-12-05T18:42:10+0200", "2026-12-05T16:42:10+00:00")]
    [InlineData("2026-12-05T16:42:10Z", "2026-12-05T16:42:10+00:00")]
    [InlineData("2026-12-05T16:42:10+00:00", "2026-12-05T16:42:10+00:00")]
    public void MetasOffsetsWithoutAColonAreRead(string written, string expected) =>
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), GraphTime.Parse(written));

    [Theory]
    [InlineData("yesterday")]
    [InlineData("")]
    [InlineData(null)]
    public void WhatIsNotATimeReadsAsNothing(string? written) => Assert.Null(GraphTime.Parse(written));

    [Fact]
    public void AShareWithoutWordsOfThePagesOwnIsSkippedButItsCommentsAreStillRead()
    {
        var entry = FacebookMapper.ToPostEntry(Json("""{"id":"108457912345678_1","created_time":"2026-12-01T18:05:44+0000","story":"Forno Brunetti shared a post.","status_type":"shared_story","parent_id":"1000_2","from":{"id":"108457912345678","name":"Forno Brunetti"},"comments":{"summary":{"total_count":2}}}"""), Page);

        Assert.True(entry.Skipped);
        Assert.Null(entry.Item);
        Assert.Equal(("108457912345678_1", 2L), (entry.ThreadKey, entry.ReplyCount!.Value));
    }

    [Fact]
    public void AShareWithACaptionIsThePagesPostWithTheCaptionAlone()
    {
        var entry = FacebookMapper.ToPostEntry(Json("""{"id":"108457912345678_1","created_time":"2026-12-01T18:05:44+0000","message":"Grazie! 🙏","story":"Forno Brunetti shared a post.","status_type":"shared_story","from":{"id":"108457912345678","name":"Forno Brunetti"}}"""), Page);

        Assert.Equal(("Grazie! 🙏", InteractionKind.Post, true, 0L), (entry.Item!.Text, entry.Item.Kind, entry.Item.AuthorIsBrand, entry.Item.Shares!.Value));
    }

    [Fact]
    public void APostWithoutFromOnThePagesOwnListingIsThePages()
    {
        var entry = FacebookMapper.ToPostEntry(Json("""{"id":"108457912345678_1","created_time":"2026-12-01T18:05:44+0000","message":"Buongiorno"}"""), Page);

        Assert.Equal((true, Page), (entry.Item!.AuthorIsBrand, entry.Item.Author));
    }

    [Fact]
    public void ATaggedPostByTheBrandItselfIsAPostAndByAnyoneElseAComment()
    {
        var other = FacebookMapper.ToTaggedEntry(Json("""{"id":"9_1","created_time":"2026-12-01T12:31:08+0000","message":"Colazione da Forno Brunetti","from":{"id":"6629183745512098","name":"Marco Bianchi"}}"""), Page);

        Assert.Equal((InteractionKind.Comment, false, "6629183745512098", "9_1", (string?)null), (other.Item!.Kind, other.Item.AuthorIsBrand, other.Item.Author, other.Item.ThreadId, other.ThreadKey));
    }

    [Fact]
    public void ThreadsTakeTheirParentFromParentAndThePostAsRootAndReadEachCommentOnce()
    {
        var thread = FacebookMapper.ToThread(
            [
                Json("""{"id":"1_10","message":"Ciao?","created_time":"2026-12-05T17:03:12+0000","from":{"id":"7","name":"Giulia"},"like_count":3,"comment_count":1}"""),
                Json("""{"id":"1_11","message":"Ciao Giulia!","created_time":"2026-12-05T17:20:48+0000","from":{"id":"108457912345678","name":"Forno Brunetti"},"parent":{"id":"1_10"}}"""),
                Json("""{"id":"1_11","message":"Ciao Giulia!","created_time":"2026-12-05T17:20:48+0000","from":{"id":"108457912345678","name":"Forno Brunetti"},"parent":{"id":"1_10"}}"""),
                Json("""{"id":"1_12","message":"","created_time":"2026-12-05T18:00:00+0000","attachment":{"type":"sticker"}}"""),
                Json("""{"id":"1_13","created_time":"soon"}"""),
                Json("""[1,2]"""),
            ],
            "108457912345678_1",
            Page);

        Assert.Equal(["1_10", "1_11", "1_12"], thread.Items.Select(i => i.PlatformId));
        Assert.Equal((InteractionKind.Comment, "108457912345678_1", 3L, 1L), (thread.Items[0].Kind, thread.Items[0].ParentId, thread.Items[0].Likes!.Value, thread.Items[0].Replies!.Value));
        Assert.Equal((InteractionKind.Reply, "1_10", "108457912345678_1", true, "Forno Brunetti"), (thread.Items[1].Kind, thread.Items[1].ParentId, thread.Items[1].ThreadId, thread.Items[1].AuthorIsBrand, thread.Items[1].Author));
        Assert.Equal(("", false, (string?)null), (thread.Items[2].Text, thread.Items[2].AuthorIsBrand, thread.Items[2].Author));
        Assert.Equal(["facebook comment 1_13: created_time 'soon' is not a time", "facebook comment without id: unreadable (not a JSON object)"], thread.BadRecords);
    }

    [Theory]
    [InlineData("108457912345678", "108457912345678", null)]
    [InlineData("@fornobrunetti", null, "fornobrunetti")]
    [InlineData("forno.brunetti", null, "forno.brunetti")]
    [InlineData("https://www.facebook.com/fornobrunetti/", null, "fornobrunetti")]
    [InlineData("facebook.com/Coca-Cola", null, "Coca-Cola")]
    [InlineData("https://m.facebook.com/profile.php?id=108457912345678", "108457912345678", null)]
    [InlineData("https://www.facebook.com/people/Forno-Brunetti/108457912345678/", "108457912345678", null)]
    public void APageIsGivenByIdAliasOrUrl(string account, string? id, string? alias)
    {
        Assert.True(FacebookAccount.TryParse(account, out var parsed, out var problem), problem);
        Assert.Equal(new FacebookAccount(id, alias), parsed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("forno brunetti")]
    [InlineData("https://www.facebook.com/groups/12345/posts")]
    [InlineData("https://www.facebook.evil.com/fornobrunetti")]
    [InlineData("https://www.facebook.com/profile.php")]
    public void AnythingElseIsRefusedWithTheSyntax(string account)
    {
        Assert.False(FacebookAccount.TryParse(account, out _, out var problem));
        Assert.Contains(FacebookAccount.Syntax, problem, StringComparison.Ordinal);
    }

    private static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement.Clone();
}
