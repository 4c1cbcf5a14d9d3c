using System.ComponentModel.DataAnnotations;

namespace Engagement.Core.Configuration;

/// <summary>
/// How the pipeline runs, bound from the <c>Engagement</c> section (app settings <c>Engagement__*</c>). Each adapter
/// binds its own settings from the same section (storage, connectors, scoring), so the setting names stay one family.
/// </summary>
public sealed class EngagementOptions
{
    public const string SectionName = "Engagement";

    /// <summary>Six-field cron of the schedule tick (seconds first). Default: every minute.</summary>
    [Required]
    public string ScheduleTickCron { get; set; } = "0 * * * * *";

    /// <summary>Most interactions one job fetches before it enqueues a continuation. Default: 500.</summary>
    [Range(1, 5000)]
    public int IngestPageSize { get; set; } = 500;

    /// <summary>Most calls to a platform one job makes before it enqueues a continuation. Default: 20.</summary>
    [Range(1, 500)]
    public int IngestRequestBudget { get; set; } = 20;

    /// <summary>
    /// Whether a job reads and classifies its run's next page while it writes its own, so the next job finds it done
    /// (docs/performance.md). Unset, the host decides: <c>engage</c>, whose one process drains its queue, reads ahead;
    /// the Functions app does not, since the next job may run on another instance and the page read for it would cost a
    /// platform call for nothing.
    /// </summary>
    public bool? IngestReadAhead { get; set; }

    /// <summary>
    /// Seconds a job goes on to its run's next pages itself before it hands the next page to the queue: each page still
    /// moves the cursor, writes its Runs row and owes the next page on the channel row as a queued one does, without a
    /// message sent, received and deleted between them. A page that begins within the time is finished, so a job runs at
    /// most this long plus one page. 0 queues every next page. Default: 30.
    /// </summary>
    [Range(0, 300)]
    public int IngestReadOnSeconds { get; set; } = 30;

    /// <summary>
    /// Minutes past its due time after which a channel's owed page counts as stalled (its job lost or given up): the
    /// schedule tick shows the channel failed and queues the page again. It must exceed the queue's retry span (five
    /// tries 30 s apart, with the storage retries inside each) and the longest wait of a job behind others. Default: 10.
    /// </summary>
    [Range(5, 1440)]
    public int StalledAfterMinutes { get; set; } = 10;

    /// <summary>Time zone of a client registered without one. Default: <c>Europe/Rome</c>.</summary>
    [Required]
    public string DefaultTimeZone { get; set; } = "Europe/Rome";
}

/// <summary>Which model the classifier loads and whether hosts warm it up, bound from the <c>Engagement</c> section.</summary>
public sealed class ScoringOptions
{
    /// <summary>Path of the model file; empty means the model shipped beside the binaries.</summary>
    public string? ModelPath { get; set; }

    /// <summary>
    /// Whether an HTTP host scores a few built-in items through the score route before it takes requests, so the
    /// first callers and the first seconds of load do not pay for compiling the scoring path. Default: on.
    /// </summary>
    public bool WarmUp { get; set; } = true;
}
