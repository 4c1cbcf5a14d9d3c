using System.Text.Json;
using System.Text.Json.Nodes;
using Engagement.Connectors.YouTube;
using Engagement.Ml.Vocabulary;
using Engagement.Testing;

namespace Engagement.Connectors.Tests.YouTube;

public sealed class YouTubeMapperTests
{
    private static readonly YouTubeChannelRef Brand = new(YouTubeReplay.ChannelId, "UUZmHK3pw8S54O6lpoTJlMew", YouTubeReplay.Handle);

    [Theory]
    [InlineData("UCZmHK3pw8S54O6lpoTJlMew", "UCZmHK3pw8S54O6lpoTJlMew", null)]
    [InlineData("@panificioaurora", null, "@panificioaurora")]
    [InlineData("@marco.ascolta", null, "@marco.ascolta")]
    [InlineData("@forno_città", null, "@forno_città")]
    [InlineData("https://www.youtube.com/@panificioaurora", null, "@panificioaurora")]
    [InlineData("https://youtube.com/channel/UCZmHK3pw8S54O6lpoTJlMew/", "UCZmHK3pw8S54O6lpoTJlMew", null)]
    public void AnAccountIsAChannelIdAHandleOrTheirUrl(string text, string? id, string? handle)
    {
        Assert.True(YouTubeAccount.TryParse(text, out var account, out var problem), problem);
        Assert.Equal((id, handle), (account!.ChannelId, account.Handle));
    }

