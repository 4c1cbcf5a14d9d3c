using Engagement.Core.Registration;
using Engagement.Core.Tests.Fakes;
using Engagement.Ml.Vocabulary;

namespace Engagement.Core.Tests.Privacy;

public sealed class RetentionServiceTests
{
    private readonly CoreHarness _core = new(now: new DateTimeOffset(2026, 11, 21, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task AfterTheRetentionPeopleTextsAndAuthorsAreDroppedAndTheFiguresStay()
    {
        await IngestAsync(retentionDays: 30);
        var before = await _core.Daily.QueryAsync("acme", new DateOnly(2026, 10, 1), new DateOnly(2026, 11, 30));

        // Forty days on, the tick that starts the client's run applies its retention.
        _core.Time.Advance(TimeSpan.FromDays(40));
        await _core.Schedule.TickAsync();

        var comment = _core.Interactions.Row("acme", "instagram", "c1");
        var post = _core.Interactions.Row("acme", "instagram", "p1");
        Assert.Equal(("", ""), (comment.Interaction.Text, comment.Interaction.Author));
        Assert.Equal("Che bella foto!", post.Interaction.Text);
        Assert.Equal("@acme", post.Interaction.Author);

        // Recomputing the day from the rows, as a correction does, counts the dropped comment as before.
        await _core.LabelCorrections.CorrectAsync("acme", "instagram_p1", new(post.Label));
        var after = await _core.Daily.QueryAsync("acme", new DateOnly(2026, 10, 1), new DateOnly(2026, 11, 30));
        Assert.Equal(before.Select(d => (d.Date, d.Interactions, d.Comments, d.CustomerMessages, d.Relational)), after.Select(d => (d.Date, d.Interactions, d.Comments, d.CustomerMessages, d.Relational)));
    }

    [Fact]
    public async Task WithinTheRetentionNothingIsDropped()
    {
        await IngestAsync(retentionDays: 30);

        _core.Time.Advance(TimeSpan.FromDays(20));
        await _core.Schedule.TickAsync();

        Assert.Equal("Bellissima!", _core.Interactions.Row("acme", "instagram", "c1").Interaction.Text);
        Assert.Empty(_core.Interactions.Dropped);
    }

    [Fact]
    public async Task WithoutARetentionTextsAreKept()
    {
        await IngestAsync(retentionDays: null);

        _core.Time.Advance(TimeSpan.FromDays(4_000));
        await _core.Schedule.TickAsync();

        Assert.Empty(_core.Interactions.Dropped);
        Assert.Equal(0, await _core.Retention.ApplyAsync((await _core.Clients.GetAsync("acme"))!));
    }

    [Fact]
    public async Task DroppingAgainDropsNothingMore()
    {
        await IngestAsync(retentionDays: 1);
        _core.Time.Advance(TimeSpan.FromDays(10));
        var client = (await _core.Clients.GetAsync("acme"))!;

        Assert.Equal(1, await _core.Retention.ApplyAsync(client));
        Assert.Equal(0, await _core.Retention.ApplyAsync(client));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3_651)]
    public async Task ARetentionOutsideItsRangeIsRefused(int days)
    {
        var result = await _core.Registration.RegisterAsync("acme", CoreHarness.Request("acme", ("instagram", "ig")) with { RetentionDays = days });

        Assert.Contains("retention_days", result.Errors.Keys);
    }

    private async Task IngestAsync(int? retentionDays)
    {
        _core.Connector.Add("ig",
            CoreHarness.Item("p1", "2026-11-20T09:00:00Z", brand: true),
            CoreHarness.Item("c1", "2026-11-20T10:00:00Z", InteractionKind.Comment, parent: "p1", text: "Bellissima!"));
        var request = CoreHarness.Request("acme", ("instagram", "ig")) with { RetentionDays = retentionDays, Schedule = "0 0 6 * * *" };
        Assert.True((await _core.Registration.RegisterAsync("acme", request)).IsValid);
        await _core.Schedule.RunNowAsync("acme");
        await _core.DrainAsync();
    }
}
