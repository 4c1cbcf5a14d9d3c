using System.Text.Json;
using System.Text.Json.Nodes;
using Engagement.Connectors.Bluesky;
using Engagement.Ml.Vocabulary;
using Engagement.Testing;

namespace Engagement.Connectors.Tests.Bluesky;

public sealed class BlueskyMapperTests
{
    private static readonly BlueskyBrand Brand = new(BlueskyReplay.BrandDid);

    [Theory]
    [InlineData("panificioaurora.bsky.social", "panificioaurora.bsky.social")]
    [InlineData("@PanificioAurora.bsky.social", "panificioaurora.bsky.social")]
    [InlineData("emmawalsh.com", "emmawalsh.com")]
    [InlineData("did:plc:pgbdsoij6k3l6nssyps2kbbf", "did:plc:pgbdsoij6k3l6nssyps2kbbf")]
    [InlineData("did:web:panificioaurora.example", "did:web:panificioaurora.example")]
    [InlineData("https://bsky.app/profile/panificioaurora.bsky.social", "panificioaurora.bsky.social")]
    [InlineData("https://bsky.app/profile/did:plc:pgbdsoij6k3l6nssyps2kbbf/", "did:plc:pgbdsoij6k3l6nssyps2kbbf")]
    public void AnAccountIsAHandleADidOrAProfileUrl(string text, string actor)
    {
        Assert.True(BlueskyAccount.TryParse(text, out var account, out var problem), problem);
        Assert.Equal(actor, account!.Actor);
    }

    [Theory]
    [InlineData("panificioaurora")]
    [InlineData("panificio aurora.bsky.social")]
    [InlineData("panificioaurora.123")]
    [InlineData("did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK")]
    [InlineData("https://bsky.app/profile/panificioaurora.bsky.social/post/3n3bse2no3k2b")]
    [InlineData("")]
    public void AnythingElseIsRefusedWithTheSyntax(string text)
    {
        Assert.False(BlueskyAccount.TryParse(text, out _, out var problem));
        Assert.False(string.IsNullOrEmpty(problem));
    }

    [Fact]
    public void ARepostIsRecognisedAndSkippedAtTheTimeOfTheRepost()
    {
        var entry = BlueskyMapper.ToListedEntry(Element(FeedItem(1)), Brand);

        Assert.True(entry.Skipped);
        Assert.Null(entry.Item);
        Assert.Null(entry.ThreadKey);
        Assert.Equal(new DateTimeOffset(2026, 11, 26, 18, 3, 56, 410, TimeSpan.Zero), entry.SortAt);
    }

    [Fact]
    public void ABrandPostHeadsItsThreadAndABrandReplyIsReadWithWhatItAnswers()
    {
        var post = BlueskyMapper.ToListedEntry(Element(FeedItem(0)), Brand);
        var reply = BlueskyMapper.ToListedEntry(Element(FeedItem(2)), Brand);

        Assert.Equal((BlueskyThreadKeys.Under(BlueskyReplay.P1), 3L, false), (post.ThreadKey, post.ReplyCount, post.ReadThreadOnce));
        Assert.Equal((BlueskyThreadKeys.Around(BlueskyReplay.BrandReplyToMarco), true), (reply.ThreadKey, reply.ReadThreadOnce));
        Assert.Equal((BlueskyReplay.BrandReplyToMarco, 1), BlueskyThreadKeys.Parse(reply.ThreadKey!));
        Assert.Equal(InteractionKind.Reply, reply.Item!.Kind); // Marco's post is his own top-level post: the brand answers a comment
    }

    [Fact]
    public void APinnedPostNeitherEndsTheListingNorMovesTheWatermark()
    {
        var pinned = FeedItem(0);
        pinned["reason"] = new JsonObject { ["$type"] = "app.bsky.feed.defs#reasonPin" };

        var entry = BlueskyMapper.ToListedEntry(Element(pinned), Brand);

        Assert.Null(entry.SortAt);
        Assert.NotNull(entry.Item);
    }

    [Fact]
    public void AMediaOnlyPostKeepsAnEmptyText()
    {
        var entry = BlueskyMapper.ToListedEntry(Element(FeedItem(3)), Brand);

        Assert.Equal(("", InteractionKind.Post, true), (entry.Item!.Text, entry.Item.Kind, entry.Item.AuthorIsBrand));
    }

