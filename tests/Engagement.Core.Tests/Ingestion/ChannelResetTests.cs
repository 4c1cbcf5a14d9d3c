using Engagement.Core.Domain;
using Engagement.Core.Ingestion;
using Engagement.Core.Tests.Fakes;

namespace Engagement.Core.Tests.Ingestion;

public sealed class ChannelResetTests
{
    private readonly CoreHarness _core = new();

    [Fact]
    public async Task ADateSetsHowFarTheFirstSweepReachesAndADateBeyondTheLimitIsRefused()
    {
        await _core.Clients.UpsertChannelAsync(new ChannelDefinition { ClientId = "acme", Id = "masto", Platform = "mastodon", Account = "@acme@example.social", Cursor = "123" });
        var reset = new ChannelReset(_core.Clients, _core.Time);
        var today = DateOnly.FromDateTime(_core.Time.GetUtcNow().UtcDateTime);

        var back = await reset.ResetAsync("acme", "masto", today.AddDays(-9));
        var tooFar = await reset.ResetAsync("acme", "masto", new DateOnly(1, 1, 1));
        var missing = await reset.ResetAsync("acme", "nope");

        Assert.Equal((null, 10), (back.Channel!.Cursor, back.Channel.BackfillDays));
        Assert.Equal("--from must be a day from today back to 730 days ago", tooFar.Problem);
        Assert.Equal("client 'acme' has no channel 'nope'", missing.Problem);
    }
}
