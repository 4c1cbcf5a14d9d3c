using Engagement.Core.Domain;

namespace Engagement.Core.Tests.Domain;

public sealed class BusinessHoursTests
{
    private static readonly TimeZoneInfo Rome = TimeZoneInfo.FindSystemTimeZoneById("Europe/Rome");

    [Theory]
    [InlineData("mon-fri 9:00-18:00", "Mon-Fri 09:00-18:00")]
    [InlineData("Mon-Fri 09:00-12:30,14:30-19:00; Sat 09:00-12:30", "Mon-Fri 09:00-12:30,14:30-19:00; Sat 09:00-12:30")]
    [InlineData("Sat-Sun 10:00-24:00; holidays 2026-12-26,2026-12-25", "Sat-Sun 10:00-24:00; holidays 2026-12-25,2026-12-26")]
    public void HoursAreReadAndWrittenOneWay(string text, string canonical)
    {
        Assert.True(BusinessHours.TryParse(text, out var hours, out var problem), problem);
        Assert.Equal(canonical, hours!.ToString());
    }

    [Theory]
    [InlineData("weekdays")]
    [InlineData("Mon-Fri 18:00-09:00")]
    [InlineData("Mon-Fri 09:00-13:00, 12:00-18:00")]
    [InlineData("Funday 09:00-18:00")]
    [InlineData("holidays 25/12/2026")]
    [InlineData("holidays 2026-12-25")]
    public void UnreadableHoursSayWhy(string text)
    {
        Assert.False(BusinessHours.TryParse(text, out _, out var problem));
        Assert.False(string.IsNullOrEmpty(problem));
    }

    [Fact]
    public void TheClockStopsOutsideHoursOnWeekendsAndOnHolidays()
    {
        BusinessHours.TryParse("Mon-Fri 09:00-18:00; holidays 2026-12-08", out var hours, out _);

        // Friday 17:30 to Monday 09:30 local: half an hour on Friday, half an hour on Monday.
        Assert.Equal(TimeSpan.FromMinutes(60), hours!.Measure(Local(2026, 11, 13, 17, 30), Local(2026, 11, 16, 9, 30), Rome));
        // Tuesday 8 December is a holiday: from Monday 17:00 to Wednesday 10:00 counts Monday's hour and Wednesday's.
        Assert.Equal(TimeSpan.FromHours(2), hours.Measure(Local(2026, 12, 7, 17, 0), Local(2026, 12, 9, 10, 0), Rome));
        Assert.Equal(TimeSpan.Zero, hours.Measure(Local(2026, 11, 14, 10, 0), Local(2026, 11, 14, 12, 0), Rome));
    }

    [Fact]
    public void AWorkingDayStaysNineHoursAcrossTheClockChange()
    {
        BusinessHours.TryParse("Mon-Sun 00:00-24:00", out var always, out _);

        // 25 October 2026 lasts 25 hours in Rome; open all day, it counts all 25.
        Assert.Equal(TimeSpan.FromHours(25), always!.Measure(Local(2026, 10, 25, 0, 0), Local(2026, 10, 26, 0, 0), Rome));
    }

    private static DateTimeOffset Local(int year, int month, int day, int hour, int minute)
    {
        var local = new DateTime(year, month, day, hour, minute, 0, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, Rome.GetUtcOffset(local));
    }
}
