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