    [Theory]
    [InlineData("panificioaurora")]
    [InlineData("UCZmHK3pw8S54O6lpoTJlMe")]
    [InlineData("@ab")]
    [InlineData("https://www.youtube.com/user/panificioaurora")]
    [InlineData("https://www.youtube.com/c/PanificioAurora")]
    [InlineData("https://example.com/@panificioaurora")]
    public void AnythingElseIsRefusedWithTheSyntax(string text)
    {
        Assert.False(YouTubeAccount.TryParse(text, out _, out var problem));
        Assert.Contains("UC followed by 22 characters", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void TheResolvedChannelIsKeptWithItsUploadsAndHandle()
    {
        var kept = new YouTubeChannelRef("UCZmHK3pw8S54O6lpoTJlMew", "UUZmHK3pw8S54O6lpoTJlMew", "@panificioaurora").Encode();

        Assert.Equal(Brand, YouTubeChannelRef.Decode(kept));
        Assert.Equal(new YouTubeChannelRef("UCZmHK3pw8S54O6lpoTJlMew", "UUZmHK3pw8S54O6lpoTJlMew", null), YouTubeChannelRef.Decode("UCZmHK3pw8S54O6lpoTJlMew"));
    }

    [Fact]
    public void AVideoIsABrandPostWithItsCountersAndItsCommentsAsItsThread()
    {
        var videos = Videos();

        var entry = YouTubeMapper.ToVideoEntry(Element(Item("playlistItems-uploads-page1", 1)), videos, Brand);

        Assert.Equal((YouTubeThreadKeys.OfVideo(YouTubeReplay.Crescentine), 112L), (entry.ThreadKey, entry.ReplyCount));
        Assert.Equal(("Crescentine (tigelle) come a casa | Ricetta\n\nLa ricetta delle crescentine del sabato mattina.", InteractionKind.Post, true), (entry.Item!.Text, entry.Item.Kind, entry.Item.AuthorIsBrand));
        Assert.Equal((702L, 12093L, (long?)null), (entry.Item.Likes!.Value, entry.Item.Reach!.Value, entry.Item.Shares));
    }

    [Fact]
    public void ADeletedVideoStillInThePlaylistIsABadRecordAtItsPlaceInTheListing()
    {
        var entry = YouTubeMapper.ToVideoEntry(Element(Item("playlistItems-uploads-page2-last", 1)), Videos(), Brand);

        Assert.Null(entry.Item);
        Assert.Equal(new DateTimeOffset(2026, 10, 30, 12, 0, 0, TimeSpan.Zero), entry.SortAt);
        Assert.Equal($"youtube video {YouTubeReplay.Deleted}: it is listed as 'Deleted video' but cannot be read (deleted or private)", entry.BadRecord);
    }

    [Fact]
    public void CommentHtmlBecomesPlainTextWithEntitiesDecodedAndLinksAsTheirText()
    {
        var thread = YouTubeMapper.ToThread(Element(Item("commentThreads-video-page1", 2)), Brand);

        var brand = thread.Replies.Single(r => r.AuthorIsBrand == true);
        Assert.Equal("Certo Giulia! Scrivi \"senza canditi\" nelle note dell'ordine: https://panificioaurora.example/prenota 👍", brand.Text);
        Assert.Equal("Che meraviglia 😍 Si può ordinare anche quello senza canditi?\nLo vorrei per il 24!", thread.TopLevel.Single().Text);
        Assert.Equal((3L, 3, false), (thread.TotalReplies, thread.RepliesRead, thread.LacksReplies));
        Assert.All(thread.Replies, r => Assert.Equal((InteractionKind.Reply, YouTubeReplay.GiuliasThread, YouTubeReplay.Panettone), (r.Kind, r.ParentId, r.ThreadId)));
    }

    [Fact]
    public void AThreadCarryingSomeOfItsRepliesSaysItLacksTheRest()
    {
        var thread = YouTubeMapper.ToThread(Element(Item("written-commentThreads-video2", 1)), Brand);

        Assert.True(thread.LacksReplies);
        Assert.Equal((4L, 1), (thread.TotalReplies, thread.RepliesRead));
    }

    [Fact]
    public void AnEmptyCommentIsKeptWithAnEmptyTextAndAnAuthorWithoutAChannelIsACustomer()
    {
        var raw = Item("commentThreads-video-page1", 0);
        raw["snippet"]!["topLevelComment"]!["snippet"]!["textDisplay"] = "";

        var thread = YouTubeMapper.ToThread(Element(raw), Brand);

        var comment = thread.TopLevel.Single();
        Assert.Equal(("", false, InteractionKind.Comment, "@user-kq3vz8xw1p"), (comment.Text, comment.AuthorIsBrand, comment.Kind, comment.Author));
    }

    [Fact]
    public void AnInboundThreadWithRepliesAsksForThem()
    {
        var inbound = YouTubeReplay.Load("written-commentThreads-channel-inbound-page2")["response"]!["body"]!["items"]![0]!;

        var entry = YouTubeMapper.ToInboundEntry(Element(inbound), Brand);

        Assert.Equal((YouTubeThreadKeys.OfComment(YouTubeReplay.Crescentine, YouTubeReplay.LuciasThread), 4L), (entry.ThreadKey, entry.ReplyCount));
        Assert.Equal((YouTubeReplay.Crescentine, YouTubeReplay.LuciasThread), YouTubeThreadKeys.Parse(entry.ThreadKey!));
        Assert.Equal((YouTubeReplay.Crescentine, (string?)null), YouTubeThreadKeys.Parse(YouTubeThreadKeys.OfVideo(YouTubeReplay.Crescentine)));
        Assert.Equal(new DateTimeOffset(2026, 11, 21, 18, 20, 0, TimeSpan.Zero), entry.SortAt);
    }

    [Fact]
    public void AnOlderAnswerGivingTheAuthorsChannelAsAStringStillTellsTheBrand()
    {
        var reply = JsonSerializer.SerializeToElement(new { id = "Ugx.reply", snippet = new { textDisplay = "Grazie!", parentId = "Ugx", authorChannelId = YouTubeReplay.ChannelId, publishedAt = "2026-11-27T08:00:00.123456Z" } });

        Assert.True(YouTubeMapper.ToComment(reply, Brand, YouTubeReplay.Panettone, null, out var comment, out _));
        Assert.Equal((true, "UCZmHK3pw8S54O6lpoTJlMew"), (comment!.AuthorIsBrand, comment.Author));
    }

    private static Dictionary<string, YouTubeVideo> Videos() =>
        ((JsonArray)PlatformReplay.Load("youtube", "videos-statistics")["response"]!["body"]!["items"]!)
            .Select(v => Element(v!).Deserialize(YouTubeJson.Default.YouTubeVideo)!)
            .ToDictionary(v => v.Id!);

    private static JsonObject Item(string fixture, int index) => PlatformReplay.Load("youtube", fixture)["response"]!["body"]!["items"]![index]!.AsObject();

    private static JsonElement Element(JsonNode node) => JsonSerializer.SerializeToElement(node);
}
