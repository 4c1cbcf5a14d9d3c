using System.Globalization;
using System.Text;

namespace Engagement.Core.Domain;

/// <summary>
/// A client's weekly business hours in its own time zone, with holidays: <c>Mon-Fri 09:00-18:00; Sat 09:00-13:00;
/// holidays 2026-12-25,2026-12-26</c>. Response times "in business hours" count only the time inside them, as
/// Hootsuite's Sparkcentral, Front and Time To Reply do: the clock stops when the business is closed.
/// </summary>
public sealed class BusinessHours
{
    private static readonly string[] DayNames = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

    // Indexed by DayOfWeek; each day's intervals are sorted and do not overlap. End may be 24:00.
    private readonly (TimeSpan Start, TimeSpan End)[][] _week;
    private readonly SortedSet<DateOnly> _holidays;

    private BusinessHours((TimeSpan Start, TimeSpan End)[][] week, SortedSet<DateOnly> holidays)
    {
        _week = week;
        _holidays = holidays;
    }

    /// <summary>How the format is written, for messages.</summary>
    public const string Format = "weekday intervals and optional holidays, e.g. 'Mon-Fri 09:00-18:00; Sat 09:00-13:00; holidays 2026-12-25'";

    /// <summary>Reads the text; a problem says what is wrong in words a person can act on.</summary>
    public static bool TryParse(string? text, out BusinessHours? hours, out string? problem)
    {
        hours = null;
        problem = null;
        var week = Enumerable.Range(0, 7).Select(_ => new List<(TimeSpan Start, TimeSpan End)>()).ToArray();
        var holidays = new SortedSet<DateOnly>();
        if (string.IsNullOrWhiteSpace(text))
        {
            problem = "business hours are empty; give " + Format;
            return false;
        }

        foreach (var rawSegment in text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var space = rawSegment.IndexOf(' ', StringComparison.Ordinal);
            if (space < 0)
            {
                problem = $"'{rawSegment}' needs days and times, as in 'Mon-Fri 09:00-18:00'";
                return false;
            }

            var head = rawSegment[..space].Trim().ToLowerInvariant();
            var rest = rawSegment[(space + 1)..].Trim();
            if (head is "holiday" or "holidays")
            {
                foreach (var date in rest.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var holiday))
                    {
                        problem = $"holiday '{date}' is not a date as yyyy-MM-dd";
                        return false;
                    }

                    holidays.Add(holiday);
                }

                continue;
            }

            if (!TryParseDays(head, out var days, out problem))
            {
                return false;
            }

            foreach (var range in rest.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!TryParseInterval(range, out var interval, out problem))
                {
                    return false;
                }

