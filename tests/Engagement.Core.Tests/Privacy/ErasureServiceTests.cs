using Engagement.Core.Domain;
using Engagement.Core.Ports;
using Engagement.Core.Tests.Fakes;
using Engagement.Ml;
using Engagement.Ml.Vocabulary;

namespace Engagement.Core.Tests.Privacy;

public sealed class ErasureServiceTests
{
    private readonly CoreHarness _core = new(now: new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task ErasingAPersonRemovesEveryRowTheyWroteAndOnlyThoseAndRecomputesTheDays()
    {
        await IngestAsync();
        var before = await DayAsync();

        var result = await _core.Erasure.EraseAsync("acme", "@Customer-C1");

        Assert.True(result.ClientFound);
        Assert.Equal(1, result.Removed);
        Assert.Equal([new DateOnly(2026, 11, 20)], result.DaysRecomputed);
        Assert.Equal(["c2", "p1"], _core.Interactions.All.Select(r => r.Classified.Interaction.PlatformId).Order());
        Assert.Equal(before.Interactions - 1, (await DayAsync()).Interactions);
        Assert.Equal(before.CustomerMessages - 1, (await DayAsync()).CustomerMessages);
    }

    [Fact]
    public async Task ErasingAMessageRecomputesTheDaysOfTheRowsThatAnsweredItAsACleanRunWithoutItWould()
    {
        // A customer's evening comment, another customer's reply to it the next morning, and the brand's answer to
        // that reply: the reply starts no conversation of its own while its parent is a customer's comment.
        Interaction[] thread =
        [
            CoreHarness.Item("p1", "2026-11-20T09:00:00Z", brand: true),
            CoreHarness.Item("c1", "2026-11-20T20:00:00Z", InteractionKind.Comment, parent: "p1"),
            CoreHarness.Item("c2", "2026-11-21T08:00:00Z", InteractionKind.Reply, parent: "c1", text: "Anche io, quando riaprite?"),
            CoreHarness.Item("r1", "2026-11-21T09:00:00Z", InteractionKind.Reply, brand: true, parent: "c2", text: "Lunedì, vi aspettiamo!"),
        ];
        _core.Connector.Add("ig", thread);
        await _core.RegisterAsync("acme", ("instagram", "ig"));
        await _core.Schedule.RunNowAsync("acme");
        await _core.DrainAsync();
        var nextDay = new DateOnly(2026, 11, 21);
        Assert.Equal(0, (await DayAsync(nextDay)).CustomerMessages);

        var result = await _core.Erasure.EraseAsync("acme", "@customer-c1");

        Assert.Contains(nextDay, result.DaysRecomputed);
        var clean = new CoreHarness(now: _core.Time.GetUtcNow());
        clean.Connector.Add("ig", [.. thread.Where(i => i.PlatformId != "c1")]);
        await clean.RegisterAsync("acme", ("instagram", "ig"));
        await clean.Schedule.RunNowAsync("acme");
        await clean.DrainAsync();
        foreach (var day in new[] { new DateOnly(2026, 11, 20), nextDay })
        {
            var erased = await DayAsync(day);
            var expected = Assert.Single(await clean.Daily.QueryAsync("acme", day, day));
            Assert.Equal(
                (expected.Interactions, expected.CustomerMessages, expected.CustomerMessagesAnswered, expected.ResponseVolume, expected.ResponseTimes.Count),
                (erased.Interactions, erased.CustomerMessages, erased.CustomerMessagesAnswered, erased.ResponseVolume, erased.ResponseTimes.Count));
        }

        Assert.Equal(1, (await DayAsync(nextDay)).CustomerMessagesAnswered);
    }

    [Fact]
    public async Task ErasingAgainRemovesNothingMore()
    {
        await IngestAsync();
        await _core.Erasure.EraseAsync("acme", "@customer-c1");

        var again = await _core.Erasure.EraseAsync("acme", "customer-c1");

        Assert.Equal(0, again.Removed);
        Assert.Empty(again.DaysRecomputed);
        Assert.Equal(2, _core.Interactions.All.Count);
    }

    [Fact]
    public async Task AReplayDoesNotBringAnErasedPersonBack()
    {
        await IngestAsync();
        await _core.Erasure.EraseAsync("acme", "@customer-c1");

        // The source still holds the comment: read it again from the start.
        var channel = (await _core.Clients.GetChannelAsync("acme", "instagram"))!;
        await _core.Clients.UpsertChannelAsync(channel with { Cursor = null });
        await _core.Schedule.RunNowAsync("acme");
        await _core.DrainAsync();

        Assert.DoesNotContain(_core.Interactions.All, r => r.Classified.Interaction.PlatformId == "c1");
        Assert.Equal(2, _core.Interactions.All.Count);
    }

    [Fact]
    public async Task RowsStoredUnderTheUnkeyedPseudonymOfBeforeAreFoundToo()
    {
        await _core.RegisterAsync("acme", ("instagram", "ig"));
        var old = CoreHarness.Item("old", "2026-11-20T09:00:00Z", InteractionKind.Comment);
        var legacy = Pseudonyms.Legacy("acme", "@customer-old")[0];
        await _core.Interactions.UpsertAsync("acme", "instagram", [new StoredItem(new ClassifiedInteraction(old, EngagementLabels.Relational, 0.9f, [], "v"), legacy, false, false, DateOnly.FromDateTime(old.CreatedAt.UtcDateTime))], _core.Time.GetUtcNow());

        var result = await _core.Erasure.EraseAsync("acme", "@customer-old");

        Assert.Equal(1, result.Removed);
        Assert.Empty(_core.Interactions.All);
    }

    [Fact]
    public async Task APersonIsErasedFromOneClientOnly()
    {
        await IngestAsync();
        _core.Connector.Add("beta-ig", CoreHarness.Item("c1", "2026-11-20T10:00:00Z", InteractionKind.Comment));
        await _core.RegisterAsync("beta", ("instagram", "beta-ig"));
        await _core.Schedule.RunNowAsync("beta");
        await _core.DrainAsync();

        await _core.Erasure.EraseAsync("acme", "@customer-c1");

        Assert.Equal(1, await _core.Interactions.CountAsync("beta"));
    }

    [Theory]
    [InlineData("acme", "")]
    [InlineData("acme", "@")]
    [InlineData("Acme!", "@giulia")]
    public async Task AnEmptyHandleOrABadClientIdIsRefused(string clientId, string handle) =>
        Assert.NotNull((await _core.Erasure.EraseAsync(clientId, handle)).Problem);

    [Fact]
    public async Task AnUnknownClientIsNotFound() =>
        Assert.False((await _core.Erasure.EraseAsync("nobody", "@giulia")).ClientFound);

    private async Task IngestAsync()
    {
        _core.Connector.Add("ig",
            CoreHarness.Item("p1", "2026-11-20T09:00:00Z", brand: true),
            CoreHarness.Item("c1", "2026-11-20T10:00:00Z", InteractionKind.Comment, parent: "p1"),
            CoreHarness.Item("c2", "2026-11-20T11:00:00Z", InteractionKind.Comment, parent: "p1", text: "@customer-c1 ha ragione!"));
        await _core.RegisterAsync("acme", ("instagram", "ig"));
        await _core.Schedule.RunNowAsync("acme");
        await _core.DrainAsync();
    }

    private Task<DailyEngagement> DayAsync() => DayAsync(new DateOnly(2026, 11, 20));

    private async Task<DailyEngagement> DayAsync(DateOnly day) =>
        Assert.Single(await _core.Daily.QueryAsync("acme", day, day));
}
