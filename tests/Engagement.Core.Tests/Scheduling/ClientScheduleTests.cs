using Engagement.Core.Scheduling;

namespace Engagement.Core.Tests.Scheduling;

public sealed class ClientScheduleTests
{
    [Theory]
    [InlineData("0 * * * *")]
    [InlineData("not a cron")]
    [InlineData("")]
    public void OnlySixFieldCronIsAccepted(string expression)
    {
        Assert.False(ClientSchedule.TryParse(expression, out _, out var problem));
        Assert.False(string.IsNullOrEmpty(problem));
    }

    [Fact]
    public void NextRunIsInTheClientsTimeZone()
    {
        var after = new DateTimeOffset(2026, 7, 1, 12, 0, 0, TimeSpan.Zero);

        var next = ClientSchedule.Next("0 0 6 * * *", "Europe/Rome", after);

        // 06:00 in Rome in summer is 04:00 UTC, the next day.
        Assert.Equal(new DateTimeOffset(2026, 7, 2, 4, 0, 0, TimeSpan.Zero), next);
    }

    [Fact]
    public void NextRunFollowsDaylightSavingTime()
    {
        var beforeTheChange = new DateTimeOffset(2026, 10, 23, 12, 0, 0, TimeSpan.Zero);

        var next = ClientSchedule.Next("0 0 6 * * *", "Europe/Rome", beforeTheChange);
        var afterThat = ClientSchedule.Next("0 0 6 * * *", "Europe/Rome", next!.Value);

        // Summer time ends on 25 October 2026: 06:00 is 04:00 UTC the day before and 05:00 UTC on the day.
        Assert.Equal(new DateTimeOffset(2026, 10, 24, 4, 0, 0, TimeSpan.Zero), next);
        Assert.Equal(new DateTimeOffset(2026, 10, 25, 5, 0, 0, TimeSpan.Zero), afterThat);
    }
}
