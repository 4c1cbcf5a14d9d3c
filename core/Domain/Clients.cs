namespace Engagement.Core.Domain;

/// <summary>An agency's client: whose channels are measured, when, and in which time zone.</summary>
public sealed record ClientDefinition
{
    public required string Id { get; init; }

    public required string DisplayName { get; init; }

    /// <summary>IANA time zone; days and schedules are the client's local ones.</summary>
    public required string TimeZone { get; init; }

    /// <summary>Six-field cron (seconds first) in the client's time zone.</summary>
    public required string Schedule { get; init; }

    public bool Enabled { get; init; } = true;

    public DateTimeOffset? NextRunAt { get; init; }

    /// <summary>
    /// Days after which people's texts are dropped (text and author cleared, daily figures kept); null keeps them until
    /// erased. See <c>RetentionService</c>.
    /// </summary>
    public int? RetentionDays { get; init; }

    /// <summary>Language of the client's reports: <c>en</c> or <c>it</c>.</summary>
    public string ReportLanguage { get; init; } = ReportLanguages.English;

    /// <summary>How long after a customer's message a brand answer still counts as one (1 to 168 hours).</summary>
    public int ReplyWindowHours { get; init; } = ResponseRules.DefaultReplyWindowHours;

    /// <summary>
    /// How long a customer's question or complaint may wait before a <c>reply.needed</c> alert; also the target of
    /// "answered in time" (1 hour up to the reply window).
    /// </summary>
    public int ReplyNeededHours { get; init; } = ResponseRules.DefaultReplyNeededHours;

    /// <summary>Weekly business hours in the client's zone (see <see cref="Domain.BusinessHours"/>); null when not configured.</summary>
    public string? BusinessHours { get; init; }
}

/// <summary>The languages reports are written in.</summary>
public static class ReportLanguages
{
    public const string English = "en";
    public const string Italian = "it";

    public static IReadOnlyList<string> All { get; } = [English, Italian];

    public static bool IsKnown(string? language) => language is English or Italian;
}

/// <summary>One channel of a client: where interactions come from, and how far ingestion has read.</summary>
public sealed record ChannelDefinition
{
    public required string ClientId { get; init; }

    public required string Id { get; init; }

    /// <summary>Connector that reads it (<c>import</c> today; platform connectors later).</summary>
    public required string Platform { get; init; }

    /// <summary>The account or source the connector reads: a page id, a handle, an import file path.</summary>
    public required string Account { get; init; }

    /// <summary>Name of the Key Vault secret holding the token; never the token itself.</summary>
    public string? SecretName { get; init; }

    /// <summary>Days of history a platform connector reads for a new channel; null means <see cref="ChannelSettings.DefaultBackfillDays"/>.</summary>
    public int? BackfillDays { get; init; }

    /// <summary>Days during which a post's thread is re-read when its reply counter changes; null means <see cref="ChannelSettings.DefaultThreadWindowDays"/>.</summary>
    public int? ThreadWindowDays { get; init; }

    public bool Enabled { get; init; } = true;

    public string? Cursor { get; init; }

    public string? LastRunStatus { get; init; }

    public string? LastRunError { get; init; }

    public DateTimeOffset? LastRunAt { get; init; }

    /// <summary>The page a run still owes this channel (its cursor is mid-way); null when no run is under way.</summary>
    public ChannelContinuation? Continuation { get; init; }
}

/// <summary>
/// Page <paramref name="Page"/> of run <paramref name="RunId"/> is owed, due at <paramref name="DueAt"/> (now for a
/// continuation queued at once, later for one waiting on a platform's throttle).
/// </summary>
public sealed record ChannelContinuation(string RunId, int Page, DateTimeOffset DueAt);
