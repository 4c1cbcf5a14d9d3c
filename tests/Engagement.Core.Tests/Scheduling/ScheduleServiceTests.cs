using Engagement.Core.Domain;
using Engagement.Core.Tests.Fakes;

namespace Engagement.Core.Tests.Scheduling;

public sealed class ScheduleServiceTests
{
    private readonly CoreHarness _core = new(now: new DateTimeOffset(2026, 11, 27, 8, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task ADueClientFansOutOneJobPerEnabledChannelAndMovesToItsNextRun()
    {
        await _core.RegisterAsync("acme", ("instagram", "a"), ("facebook", "b"));
        await _core.Registration.RegisterAsync("acme", CoreHarness.Request("acme") with
        {
            Channels =
            [
                new("instagram", ListConnector.DefaultPlatform, "a", null, null),
                new("facebook", ListConnector.DefaultPlatform, "b", null, null),
                new("linkedin", ListConnector.DefaultPlatform, "c", null, Enabled: false),
            ],
        });

        var result = await _core.Schedule.TickAsync();

        Assert.Equal(1, result.DueClients);
        Assert.Equal(2, result.JobsEnqueued);
        Assert.Equal(2, _core.Queue.Count);
        Assert.Equal(new DateTimeOffset(2026, 11, 28, 5, 0, 0, TimeSpan.Zero), (await _core.Clients.GetAsync("acme"))!.NextRunAt);
    }

    [Fact]
    public async Task ALateTickRunsAClientOnceNotOncePerMissedRun()
    {
        await _core.RegisterAsync("acme", ("instagram", "a"));
        await _core.Schedule.TickAsync();
        _core.Time.Advance(TimeSpan.FromDays(3));

        var late = await _core.Schedule.TickAsync();
        var again = await _core.Schedule.TickAsync();

        Assert.Equal(1, late.JobsEnqueued);
        Assert.Equal(0, again.JobsEnqueued);
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 5, 0, 0, TimeSpan.Zero), (await _core.Clients.GetAsync("acme"))!.NextRunAt);
    }

    [Fact]
    public async Task ARunOnRequestQueuesEveryEnabledChannelAndAnUnknownClientNone()
    {
        await _core.RegisterAsync("acme", ("instagram", "a"), ("facebook", "b"));

        var run = await _core.Schedule.RunNowAsync("acme");
        var none = await _core.Schedule.RunNowAsync("nobody");

        Assert.Equal(2, run!.Jobs);
        Assert.Null(none);
        Assert.True(_core.Queue.TryDequeue(out var job));
        Assert.Equal(IngestReasons.Manual, job.Reason);
    }
}
