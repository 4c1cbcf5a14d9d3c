using Engagement.Core.Registration;
using Engagement.Core.Reporting;
using Engagement.Core.Tests.Fakes;

namespace Engagement.Core.Tests.Reporting;

public sealed class ReportServiceTests
{
    private readonly CoreHarness _core = new(now: new DateTimeOffset(2026, 11, 27, 23, 30, 0, TimeSpan.Zero));

    [Fact]
    public async Task WithoutDatesAReportCoversTheLast28DaysEndingTodayInTheClientsZone()
    {
        await _core.RegisterAsync("acme", ("instagram", "a"));

        var result = await _core.Reports.GetForPeriodAsync("acme", null, null);

        // 23:30 UTC on 27 November is already the 28th in Rome.
        Assert.Equal(new DateOnly(2026, 11, 28), result.Report!.Period.To);
        Assert.Equal(new DateOnly(2026, 11, 1), result.Report.Period.From);
    }

    [Theory]
    [InlineData("2026-11-10", "2026-11-01")]
    [InlineData("2025-11-01", "2026-11-02")]
    public async Task APeriodBackwardsOrLongerThan366DaysIsRefused(string from, string to)
    {
        await _core.RegisterAsync("acme", ("instagram", "a"));

        var result = await _core.Reports.GetForPeriodAsync("acme", DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(to, System.Globalization.CultureInfo.InvariantCulture));

        Assert.True(result.ClientFound);
        Assert.Null(result.Report);
        Assert.NotNull(result.PeriodProblem);
    }

    [Fact]
    public async Task InteractionsAreListedNewestFirstWithTheirIdsAndOnlyCorrectedOnesOnRequest()
    {
        _core.Connector.Add("a",
            CoreHarness.Item("p1", "2026-11-20T09:00:00Z", brand: true),
            CoreHarness.Item("c1", "2026-11-21T09:00:00Z", Ml.Vocabulary.InteractionKind.Comment, parent: "p1"),
            CoreHarness.Item("old", "2026-09-01T09:00:00Z", brand: true));
        await _core.RegisterAsync("acme", ("instagram", "a"));
        await _core.Schedule.RunNowAsync("acme");
        await _core.DrainAsync();
        await _core.LabelCorrections.CorrectAsync("acme", "instagram_p1", new("relational"));

        var all = await _core.Reports.ListInteractionsAsync("acme", null, null, take: 10);
        var corrected = await _core.Reports.ListInteractionsAsync("acme", null, null, take: 10, correctedOnly: true);
        var one = await _core.Reports.ListInteractionsAsync("acme", null, null, take: 1);

        Assert.Equal(["instagram_c1", "instagram_p1"], all.Interactions!.Select(r => r.InteractionId));
        Assert.Equal(["instagram_p1"], corrected.Interactions!.Select(r => r.InteractionId));
        Assert.Equal(["instagram_c1"], one.Interactions!.Select(r => r.InteractionId));
        Assert.False((await _core.Reports.ListInteractionsAsync("nobody", null, null, 10)).ClientFound);
    }

    [Fact]
    public async Task AnUnknownClientHasNoReport()
    {
        var result = await _core.Reports.GetForPeriodAsync("nobody", null, null);

        Assert.False(result.ClientFound);
    }

    [Fact]
    public void A366DayPeriodIsTheLongestAccepted()
    {
        var from = new DateOnly(2026, 1, 1);

        Assert.Null(ReportPeriod.Problem(from, from.AddDays(ReportPeriod.MaxDays - 1)));
        Assert.NotNull(ReportPeriod.Problem(from, from.AddDays(ReportPeriod.MaxDays)));
    }
}

