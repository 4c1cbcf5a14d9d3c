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
}
