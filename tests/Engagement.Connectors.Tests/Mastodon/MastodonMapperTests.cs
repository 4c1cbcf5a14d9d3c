using System.Text.Json;
using System.Text.Json.Nodes;
using Engagement.Connectors.Mastodon;
using Engagement.Ml.Vocabulary;
using Engagement.Testing;

namespace Engagement.Connectors.Tests.Mastodon;

public sealed class MastodonMapperTests
{
    private static readonly MastodonBrand Brand = new(MastodonReplay.BrandId, "mastodon.example");

    [Theory]
    [InlineData("@panificioaurora@mastodon.example", "https://mastodon.example/", "panificioaurora")]
    [InlineData("panificioaurora@mastodon.example", "https://mastodon.example/", "panificioaurora")]
    [InlineData("https://mastodon.example/@panificioaurora", "https://mastodon.example/", "panificioaurora")]
    [InlineData("https://mastodon.example/@panificioaurora/", "https://mastodon.example/", "panificioaurora")]
    [InlineData("http://127.0.0.1:5000/@panificio.aurora", "http://127.0.0.1:5000/", "panificio.aurora")]
    public void AnAccountIsAHandleWithItsServerOrAProfileUrl(string text, string server, string username)
    {
        Assert.True(MastodonAccount.TryParse(text, out var account, out var problem), problem);
        Assert.Equal((server, username), (account!.Server.AbsoluteUri, account.Username));
    }

    [Theory]
    [InlineData("panificioaurora")]
    [InlineData("@panificioaurora")]
    [InlineData("@panificio aurora@mastodon.example")]
    [InlineData("@panificioaurora@localhost-not-a-domain")]
    [InlineData("http://mastodon.example/@panificioaurora")]
    [InlineData("https://mastodon.example/users/panificioaurora")]
    [InlineData("https://mastodon.example/@panificioaurora?x=1")]
    public void AnAccountWithoutItsServerOrOverPlainHttpIsRefused(string text) =>
        Assert.False(MastodonAccount.TryParse(text, out _, out _));

    [Fact]
    public void ABoostIsRecognisedAndSkippedNotStoredAsTheBrandsWords()
    {
        var entry = MastodonMapper.ToListedEntry(Status("117684059236073549"), Brand);

        Assert.True(entry.Skipped);
        Assert.Null(entry.Item);
        Assert.Null(entry.ThreadKey);
    }

    [Fact]
    public void ABrandReplyFoundInTheListingIsStoredThroughItsThread()
    {
        var entry = MastodonMapper.ToListedEntry(Status(MastodonReplay.BrandReplyToMarco), Brand);

        Assert.Null(entry.Item);
        Assert.Equal(ThreadKeys.OfStatus(MastodonReplay.BrandReplyToMarco), entry.ThreadKey);
        Assert.True(entry.ReadThreadOnce);
    }

    [Fact]
    public void ADirectStatusIsADm()
    {
        var conversation = PlatformReplay.Load("mastodon", "conversations")["response"]!["body"]![0]!["last_status"]!;

        var item = MastodonMapper.ToInteraction(conversation.Deserialize<MastodonStatus>(JsonOptions)!, Brand, null);

        Assert.Equal((InteractionKind.Dm, false), (item.Kind, item.AuthorIsBrand));
        Assert.Equal("@panificioaurora Ciao! Posso prenotare 2 posti per il corso di focaccia di sabato?", item.Text);
    }

    [Fact]
    public void ALocalAuthorGetsTheServersHostAndARemoteOneKeepsItsOwn()
    {
        Assert.Equal("@giulia_b@mastodon.example", MastodonMapper.HandleOf(new MastodonAccountDto { Acct = "giulia_b" }, "mastodon.example"));
        Assert.Equal("@emmaeats@toot.example.net", MastodonMapper.HandleOf(new MastodonAccountDto { Acct = "emmaeats@toot.example.net" }, "mastodon.example"));
    }

    [Fact]
    public void AStatusWithAnOddCounterIsThatStatussProblemOnly()
    {
        var odd = (JsonObject)MastodonReplay.Page1Body[0]!.DeepClone();
        odd["replies_count"] = "three";

        var entry = MastodonMapper.ToListedEntry(JsonSerializer.SerializeToElement(odd), Brand);

        Assert.StartsWith($"mastodon status {MastodonReplay.S1}: unreadable", entry.BadRecord, StringComparison.Ordinal);
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private static JsonElement Status(string id) =>
        JsonSerializer.SerializeToElement(MastodonReplay.Page1Body.Single(s => s!["id"]!.GetValue<string>() == id));
}
