using Engagement.Core.Domain;
using Engagement.Core.Ports;
using Engagement.Ml.Vocabulary;
using Engagement.Testing;

namespace Engagement.Storage.Tests;

[Collection(AzuriteCollection.Name)]
/// <summary>What a run holds in memory against what the tables give back (the end-of-run recompute relies on both).</summary>
public sealed class HeldRowsOnTablesTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly DateTimeOffset Since = new(2026, 11, 27, 8, 0, 0, TimeSpan.Zero);
    private readonly TestPipeline _pipeline = new(azurite);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _pipeline.DisposeAsync();

    [Fact]
    public async Task QueryOthersLeavesOutOnlyTheRowsTheWriterStoredLast()
    {
        var store = _pipeline.Get<IInteractionStore>();
        await store.UpsertAsync("acme", "instagram", [Item("before-tags", 9), Item("rewritten", 10) with { Writer = "other" }], Since.AddMinutes(-5));
        await store.UpsertAsync("acme", "instagram", [Item("mine", 11) with { Writer = "run" }, Item("rewritten", 10) with { Writer = "run" }], Since);
        await store.UpsertAsync("acme", "instagram", [Item("theirs", 12) with { Writer = "other" }, Item("untagged-late", 13)], Since.AddMinutes(1));

        var others = await store.QueryOthersAsync("acme", "instagram", Since.AddDays(-30), Since, "run", Since);
        var all = await store.QueryAsync("acme", "instagram", Since.AddDays(-30), Since);

        Assert.Equal(["before-tags", "theirs"], others.Select(r => r.PlatformId).Order(StringComparer.Ordinal));
        Assert.Equal(5, all.Count);
    }

    [Fact]
    public async Task AHeldRowIsWhatTheTableReadsBack()
    {
        var store = _pipeline.Get<IInteractionStore>();
        var item = Item("c1", 10, parent: "p1") with { Writer = "run" };
        var edge = Item(new string('x', 2_100), 11, parent: new string('y', 2_050)) with { CorrectedLabel = EngagementLabels.Broadcast, Writer = "run" };
        await store.UpsertAsync("acme", "instagram", [item, edge], Since);

        var read = await store.QueryAsync("acme", "instagram", Since.AddDays(-30), Since);

        Assert.Equal(item.AsRead("instagram"), read.Single(r => r.PlatformId == "c1"));
        Assert.Equal(edge.AsRead("instagram"), read.Single(r => r.PlatformId != "c1"));
    }

    private static StoredItem Item(string id, int hour, string? parent = null)
    {
        var interaction = new Interaction
        {
            PlatformId = id,
            Text = "Quando riaprite il negozio?",
            Kind = parent is null ? InteractionKind.Post : InteractionKind.Comment,
            Author = "@giulia",
            AuthorIsBrand = false,
            CreatedAt = new DateTimeOffset(2026, 11, 2, hour, 0, 0, TimeSpan.FromHours(1)),
            ParentId = parent,
            ThreadId = parent,
            Likes = 3,
            Reach = 120,
            Url = "https://example.org/" + id[..Math.Min(id.Length, 10)],
        };
        return new StoredItem(new ClassifiedInteraction(interaction, EngagementLabels.Relational, 0.9f, ["asks"], "v1"), "pk-0123456789abcdef0123", true, false, new DateOnly(2026, 11, 2));
    }
}
