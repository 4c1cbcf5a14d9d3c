using Engagement.Core.Domain;

namespace Engagement.Storage.Tests;

public sealed class TableKeysTests
{
    public static TheoryData<string> AwkwardIds => new()
    {
        "https://mastodon.example/@northside/113456789012345678",
        "at://did:plc:abc123/app.bsky.feed.post/3kx7y",
        "a/b\\c#d?e",
        "urn:li:activity:7251234567890123456",
        "caffè-ñandú-日本語-🔥",
        "line\nbreak\ttab\u0001control",
        "~looks-encoded",
        new string('x', 5_000),
    };

    [Theory]
    [MemberData(nameof(AwkwardIds))]
    public void AnyPlatformIdBecomesALegalKey(string id)
    {
        var key = TableKeys.InteractionRow("instagram", id);

        Assert.DoesNotContain(key, c => c is '/' or '\\' or '#' or '?' || char.IsControl(c));
        Assert.True(System.Text.Encoding.UTF8.GetByteCount(key) < 1024);
        Assert.Equal(key, TableKeys.InteractionRow("instagram", id));
    }

    [Theory]
    [MemberData(nameof(AwkwardIds))]
    public void EncodedIdsDecodeBackUnlessHashed(string id)
    {
        var encoded = TableKeys.EncodePlatformId(id);

        var decoded = TableKeys.DecodePlatformId(encoded);

        Assert.True(decoded == id || (decoded is null && encoded.StartsWith("~~", StringComparison.Ordinal)));
    }

    [Fact]
    public void PlainIdsStayReadable()
    {
        Assert.Equal("17895695668004550", TableKeys.EncodePlatformId("17895695668004550"));
        Assert.Equal("1029384756_5647382910", TableKeys.EncodePlatformId("1029384756_5647382910"));
    }

    [Fact]
    public void AnIdThatLooksEncodedDoesNotCollideWithTheIdItEncodes()
    {
        var url = "https://example.com/p/1";
        var encoded = TableKeys.EncodePlatformId(url);

        Assert.NotEqual(encoded, TableKeys.EncodePlatformId(encoded));
    }

    [Fact]
    public void InteractionsArePartitionedByClientAndUtcMonth()
    {
        var lateOnTheLastDay = new DateTimeOffset(2026, 10, 31, 23, 30, 0, TimeSpan.FromHours(-2));

        Assert.Equal("acme_202611", TableKeys.InteractionPartition("acme", lateOnTheLastDay));
    }

    [Fact]
    public void NewerRunsSortFirst()
    {
        var earlier = TableKeys.RunRow(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), "a");
        var later = TableKeys.RunRow(new DateTimeOffset(2026, 1, 2, 0, 0, 0, TimeSpan.Zero), "b");

        Assert.True(string.CompareOrdinal(later, earlier) < 0);
    }

    [Theory]
    [InlineData("acme", true)]
    [InlineData("cascina-aurora", true)]
    [InlineData("Acme", false)]
    [InlineData("-acme", false)]
    [InlineData("ac--me", false)]
    [InlineData("acme_1", false)]
    [InlineData("", false)]
    public void ClientAndChannelIdsAreSafeKeysByConstruction(string id, bool valid) =>
        Assert.Equal(valid, Ids.IsValid(id));
}