                foreach (var day in days)
                {
                    week[(int)day].Add(interval);
                }
            }
        }

        for (var d = 0; d < 7; d++)
        {
            week[d].Sort();
            for (var i = 1; i < week[d].Count; i++)
            {
                if (week[d][i].Start < week[d][i - 1].End)
                {
                    problem = $"the hours of {Capitalised(DayNames[d])} overlap";
                    return false;
                }
            }
        }

        if (week.All(d => d.Count == 0))
        {
            problem = "business hours name no open interval; give " + Format;
            return false;
        }

        hours = new BusinessHours(week.Select(d => d.ToArray()).ToArray(), holidays);
        return true;
    }

    /// <summary>Time inside business hours between two instants (zero when <paramref name="to"/> is not after <paramref name="from"/>).</summary>
    public TimeSpan Measure(DateTimeOffset from, DateTimeOffset to, TimeZoneInfo zone)
    {
        if (to <= from)
        {
            return TimeSpan.Zero;
        }

        var total = TimeSpan.Zero;
        // Start a day early: the local date of 'from' can lag its UTC date, and intervals never cross midnight.
        var first = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(from, zone).DateTime).AddDays(-1);
        var last = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(to, zone).DateTime);
        for (var date = first; date <= last; date = date.AddDays(1))
        {
            if (_holidays.Contains(date))
            {
                continue;
            }

            foreach (var (start, end) in _week[(int)date.DayOfWeek])
            {
                var open = ToUtc(date, start, zone);
                var close = ToUtc(date, end, zone);
                var overlapStart = open > from ? open : from;
                var overlapEnd = close < to ? close : to;
                if (overlapEnd > overlapStart)
                {
                    total += overlapEnd - overlapStart;
                }
            }
        }

        return total;
    }

    /// <summary>The canonical text: days in week order, grouped when they share their hours, then the holidays.</summary>
    public override string ToString()
    {
        var parts = new List<string>();
        var order = new[] { 1, 2, 3, 4, 5, 6, 0 };
        var i = 0;
        while (i < order.Length)
        {
            var hours = _week[order[i]];
            var j = i;
            while (j + 1 < order.Length && _week[order[j + 1]].SequenceEqual(hours))
            {
                j++;
            }

            if (hours.Length > 0)
            {
                var days = i == j ? Capitalised(DayNames[order[i]]) : $"{Capitalised(DayNames[order[i]])}-{Capitalised(DayNames[order[j]])}";
                parts.Add(days + " " + string.Join(",", hours.Select(h => $"{Clock(h.Start)}-{Clock(h.End)}")));
            }

            i = j + 1;
        }

        if (_holidays.Count > 0)
        {
            parts.Add("holidays " + string.Join(",", _holidays.Select(h => h.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))));
        }

        return string.Join("; ", parts);
    }

    /// <summary>
    /// The UTC instant of a local date and time of day. A time in the spring gap moves forward to the first valid
    /// instant; an ambiguous autumn time reads as standard time, as <see cref="TimeZoneInfo.GetUtcOffset(DateTime)"/> does.
    /// </summary>
    private static DateTimeOffset ToUtc(DateOnly date, TimeSpan timeOfDay, TimeZoneInfo zone)
    {
        var local = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified) + timeOfDay;
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(1);
        }

        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }

    private static bool TryParseDays(string text, out List<DayOfWeek> days, out string? problem)
    {
        days = [];
        problem = null;
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var range = part.Split('-', StringSplitOptions.TrimEntries);
            var from = Array.IndexOf(DayNames, range[0]);
            var to = range.Length == 2 ? Array.IndexOf(DayNames, range[1]) : from;
            if (range.Length > 2 || from < 0 || to < 0)
            {
                problem = $"'{part}' is not a day or a range of days (Mon, Tue, Wed, Thu, Fri, Sat, Sun; e.g. Mon-Fri)";
                return false;
            }

            // Mon-Sun and Fri-Mon both run forward through the week.
            for (var d = from; ; d = (d + 1) % 7)
            {
                days.Add((DayOfWeek)d);
                if (d == to)
                {
                    break;
                }
            }
        }

        return true;
    }

    private static bool TryParseInterval(string text, out (TimeSpan Start, TimeSpan End) interval, out string? problem)
    {
        interval = default;
        problem = null;
        var ends = text.Split('-', StringSplitOptions.TrimEntries);
        if (ends.Length != 2 || !TryParseClock(ends[0], out var start) || !TryParseClock(ends[1], out var end) || end <= start)
        {
            problem = $"'{text}' is not an interval such as 09:00-18:00 (the end after the start, at most 24:00)";
            return false;
        }

        interval = (start, end);
        return true;
    }

    private static bool TryParseClock(string text, out TimeSpan time)
    {
        time = default;
        if (text == "24:00")
        {
            time = TimeSpan.FromHours(24);
            return true;
        }

        if (TimeOnly.TryParseExact(text, ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var clock))
        {
            time = clock.ToTimeSpan();
            return true;
        }

        return false;
    }

    private static string Clock(TimeSpan time) =>
        time == TimeSpan.FromHours(24) ? "24:00" : time.ToString(@"hh\:mm", CultureInfo.InvariantCulture);

    private static string Capitalised(string day) => new StringBuilder(day).Replace(day[0], char.ToUpperInvariant(day[0]), 0, 1).ToString();
}
