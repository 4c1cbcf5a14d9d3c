using Engagement.Core.Domain;

namespace Engagement.Storage.Tests;

public sealed class TableKeysTests
{
    [Fact]
    public void TheRowKeyOfAnInteractionIsTheIdPeopleUse() =>
        Assert.Equal("instagram_~aHR0cHM6Ly9leGFtcGxlLmNvbS9wLzE", TableKeys.InteractionRow("instagram", "https://example.com/p/1"));

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