    [Fact]
    public void ShortenedLinksAreWrittenOutWhileMentionsTagsAndLinksOverWordsStayAsWritten()
    {
        // Offsets are UTF-8 bytes: "è" is two, "🍞" four, so a character count would land inside the link.
        var text = "Il pane è 🍞 qui: example.com/il-nostro-pa... e il #menu del giorno @marco.bsky.social";
        var record = Record(text,
            Facet(text, "example.com/il-nostro-pa...", "app.bsky.richtext.facet#link", "https://example.com/il-nostro-pane-quotidiano"),
            Facet(text, "menu del giorno", "app.bsky.richtext.facet#link", "https://example.com/menu"),
            Facet(text, "#menu", "app.bsky.richtext.facet#tag", null),
            Facet(text, "@marco.bsky.social", "app.bsky.richtext.facet#mention", null));

        Assert.Equal("Il pane è 🍞 qui: https://example.com/il-nostro-pane-quotidiano e il #menu del giorno @marco.bsky.social", BlueskyMapper.TextOf(record));
    }

    [Fact]
    public void AFacetOutsideTheTextOrInsideACharacterIsIgnoredAndTheTextKept()
    {
        var text = "Pane 🍞 example.com/x";
        var broken = JsonSerializer.SerializeToElement(new { index = new { byteStart = 6, byteEnd = 8 }, features = new[] { new Dictionary<string, string> { ["$type"] = "app.bsky.richtext.facet#link", ["uri"] = "https://a.example" } } });
        var past = JsonSerializer.SerializeToElement(new { index = new { byteStart = 10, byteEnd = 4000 }, features = new[] { new Dictionary<string, string> { ["$type"] = "app.bsky.richtext.facet#link", ["uri"] = "https://b.example" } } });
        var odd = JsonSerializer.SerializeToElement(new { index = "everywhere" });

        Assert.Equal(text, BlueskyMapper.TextOf(new BlueskyPostRecord { Text = text, Facets = [broken, past, odd] }));
    }

    [Fact]
    public void TheTextIsPlainAlreadySoNothingIsDecoded()
    {
        Assert.Equal("Fish &amp; chips <3", BlueskyMapper.TextOf(new BlueskyPostRecord { Text = "  Fish &amp; chips <3\n" }));
    }

