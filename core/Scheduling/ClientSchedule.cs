using Cronos;

namespace Engagement.Core.Scheduling;

/// <summary>Six-field cron schedules evaluated in a client's own time zone.</summary>
public static class ClientSchedule
{
    public static bool TryParse(string? expression, out CronExpression? cron, out string? problem)
    {
        cron = null;
        problem = null;
        if (string.IsNullOrWhiteSpace(expression))
        {
            problem = "the schedule is empty";
            return false;
        }

        if (expression.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length != 6)
        {
            problem = $"the schedule '{expression}' must have six fields: second minute hour day month weekday";
            return false;
        }

        try
        {
            cron = CronExpression.Parse(expression, CronFormat.IncludeSeconds);
            return true;
        }
        catch (CronFormatException e)
        {
            problem = $"the schedule '{expression}' is not valid cron: {e.Message}";
            return false;
        }
    }

    public static bool TryFindTimeZone(string? id, out TimeZoneInfo? zone)
    {
        zone = null;
        return !string.IsNullOrWhiteSpace(id) && TimeZoneInfo.TryFindSystemTimeZoneById(id, out zone);
    }

    /// <summary>The first occurrence strictly after <paramref name="after"/>, in the client's zone (DST-aware).</summary>
    public static DateTimeOffset? Next(string expression, string timeZone, DateTimeOffset after)
    {
        if (!TryParse(expression, out var cron, out var problem))
        {
            throw new FormatException(problem);
        }

        var zone = TimeZoneInfo.FindSystemTimeZoneById(timeZone);
        return cron!.GetNextOccurrence(after, zone);
    }
}
