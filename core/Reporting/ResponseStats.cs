namespace Engagement.Core.Reporting;

/// <summary>
/// How long customers waited for a first answer, in minutes: median (the headline, as Sprout Social and Fanpage Karma
/// report it), mean, quickest, slowest and the 90th percentile (nearest rank). Each is null when nobody was answered.
/// </summary>
public sealed record ResponseStats(int Count, double? MedianMinutes, double? MeanMinutes, double? QuickestMinutes, double? SlowestMinutes, double? P90Minutes)
{
    public static ResponseStats Empty { get; } = new(0, null, null, null, null, null);

    /// <summary>Figures over waits given in whole seconds; exact, since the inputs are the raw values, not daily medians.</summary>
    public static ResponseStats Of(IEnumerable<int> seconds)
    {
        var sorted = seconds.Order().ToArray();
        if (sorted.Length == 0)
        {
            return Empty;
        }

        var middle = sorted.Length / 2;
        var median = sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + (double)sorted[middle]) / 2;
        var p90 = sorted[(int)Math.Ceiling(0.9 * sorted.Length) - 1];
        return new ResponseStats(
            sorted.Length,
            median / 60,
            sorted.Sum(s => (long)s) / 60.0 / sorted.Length,
            sorted[0] / 60.0,
            sorted[^1] / 60.0,
            p90 / 60.0);
    }
}
