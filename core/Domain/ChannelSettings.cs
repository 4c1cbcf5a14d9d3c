namespace Engagement.Core.Domain;

/// <summary>
/// How far a platform connector reads a channel: <paramref name="BackfillDays"/> of history for a new channel, and
/// the threads of posts younger than <paramref name="ThreadWindowDays"/> re-read when their reply counter changes.
/// </summary>
public sealed record ChannelSettings(int BackfillDays, int ThreadWindowDays)
{
    public const int DefaultBackfillDays = 90;

    public const int MaxBackfillDays = 730;

    /// <summary>Two weeks: twice the reply window, so a late answer to a late question is still seen.</summary>
    public const int DefaultThreadWindowDays = 14;

    /// <summary>Longest thread window: each re-read costs calls, and threads rarely move after a quarter.</summary>
    public const int MaxThreadWindowDays = 90;

    /// <summary>
    /// A thread must be watched for longer than the longest reply window a client may set, or a brand answer that
    /// comes late but in time would never be read.
    /// </summary>
    public static int MinThreadWindowDays => (int)ResponseRules.Horizon.TotalDays + 1;

    public static ChannelSettings Default { get; } = new(DefaultBackfillDays, DefaultThreadWindowDays);

    /// <summary>The channel's settings, defaults where it has none.</summary>
    public static ChannelSettings For(ChannelDefinition channel) =>
        new(channel.BackfillDays ?? DefaultBackfillDays, channel.ThreadWindowDays ?? DefaultThreadWindowDays);

    /// <summary>Checks settings given at registration; returns the problem for each field, keyed by its JSON name.</summary>
    public static IEnumerable<(string Field, string Problem)> Check(int? backfillDays, int? threadWindowDays)
    {
        if (backfillDays is < 1 or > MaxBackfillDays)
        {
            yield return ("backfill_days", $"Backfill is from 1 to {MaxBackfillDays} days (default {DefaultBackfillDays}).");
        }

        if (threadWindowDays is { } window && (window < MinThreadWindowDays || window > MaxThreadWindowDays))
        {
            yield return ("thread_window_days", $"The thread window is from {MinThreadWindowDays} to {MaxThreadWindowDays} days (default {DefaultThreadWindowDays}): longer than the {MinThreadWindowDays - 1}-day reply window.");
        }
    }
}