/// <summary>Reports count the enabled channels of an enabled client only; the rows of the others are kept, not counted.</summary>
public sealed class ReportScopeTests
{
    private readonly CoreHarness _core = new(now: new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task ARemovedChannelStopsCountingAndItsInteractionsAreNotListed()
    {
        await IngestTwoChannelsAsync();

        await Reregister(("instagram", "ig"));

        Assert.Equal(["instagram"], (await Report()).Channels.Select(c => c.ChannelId));
        Assert.Equal(2, (await Report()).Total.Interactions);
        Assert.All((await _core.Reports.ListInteractionsAsync("acme", null, null, take: 10)).Interactions!, r => Assert.Equal("instagram", r.ChannelId));
    }

    [Fact]
    public async Task ADisabledChannelStopsCountingAndCountsAgainWhenEnabled()
    {
        await IngestTwoChannelsAsync();

        await _core.Registration.RegisterAsync("acme", new ClientRequest("acme", "Europe/Rome", null, null, [
            new("instagram", ListConnector.DefaultPlatform, "ig", null, null),
            new("facebook", ListConnector.DefaultPlatform, "fb", null, Enabled: false),
        ]));
        var disabled = await Report();
        await Reregister(("instagram", "ig"), ("facebook", "fb"));
        var enabled = await Report();

        Assert.Equal(["instagram"], disabled.Channels.Select(c => c.ChannelId));
        Assert.Equal(["facebook", "instagram"], enabled.Channels.Select(c => c.ChannelId));
        Assert.Equal(4, enabled.Total.Interactions);
    }

    [Fact]
    public async Task ADisabledClientCountsNothing()
    {
        await IngestTwoChannelsAsync();

        await _core.Registration.RegisterAsync("acme", new ClientRequest("acme", "Europe/Rome", null, Enabled: false, [
            new("instagram", ListConnector.DefaultPlatform, "ig", null, null),
            new("facebook", ListConnector.DefaultPlatform, "fb", null, null),
        ]));

        var report = await Report();
        Assert.Empty(report.Channels);
        Assert.Equal(0, report.Total.Interactions);
        Assert.Empty((await _core.Reports.ListInteractionsAsync("acme", null, null, take: 10)).Interactions!);
    }

    [Fact]
    public async Task AListingIsFilledPastTheRowsOfARemovedChannel()
    {
        await IngestTwoChannelsAsync();
        await Reregister(("instagram", "ig"));

        // The two newest rows are facebook's: a page of two must still hold instagram's two.
        var page = await _core.Reports.ListInteractionsAsync("acme", null, null, take: 2);

        Assert.Equal(["instagram_c1", "instagram_p1"], page.Interactions!.Select(r => r.InteractionId));
    }

    [Fact]
    public async Task TheAgencyOverviewCountsOnlyTheChannelsThatCount()
    {
        await IngestTwoChannelsAsync();
        await Reregister(("instagram", "ig"));

        var (overview, _) = await _core.Reports.GetOverviewAsync(null, null);

        Assert.Equal(2, Assert.Single(overview!.Clients).Total.Interactions);
    }

    [Fact]
    public async Task ADisabledClientIsOutOfTheAgencyOverviewAndBackWhenEnabled()
    {
        await IngestTwoChannelsAsync();
        _core.Connector.Add("beta-ig", CoreHarness.Item("b1", "2026-11-20T10:00:00Z"));
        await _core.RegisterAsync("beta", ("instagram", "beta-ig"));
        await _core.Schedule.RunNowAsync("beta");
        await _core.DrainAsync();

        await _core.Registration.RegisterAsync("acme", new ClientRequest("acme", "Europe/Rome", null, Enabled: false, [
            new("instagram", ListConnector.DefaultPlatform, "ig", null, null),
            new("facebook", ListConnector.DefaultPlatform, "fb", null, null),
        ]));
        var (withoutAcme, _) = await _core.Reports.GetOverviewAsync(null, null);
        await Reregister(("instagram", "ig"), ("facebook", "fb"));
        var (withAcme, _) = await _core.Reports.GetOverviewAsync(null, null);

        Assert.Equal(["beta"], withoutAcme!.Clients.Select(c => c.ClientId));
        Assert.Equal(["acme", "beta"], withAcme!.Clients.Select(c => c.ClientId));
        Assert.Equal(4, withAcme.Clients[0].Total.Interactions);
    }

    [Fact]
    public async Task TheInboxListsOnlyTheChannelsThatCount()
    {
        _core.Connector.Add("ig", CoreHarness.Item("q1", "2026-11-20T10:00:00Z", Ml.Vocabulary.InteractionKind.Comment, text: "Fate consegne a Bergamo?"));
        _core.Connector.Add("fb", CoreHarness.Item("q1", "2026-11-21T10:00:00Z", Ml.Vocabulary.InteractionKind.Comment, text: "Fate consegne a Como?"));
        await _core.RegisterAsync("acme", ("instagram", "ig"), ("facebook", "fb"));
        await _core.Schedule.RunNowAsync("acme");
        await _core.DrainAsync();
        Assert.Equal(["facebook", "instagram"], (await _core.Alerts.GetInboxAsync("acme"))!.Entries.Select(e => e.Message.ChannelId).Order());

        await Reregister(("instagram", "ig"));

        Assert.Equal(["instagram"], (await _core.Alerts.GetInboxAsync("acme"))!.Entries.Select(e => e.Message.ChannelId));
    }

    private async Task IngestTwoChannelsAsync()
    {
        _core.Connector.Add("ig",
            CoreHarness.Item("p1", "2026-11-20T09:00:00Z", brand: true),
            CoreHarness.Item("c1", "2026-11-20T10:00:00Z", Ml.Vocabulary.InteractionKind.Comment, parent: "p1"));
        _core.Connector.Add("fb",
            CoreHarness.Item("p1", "2026-11-21T09:00:00Z", brand: true),
            CoreHarness.Item("c1", "2026-11-21T10:00:00Z", Ml.Vocabulary.InteractionKind.Comment, parent: "p1"));
        await _core.RegisterAsync("acme", ("instagram", "ig"), ("facebook", "fb"));
        await _core.Schedule.RunNowAsync("acme");
        await _core.DrainAsync();
        Assert.Equal(4, (await Report()).Total.Interactions);
    }

    private Task Reregister(params (string Id, string Account)[] channels) => _core.RegisterAsync("acme", channels);

    private async Task<ClientReport> Report() => (await _core.Reports.GetForPeriodAsync("acme", null, null)).Report!;
}
