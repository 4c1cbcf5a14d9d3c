using Engagement.Core.Alerts;
using Engagement.Core.Tests.Fakes;
using Engagement.Ml.Vocabulary;

namespace Engagement.Core.Tests.Alerts;

public sealed class ReplyAlertsTests
{
    // 27 November 08:00 UTC; the client's reply-needed threshold is the default 24 hours.
    private readonly CoreHarness _core = new(now: new DateTimeOffset(2026, 11, 27, 8, 0, 0, TimeSpan.Zero));

    private static readonly Ml.Vocabulary.InteractionKind Comment = InteractionKind.Comment;

    [Fact]
    public async Task AQuestionUnansweredPastTheThresholdRaisesOneAlertAndOnlyOne()
    {
        await IngestAsync(
            CoreHarness.Item("p1", "2026-11-25T09:00:00Z", brand: true, text: "Nuovo catalogo online"),
            CoreHarness.Item("q1", "2026-11-25T10:00:00Z", Comment, parent: "p1", text: "Quanto costa la consegna?"),
            CoreHarness.Item("q2", "2026-11-27T07:00:00Z", Comment, parent: "p1", text: "E a Lecco consegnate?"),
            CoreHarness.Item("c1", "2026-11-25T11:00:00Z", Comment, parent: "p1", text: "Bellissimo!"));

        var first = await _core.Alerts.RaiseDueAsync();
        var second = await _core.Alerts.RaiseDueAsync();

        // q1 waited 46 hours; q2 only one; c1 asks nothing.
        Assert.Equal((1, 0), (first, second));
        var alert = Assert.Single(_core.Events.Alerts);
        Assert.Equal(("acme", "instagram", "q1", "comment"), (alert.ClientId, alert.ChannelId, alert.PlatformId, alert.Kind));
        Assert.Equal(ReplyAlerts.AlertId("acme", "instagram", "q1"), alert.Id);
        Assert.StartsWith("reply.needed:", alert.Id, StringComparison.Ordinal);
        Assert.True(alert.Id.Length <= 128);
    }

    [Fact]
    public async Task ReplayingTheSameDataNeverAlertsTwice()
    {
        await IngestAsync(
            CoreHarness.Item("p1", "2026-11-25T09:00:00Z", brand: true),
            CoreHarness.Item("q1", "2026-11-25T10:00:00Z", Comment, parent: "p1", text: "Avete il divano in verde?"));
        await _core.Alerts.RaiseDueAsync();

        // Rewind the cursor and ingest again, twice, with ticks in between.
        for (var replay = 0; replay < 2; replay++)
        {
            await _core.Clients.RecordRunAsync("acme", "instagram", "0", "succeeded", null, _core.Time.GetUtcNow());
            await _core.Schedule.RunNowAsync("acme");
            await _core.DrainAsync();
            await _core.Alerts.RaiseDueAsync();
        }

        Assert.Single(_core.Events.Alerts);
        Assert.NotNull(Assert.Single(await _core.Inbox.ListAsync("acme")).AlertedAt);
    }

    [Fact]
    public async Task AnAnsweredQuestionLeavesTheInboxAndIsNeverAlerted()
    {
        await IngestAsync(
            CoreHarness.Item("p1", "2026-11-25T09:00:00Z", brand: true),
            CoreHarness.Item("q1", "2026-11-25T10:00:00Z", Comment, parent: "p1", text: "Siete aperti domenica?"));
        Assert.Single((await _core.Alerts.GetInboxAsync("acme"))!.Entries);

        // The answer arrives in a later run.
        _core.Connector.Add("acme/ig", CoreHarness.Item("a1", "2026-11-26T10:00:00Z", InteractionKind.Reply, brand: true, parent: "q1", text: "Sì, dalle 10 alle 19!"));
        await _core.Schedule.RunNowAsync("acme");
        await _core.DrainAsync();

        Assert.Empty((await _core.Alerts.GetInboxAsync("acme"))!.Entries);
        Assert.Equal(0, await _core.Alerts.RaiseDueAsync());
        Assert.Empty(_core.Events.Alerts);
    }

    [Fact]
    public async Task TheInboxPutsOverdueFirstAndSaysWhatExpired()
    {
        _core.Time.SetUtcNow(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero));
        await IngestAsync(
            CoreHarness.Item("p1", "2026-11-10T09:00:00Z", brand: true),
            CoreHarness.Item("old", "2026-11-12T10:00:00Z", Comment, parent: "p1", text: "Il mio ordine è arrivato rotto, chi mi rimborsa?"),
            CoreHarness.Item("due", "2026-11-26T09:00:00Z", Comment, parent: "p1", text: "Fate consegne a Como?"),
            CoreHarness.Item("new", "2026-11-27T11:00:00Z", Comment, parent: "p1", text: "Che orari avete?"));

        var inbox = (await _core.Alerts.GetInboxAsync("acme"))!;

        Assert.Equal(["due", "new", "old"], inbox.Entries.Select(e => e.Message.PlatformId));
        Assert.Equal([InboxStatuses.Overdue, InboxStatuses.Waiting, InboxStatuses.Expired], inbox.Entries.Select(e => e.Status));
        Assert.True(inbox.Entries[2].Message.IsComplaint);
        Assert.Contains("Como", inbox.Entries[0].Excerpt, StringComparison.Ordinal);
        // The expired one can no longer be answered in time: no alert for it.
        Assert.Equal(1, await _core.Alerts.RaiseDueAsync());
        Assert.Equal("due", Assert.Single(_core.Events.Alerts).PlatformId);
    }

    [Fact]
    public async Task AQuestionOnADisabledChannelWaitsUnalertedUntilItsChannelCountsAgain()
    {
        await IngestAsync(
            CoreHarness.Item("p1", "2026-11-25T09:00:00Z", brand: true, text: "Nuovo catalogo online"),
            CoreHarness.Item("q1", "2026-11-25T10:00:00Z", Comment, parent: "p1", text: "Quanto costa la consegna?"));

        await _core.Registration.RegisterAsync("acme", new Core.Registration.ClientRequest("acme", "Europe/Rome", null, null, [
            new("instagram", ListConnector.DefaultPlatform, "acme/ig", null, Enabled: false),
        ]));
        var whileDisabled = await _core.Alerts.RaiseDueAsync();
        await _core.RegisterAsync("acme", ("instagram", "acme/ig"));
        var onceEnabled = await _core.Alerts.RaiseDueAsync();

        Assert.Equal((0, 1), (whileDisabled, onceEnabled));
        Assert.Equal("q1", Assert.Single(_core.Events.Alerts).PlatformId);
    }

    private async Task IngestAsync(params Core.Domain.Interaction[] items)
    {
        _core.Connector.Add("acme/ig", items);
        await _core.RegisterAsync("acme", ("instagram", "acme/ig"));
        await _core.Schedule.RunNowAsync("acme");
        await _core.DrainAsync();
    }
}
