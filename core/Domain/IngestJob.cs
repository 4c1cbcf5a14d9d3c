namespace Engagement.Core.Domain;

/// <summary>One unit of queued work: read the next page of one channel.</summary>
public sealed record IngestJob
{
    public required string ClientId { get; init; }

    public required string ChannelId { get; init; }

    /// <summary>Shared by every page of one run, so the Runs table groups them.</summary>
    public required string RunId { get; init; }

    public int Page { get; init; } = 1;

    /// <summary><c>schedule</c>, <c>manual</c>, <c>webhook</c>, <c>continuation</c> or <c>resume</c>.</summary>
    public string Reason { get; init; } = IngestReasons.Schedule;
}

/// <summary>Why a job was queued.</summary>
public static class IngestReasons
{
    public const string Schedule = "schedule";
    public const string Manual = "manual";

    /// <summary>A platform notified a change on the channel's account (Meta webhooks).</summary>
    public const string Webhook = "webhook";
    public const string Continuation = "continuation";

    /// <summary>A job queued to run once a platform's throttle has passed: the same page again, or the next one.</summary>
    public const string Resume = "resume";
}

/// <summary>One row of the Runs table: what one job did.</summary>
public sealed record RunRecord
{
    public required string ClientId { get; init; }

    public required string RunId { get; init; }

    public required string ChannelId { get; init; }

    public int Page { get; init; }

    public required string Status { get; init; }

    public int Fetched { get; init; }

    public int Stored { get; init; }

    public int Errors { get; init; }

    public string? Error { get; init; }

    /// <summary>Warnings about records that were kept (such as a channel name read as unknown), one a line; not errors.</summary>
    public string? Warnings { get; init; }

    public DateTimeOffset StartedAt { get; init; }

    public double DurationMs { get; init; }

    public string? ModelVersion { get; init; }
}

/// <summary>Outcomes a run records.</summary>
public static class RunStatuses
{
    public const string Succeeded = "succeeded";
    public const string CompletedWithErrors = "completed-with-errors";
    public const string Failed = "failed";
    public const string Skipped = "skipped";

    /// <summary>The platform asked us to wait: the job is queued again for later, and that is not a failure.</summary>
    public const string Throttled = "throttled";
}
