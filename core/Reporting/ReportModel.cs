namespace Engagement.Core.Reporting;

/// <summary>
/// A client's report: the period against the one before it, each channel and each week, the customers left without
/// an answer, and the posts that started the most and the fewest conversations. Views (text, JSON, CSV, HTML) render
/// this model; none computes a figure of its own.
/// </summary>
public sealed record ClientReport(
    string ClientId,
    string DisplayName,
    ReportSettings Settings,
    ReportWindow Period,
    PeriodFigures Total,
    PeriodFigures Previous,
    IReadOnlyList<ChannelReport> Channels,
    IReadOnlyList<WeekFigures> Weeks,
    IReadOnlyList<OpenMessage> Unanswered,
    IReadOnlyList<PostResponse> TopPosts,
    IReadOnlyList<PostResponse> BottomPosts);

/// <summary>The client's settings the report was computed under.</summary>
public sealed record ReportSettings(string Language, string TimeZone, int ReplyWindowHours, int ReplyNeededHours, string? BusinessHours);

/// <summary>
/// The period (local days, both ends included), the previous period of the same length, the instants they span, and
/// when the report was made. <see cref="Provisional"/>: <see cref="OpenUnits"/> customers of the period have no answer
/// yet and their reply window is still open, so the response figures can still change.
/// </summary>
public sealed record ReportWindow(
    DateOnly From,
    DateOnly To,
    DateOnly PreviousFrom,
    DateOnly PreviousTo,
    DateTimeOffset Start,
    DateTimeOffset End,
    DateTimeOffset AsOf,
    bool Provisional,
    int OpenUnits)
{
    public int Days => To.DayNumber - From.DayNumber + 1;
}

/// <summary>One channel's figures in the period and in the previous one.</summary>
public sealed record ChannelReport(string ChannelId, PeriodFigures Current, PeriodFigures Previous);

/// <summary>One ISO week (from Monday) of the period; a week cut by the period's ends holds only the period's days.</summary>
public sealed record WeekFigures(DateOnly WeekStart, PeriodFigures Figures);

/// <summary>Where an unanswered customer message stood when the report was made.</summary>
public static class OpenStatuses
{
    /// <summary>Answered after the period ended, within the reply window.</summary>
    public const string AnsweredLater = "answered-later";

    /// <summary>Answered after the reply window closed.</summary>
    public const string AnsweredLate = "answered-late";

    /// <summary>No answer yet; the reply window is still open.</summary>
    public const string StillOpen = "still-open";

    /// <summary>No answer, and the reply window has closed.</summary>
    public const string Expired = "expired";
}

/// <summary>A customer message of the period that had no answer when the period ended (metric 4).</summary>
public sealed record OpenMessage(
    string ChannelId,
    string PlatformId,
    string? Platform,
    string Kind,
    bool Dm,
    DateTimeOffset ReceivedAt,
    double AgeAtEndHours,
    bool Question,
    bool Complaint,
    string? Author,
    string? Excerpt,
    string? Url,
    string Status,
    DateTimeOffset? AnsweredAt,
    double? WaitMinutes);

/// <summary>A brand post of the period and the conversation it started (metric 9).</summary>
public sealed record PostResponse(
    string ChannelId,
    string PlatformId,
    DateTimeOffset CreatedAt,
    string Label,
    string? Signals,
    string? Excerpt,
    string? Url,
    int AnsweredMessages,
    int RelationalAudience,
    int AudienceComments,
    int BrandReplies,
    long? Likes,
    long? Shares,
    long? Reach,
    double? EngagementRate);

/// <summary>The agency's view of every client over comparable periods.</summary>
public sealed record AgencyOverview(DateTimeOffset AsOf, IReadOnlyList<OverviewRow> Clients);

/// <summary>One client in the agency overview: its period, and the period's figures against the previous period's.</summary>
public sealed record OverviewRow(string ClientId, string DisplayName, string Language, ReportWindow Period, PeriodFigures Total, PeriodFigures Previous);
