using System.Globalization;
using Engagement.Core.Reporting;

namespace Engagement.Reports;

/// <summary>How figures read in a report's language: shares as percentages, waits in minutes, hours or days, no data as words.</summary>
internal sealed class Figures(ReportWords words)
{
    public ReportWords Words => words;

    public string Percent(double? share) => share is { } s ? (s * 100).ToString("0.0", words.Culture) + "%" : words.NoData;

    public string Count(int value) => value.ToString("N0", words.Culture);

    public string Decimal(double? value, string format = "0.0") => value is { } v ? v.ToString(format, words.Culture) : words.NoData;

    public string Wait(double? minutes) => minutes switch
    {
        null => words.NoData,
        < 120 => minutes.Value.ToString("0", words.Culture) + " min",
        < 48 * 60 => (minutes.Value / 60).ToString("0.0", words.Culture) + (words.Lang == "it" ? " ore" : " h"),
        _ => (minutes.Value / 60 / 24).ToString("0.0", words.Culture) + (words.Lang == "it" ? " giorni" : " days"),
    };

    /// <summary>The change of a share in percentage points; a change with no data on either side is no data.</summary>
    public string PointsChange(double? current, double? previous) =>
        current is { } c && previous is { } p ? Signed((c - p) * 100, "0.0") + (words.Lang == "it" ? " punti" : " pts") : words.NoData;

    /// <summary>The relative change of a figure; n/a when the previous value is zero.</summary>
    public string RelativeChange(double? current, double? previous) => (current, previous) switch
    {
        (null, _) or (_, null) => words.NoData,
        (_, 0) => words.NotAvailable,
        ({ } c, { } p) => Signed((c - p) / p * 100, "0") + "%",
    };

    public string WaitChange(double? current, double? previous) =>
        current is { } c && previous is { } p ? (c >= p ? "+" : "−") + Wait(Math.Abs(c - p)) : words.NoData;

    public string Date(DateOnly date) => date.ToString("d MMM yyyy", words.Culture);

    public string LocalTime(DateTimeOffset at, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(at, zone).ToString("d MMM yyyy HH:mm", words.Culture) + " " + TimeZoneInfo.ConvertTime(at, zone).ToString("zzz", CultureInfo.InvariantCulture);

    public string Style(string? style) => style is null ? words.NoData : words.Styles.GetValueOrDefault(style, style);

    private string Signed(double value, string format) => (value >= 0 ? "+" : "−") + Math.Abs(value).ToString(format, words.Culture);

    /// <summary>The rows of the headline table: each figure's name, this period's and the previous period's value, and the change.</summary>
    public IEnumerable<(string Name, string Current, string Previous, string Change)> Headlines(PeriodFigures now, PeriodFigures before, bool businessHours)
    {
        var m = words.Metrics;
        yield return (m["brand_relational_share"], Percent(now.BrandRelationalShare), Percent(before.BrandRelationalShare), PointsChange(now.BrandRelationalShare, before.BrandRelationalShare));
        yield return (m["posts_relational_share"], Percent(now.PostsRelationalShare), Percent(before.PostsRelationalShare), PointsChange(now.PostsRelationalShare, before.PostsRelationalShare));
        yield return (m["brand_messages"], Count(now.BrandMessages), Count(before.BrandMessages), RelativeChange(now.BrandMessages, before.BrandMessages));
        yield return (m["customer_messages"], Count(now.CustomerMessages), Count(before.CustomerMessages), RelativeChange(now.CustomerMessages, before.CustomerMessages));
        yield return (m["reply_rate"], Percent(now.ReplyRate), Percent(before.ReplyRate), PointsChange(now.ReplyRate, before.ReplyRate));
        yield return (m["reply_rate_in_time"], Percent(now.ReplyRateInTime), Percent(before.ReplyRateInTime), PointsChange(now.ReplyRateInTime, before.ReplyRateInTime));
        yield return (m["question_response_rate"], Percent(now.QuestionResponseRate), Percent(before.QuestionResponseRate), PointsChange(now.QuestionResponseRate, before.QuestionResponseRate));
        yield return (m["median_first_response"], Wait(now.FirstResponse.MedianMinutes), Wait(before.FirstResponse.MedianMinutes), WaitChange(now.FirstResponse.MedianMinutes, before.FirstResponse.MedianMinutes));
        yield return (m["mean_first_response"], Wait(now.FirstResponse.MeanMinutes), Wait(before.FirstResponse.MeanMinutes), WaitChange(now.FirstResponse.MeanMinutes, before.FirstResponse.MeanMinutes));
        yield return businessHours
            ? (m["median_first_response_business"], Wait(now.FirstResponseBusiness?.MedianMinutes), Wait(before.FirstResponseBusiness?.MedianMinutes), WaitChange(now.FirstResponseBusiness?.MedianMinutes, before.FirstResponseBusiness?.MedianMinutes))
            : (m["median_first_response_business"], words.NotConfigured, words.NotConfigured, "");
        yield return (m["open_at_end"], Count(now.OpenAtEnd), Count(before.OpenAtEnd), RelativeChange(now.OpenAtEnd, before.OpenAtEnd));
        yield return (m["open_questions_at_end"], Count(now.OpenQuestionsAtEnd), Count(before.OpenQuestionsAtEnd), RelativeChange(now.OpenQuestionsAtEnd, before.OpenQuestionsAtEnd));
        yield return (m["engagement_rate"], Percent(now.EngagementRate), Percent(before.EngagementRate), PointsChange(now.EngagementRate, before.EngagementRate));
        yield return (m["conversation_rate"], Decimal(now.ConversationRate), Decimal(before.ConversationRate), RelativeChange(now.ConversationRate, before.ConversationRate));
        yield return (m["amplification_rate"], Decimal(now.AmplificationRate), Decimal(before.AmplificationRate), RelativeChange(now.AmplificationRate, before.AmplificationRate));
        yield return (m["applause_rate"], Decimal(now.ApplauseRate), Decimal(before.ApplauseRate), RelativeChange(now.ApplauseRate, before.ApplauseRate));
        yield return (m["thread_size"], Decimal(now.ThreadSize), Decimal(before.ThreadSize), RelativeChange(now.ThreadSize, before.ThreadSize));
        yield return (m["dm_thread_size"], Decimal(now.DmThreadSize), Decimal(before.DmThreadSize), RelativeChange(now.DmThreadSize, before.DmThreadSize));
        yield return (m["interactions"], Count(now.Interactions), Count(before.Interactions), RelativeChange(now.Interactions, before.Interactions));
        yield return (m["style"], Style(now.Style), Style(before.Style), "");
    }
}
