using Engagement.Core.Registration;
using Engagement.Core.Tests.Fakes;

namespace Engagement.Core.Tests.Registration;

public sealed class ClientRegistrationTests
{
    private readonly CoreHarness _core = new();

    [Fact]
    public async Task ANewClientGetsTheDefaultScheduleAndIsDueAtOnce()
    {
        var registered = await _core.RegisterAsync("acme", ("instagram", "acme/ig"));

        Assert.Equal(ClientRegistration.DefaultSchedule, registered.Client.Schedule);
        Assert.Equal(_core.Time.GetUtcNow(), registered.Client.NextRunAt);
    }

    [Fact]
    public async Task AClientWithoutAZoneGetsTheDefaultZone()
    {
        var result = await _core.Registration.RegisterAsync("acme", CoreHarness.Request("Acme", ("instagram", "acme/ig")) with { TimeZone = null });

        Assert.Equal("Europe/Rome", result.Client!.Client.TimeZone);
    }

    [Theory]
    [InlineData("account")]
    [InlineData("platform")]
    public async Task AChannelWhoseSourceChangesStartsAgainWithoutItsCursor(string change)
    {
        var other = new ListConnector("other-list");
        var registration = new ClientRegistration(_core.Clients, [_core.Connector, other], Microsoft.Extensions.Options.Options.Create(new Configuration.EngagementOptions()), _core.Time);
        await registration.RegisterAsync("acme", CoreHarness.Request("Acme", ("instagram", "acme/ig")));
        await _core.Clients.RecordRunAsync("acme", "instagram", "42", "succeeded", null, _core.Time.GetUtcNow());
        var channel = change == "account"
            ? new ChannelRequest("instagram", ListConnector.DefaultPlatform, "acme/ig-new", null, null)
            : new ChannelRequest("instagram", other.Platform, "acme/ig", null, null);

        var result = await registration.RegisterAsync("acme", CoreHarness.Request("Acme") with { Channels = [channel] });

        var stored = await _core.Clients.GetChannelAsync("acme", "instagram");
        Assert.Null(stored!.Cursor);
        Assert.Null(stored.LastRunStatus);
        Assert.Null(Assert.Single(result.Client!.Channels).Cursor);
    }

    [Fact]
    public async Task AChannelRenamedOrDisabledKeepsItsCursor()
    {
        await _core.RegisterAsync("acme", ("instagram", "acme/ig"));
        await _core.Clients.RecordRunAsync("acme", "instagram", "42", "succeeded", null, _core.Time.GetUtcNow());

        await _core.Registration.RegisterAsync("acme", CoreHarness.Request("Acme renamed") with
        {
            Channels = [new ChannelRequest("instagram", ListConnector.DefaultPlatform, "acme/ig", null, Enabled: false)],
        });

        var stored = await _core.Clients.GetChannelAsync("acme", "instagram");
        Assert.Equal("42", stored!.Cursor);
        Assert.Equal("succeeded", stored.LastRunStatus);
        Assert.False(stored.Enabled);
    }

    [Fact]
    public async Task AClientIsReadBackWithItsChannelsAndAnUnknownOneIsNot()
    {
        await _core.RegisterAsync("acme", ("instagram", "acme/ig"), ("facebook", "acme/fb"));

        var found = await _core.Registration.GetAsync("acme");

        Assert.Equal(["facebook", "instagram"], found!.Channels.Select(c => c.Id));
        Assert.Null(await _core.Registration.GetAsync("nobody"));
        Assert.Equal(["acme"], (await _core.Registration.ListAsync()).Select(c => c.Client.Id));
    }

    [Fact]
    public async Task ChannelsLeftOutOfAnUpdateAreRemoved()
    {
        await _core.RegisterAsync("acme", ("instagram", "acme/ig"), ("facebook", "acme/fb"));

        await _core.RegisterAsync("acme", ("instagram", "acme/ig"));

        Assert.Equal(["instagram"], (await _core.Clients.ListChannelsAsync("acme")).Select(c => c.Id));
    }

    [Fact]
    public async Task AnUpdateKeepsTheNextRunUnlessTheScheduleOrZoneChanges()
    {
        await _core.RegisterAsync("acme", ("instagram", "acme/ig"));
        await _core.Schedule.TickAsync();
        var afterTick = (await _core.Clients.GetAsync("acme"))!.NextRunAt;

        var renamed = await _core.Registration.RegisterAsync("acme", CoreHarness.Request("Acme renamed", ("instagram", "acme/ig")));
        var moved = await _core.Registration.RegisterAsync("acme", CoreHarness.Request("Acme renamed", ("instagram", "acme/ig")) with { Schedule = "0 30 9 * * *" });

        // Next 06:00 in Rome after 08:00 UTC on 27 November is 05:00 UTC on the 28th; 09:30 in Rome is 08:30 UTC today.
        Assert.Equal(new DateTimeOffset(2026, 11, 28, 5, 0, 0, TimeSpan.Zero), afterTick);
        Assert.Equal(afterTick, renamed.Client!.Client.NextRunAt);
        Assert.Equal(new DateTimeOffset(2026, 11, 27, 8, 30, 0, TimeSpan.Zero), moved.Client!.Client.NextRunAt);
        Assert.False(renamed.Created);
    }

    [Theory]
    [InlineData("Acme!", "clientId")]
    [InlineData("acme", "display_name")]
    public async Task InvalidRequestsAreRefusedNamingTheField(string clientId, string field)
    {
        var request = CoreHarness.Request(field == "display_name" ? " " : "Acme", ("instagram", "acme/ig"));

        var result = await _core.Registration.RegisterAsync(clientId, request);

        Assert.False(result.IsValid);
        Assert.Contains(field, result.Errors.Keys);
        Assert.Null(await _core.Clients.GetAsync(clientId));
    }

    [Fact]
    public async Task AChannelItsConnectorRefusesIsReportedOnItsAccount()
    {
        var result = await _core.Registration.RegisterAsync("acme", CoreHarness.Request("Acme", ("instagram", "missing")));

        Assert.Equal(["channels[0].account"], result.Errors.Keys);
    }
}

public sealed class ChannelSettingsRegistrationTests
{
    private readonly CoreHarness _core = new();

    [Theory]
    [InlineData(0, null, "channels[0].backfill_days")]
    [InlineData(731, null, "channels[0].backfill_days")]
    [InlineData(null, 7, "channels[0].thread_window_days")]
    [InlineData(null, 91, "channels[0].thread_window_days")]
    public async Task SettingsOutsideTheirRangeAreRefusedNamingTheField(int? backfill, int? window, string field)
    {
        var result = await _core.Registration.RegisterAsync("acme", CoreHarness.Request("Acme") with
        {
            Channels = [new ChannelRequest("masto", ListConnector.DefaultPlatform, "acme", null, null) { BackfillDays = backfill, ThreadWindowDays = window }],
        });

        Assert.True(result.Errors.ContainsKey(field), string.Join(", ", result.Errors.Keys));
    }

    [Fact]
    public async Task SettingsAreStoredWithTheChannel()
    {
        var result = await _core.Registration.RegisterAsync("acme", CoreHarness.Request("Acme") with
        {
            Channels = [new ChannelRequest("masto", ListConnector.DefaultPlatform, "acme", "acme-token", null) { BackfillDays = 30, ThreadWindowDays = 21 }],
        });

        var channel = Assert.Single(result.Client!.Channels);
        Assert.Equal((30, 21, "acme-token"), (channel.BackfillDays!.Value, channel.ThreadWindowDays!.Value, channel.SecretName!));
    }
}