    [Theory]
    [InlineData("2026-11-27T09:50:02.511+01:00", "2026-11-27T08:50:03.118Z", "2026-11-27T08:50:02.5110000+00:00")] // an offset, before the server saw it
    [InlineData("2026-11-27T08:50:02.123456789Z", "2026-11-27T08:50:03Z", "2026-11-27T08:50:02.1234568+00:00")] // nine fractional digits
    [InlineData("2026-11-27T08:50:02", "2026-11-27T08:50:03Z", "2026-11-27T08:50:02.0000000+00:00")] // no offset: UTC
    [InlineData("2027-01-01T00:00:00Z", "2026-11-27T08:50:03Z", "2026-11-27T08:50:03.0000000+00:00")] // in the future: when the server saw it
    [InlineData("2019-05-04T10:00:00Z", "2026-11-27T08:50:03Z", "2019-05-04T10:00:00.0000000+00:00")] // imported, dated back: kept, as Bluesky shows it
    [InlineData("0001-01-01T00:00:00Z", "2026-11-27T08:50:03Z", "2026-11-27T08:50:03.0000000+00:00")] // before 1970: a broken clock
    [InlineData("yesterday", "2026-11-27T08:50:03Z", "2026-11-27T08:50:03.0000000+00:00")]
    [InlineData("2026-11-27T08:50:02Z", null, "2026-11-27T08:50:02.0000000+00:00")]
    public void ClientSetTimesAreBoundedByTheServers(string createdAt, string? indexedAt, string expected) =>
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), BlueskyMapper.SortTime(createdAt, indexedAt));

    [Fact]
    public void ARepliesKindFollowsItsParentAndRoot()
    {
        var thread = BlueskyMapper.ToThread(Element(Body("post-thread")["thread"]!), Brand);

        var kinds = thread.Items.ToDictionary(i => i.PlatformId, i => (i.Kind, i.AuthorIsBrand));
        Assert.Equal((InteractionKind.Post, true), kinds[BlueskyReplay.P1]);
        Assert.Equal((InteractionKind.Comment, false), kinds[BlueskyReplay.GiuliasQuestion]); // a reply to the brand's post
        Assert.Equal((InteractionKind.Reply, true), kinds[BlueskyReplay.BrandAnswer]);
        Assert.Equal((InteractionKind.Reply, false), kinds[BlueskyReplay.GiuliasThanks]);
        Assert.Empty(thread.BadRecords);
        Assert.Empty(thread.Deeper);
        Assert.False(thread.Gone);
    }

    [Fact]
    public void ABrandReplyUnderItsOwnPostIsACommentOfTheBrand()
    {
        var record = new BlueskyPostRecord { Text = "E domani anche la versione al cioccolato!", CreatedAt = "2026-11-27T10:00:00Z", Reply = new BlueskyReplyRef { Root = new BlueskyStrongRef { Uri = BlueskyReplay.P1 }, Parent = new BlueskyStrongRef { Uri = BlueskyReplay.P1 } } };
        var post = new BlueskyPostView { Uri = "at://did:plc:pgbdsoij6k3l6nssyps2kbbf/app.bsky.feed.post/3n3cxxxxxxx2b", Author = new BlueskyProfile { Did = BlueskyReplay.BrandDid, Handle = BlueskyReplay.Handle }, Record = record, IndexedAt = "2026-11-27T10:00:01Z" };

        var item = BlueskyMapper.ToInteraction(post, Brand);

        Assert.Equal((InteractionKind.Comment, true, BlueskyReplay.P1), (item.Kind, item.AuthorIsBrand, item.ThreadId));
    }

    [Fact]
    public void ANotificationIsStoredFromItsRecordAndOneNotAskedForIsIgnored()
    {
        var notifications = (JsonArray)Body("list-notifications")["notifications"]!;
        var reply = BlueskyMapper.ToInboundEntry(Element(notifications[2]!), Brand);
        var like = notifications[1]!.DeepClone();
        like["reason"] = "like";

        Assert.Equal((InteractionKind.Reply, BlueskyReplay.BrandAnswer, BlueskyReplay.P1, (long?)null), (reply.Item!.Kind, reply.Item.ParentId, reply.Item.ThreadId, reply.Item.Likes));
        Assert.Equal(new DateTimeOffset(2026, 11, 27, 9, 1, 18, 729, TimeSpan.Zero), reply.SortAt);
        var ignored = BlueskyMapper.ToInboundEntry(Element(like), Brand);
        Assert.Equal((null, null, false), (ignored.Item, ignored.BadRecord, ignored.Skipped));
    }

    [Fact]
    public void AThreadWhoseAnchorIsGoneSaysSo()
    {
        var gone = JsonSerializer.SerializeToElement(new Dictionary<string, object> { ["$type"] = "app.bsky.feed.defs#notFoundPost", ["uri"] = BlueskyReplay.P1, ["notFound"] = true });

        Assert.True(BlueskyMapper.ToThread(gone, Brand).Gone);
        Assert.True(BlueskyMapper.ToThread(null, Brand).Gone);
    }

    private static JsonObject Body(string name) => PlatformReplay.Load("bluesky", name)["response"]!["body"]!.AsObject();

    private static JsonObject FeedItem(int index) => Body("author-feed-page1")["feed"]![index]!.AsObject();

    private static JsonElement Element(JsonNode node) => JsonSerializer.SerializeToElement(node);

    private static BlueskyPostRecord Record(string text, params JsonElement[] facets) => new() { Text = text, Facets = facets };

    private static JsonElement Facet(string text, string over, string type, string? uri)
    {
        var start = System.Text.Encoding.UTF8.GetByteCount(text[..text.IndexOf(over, StringComparison.Ordinal)]);
        var feature = new Dictionary<string, string> { ["$type"] = type };
        if (uri is not null)
        {
            feature["uri"] = uri;
        }

        return JsonSerializer.SerializeToElement(new { index = new { byteStart = start, byteEnd = start + System.Text.Encoding.UTF8.GetByteCount(over) }, features = new[] { feature } });
    }
}
