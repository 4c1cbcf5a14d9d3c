using Engagement.Core.Reporting;

namespace Engagement.Reports;

/// <summary>The plain-language summary at the top of a report: a few sentences a client reads without a table.</summary>
internal static class ReportSummary
{
    public static IEnumerable<string> Sentences(ClientReport report, Figures f)
    {
        var w = f.Words;
        var (now, before) = (report.Total, report.Previous);
        string Say(string key, params object[] values) => string.Format(w.Culture, w.Sentences[key], values);

        yield return now.BrandRelationalShare is null
            ? Say("share_none", report.DisplayName)
            : Say("share", f.Percent(now.BrandRelationalShare), report.DisplayName, f.Percent(before.BrandRelationalShare));
        yield return now.CustomerMessages == 0
            ? Say("reply_none")
            : Say("reply", f.Percent(now.ReplyRate), f.Count(now.CustomerMessages), f.Percent(before.ReplyRate), f.Wait(now.FirstResponse.MedianMinutes));
        yield return now.OpenAtEnd == 0
            ? Say("open_none")
            : Say("open", f.Count(now.OpenAtEnd), f.Count(now.OpenQuestionsAtEnd));
        if (report.TopPosts.FirstOrDefault() is { AnsweredMessages: > 0 } top)
        {
            yield return Say("top", f.Count(top.AnsweredMessages), f.Date(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(top.CreatedAt, TimeZoneInfo.FindSystemTimeZoneById(report.Settings.TimeZone)).DateTime)));
        }

        if (now.EngagementRate is not null)
        {
            yield return Say("posts", f.Percent(now.EngagementRate));
        }
    }
}
