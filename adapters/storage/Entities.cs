using Azure;
using Azure.Data.Tables;

namespace Engagement.Storage;

// Typed rows: their property names are the documented schema (docs/tables.md) that BI tools read. DailyEngagement
// and Inbox rows are written as TableEntity (see their stores), for their packed and optional columns.

internal sealed class ClientEntity : ITableEntity
{
    public string PartitionKey { get; set; } = TableKeys.ClientsPartition;
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }
    public string DisplayName { get; set; } = "";
    public string TimeZone { get; set; } = "";
    public string Schedule { get; set; } = "";
    public bool Enabled { get; set; } = true;
    public DateTimeOffset? NextRunAt { get; set; }
    public int? RetentionDays { get; set; }
    public string? ReportLanguage { get; set; }
    public int? ReplyWindowHours { get; set; }
    public int? ReplyNeededHours { get; set; }
    public string? BusinessHours { get; set; }
}

internal sealed class ChannelEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }
    public string Platform { get; set; } = "";
    public string Account { get; set; } = "";
    public string? SecretName { get; set; }
    public int? BackfillDays { get; set; }
    public int? ThreadWindowDays { get; set; }
    public bool Enabled { get; set; } = true;
    public string? Cursor { get; set; }
    public string? LastRunStatus { get; set; }
    public string? LastRunError { get; set; }
    public DateTimeOffset? LastRunAt { get; set; }

    public string? ContinuationRunId { get; set; }

    public int? ContinuationPage { get; set; }

    public DateTimeOffset? ContinuationDueAt { get; set; }
}

internal sealed class InteractionEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }
    public string ChannelId { get; set; } = "";
    public string PlatformId { get; set; } = "";
    public string? Platform { get; set; }
    public string Kind { get; set; } = "";
    public bool? AuthorIsBrand { get; set; }
    public string? Author { get; set; }
    public string Text { get; set; } = "";
    public bool TextTruncated { get; set; }
    public bool TextDropped { get; set; }
    public string? Language { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string? ParentId { get; set; }
    public string? ThreadId { get; set; }
    public long? Likes { get; set; }
    public long? Replies { get; set; }
    public long? Shares { get; set; }
    public long? Reach { get; set; }
    public long? Impressions { get; set; }
    public string? Url { get; set; }
    public string Label { get; set; } = "";
    public string ModelLabel { get; set; } = "";
    public bool LabelCorrected { get; set; }
    public double RelationalProbability { get; set; }
    public string Signals { get; set; } = "";
    public string ModelVersion { get; set; } = "";
    public DateTimeOffset IngestedAt { get; set; }
    public string? Writer { get; set; }
    public bool IsQuestion { get; set; }
    public bool IsComplaint { get; set; }
    public DateTime LocalDate { get; set; }
}

internal sealed class LabelCorrectionEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }
    public string ChannelId { get; set; } = "";
    public string Label { get; set; } = "";
    public string ModelLabel { get; set; } = "";
    public double ModelRelationalProbability { get; set; }
    public string? ModelVersion { get; set; }
    public string? CorrectedBy { get; set; }
    public DateTimeOffset CorrectedAt { get; set; }
    public string? Note { get; set; }
    public DateTimeOffset InteractionCreatedAt { get; set; }
}

internal sealed class RunEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }
    public string RunId { get; set; } = "";
    public string ChannelId { get; set; } = "";
    public int Page { get; set; }
    public string Status { get; set; } = "";
    public int Fetched { get; set; }
    public int Stored { get; set; }
    public int Errors { get; set; }
    public string? Error { get; set; }
    public string? Warnings { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public double DurationMs { get; set; }
    public string? ModelVersion { get; set; }
}

internal sealed class ApiKeyEntity : ITableEntity
{
    public string PartitionKey { get; set; } = TableKeys.ApiKeysPartition;
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }
    public string ClientId { get; set; } = "";
    public string? Name { get; set; }
    public string Hash { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}
