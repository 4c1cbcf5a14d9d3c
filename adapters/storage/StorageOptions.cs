using System.ComponentModel.DataAnnotations;

namespace Engagement.Storage;

/// <summary>Where the tables, the job queue and the events go, bound from the <c>Engagement</c> section.</summary>
public sealed class StorageOptions
{
    /// <summary>Name of the queue that carries one ingestion job per channel. Default: <c>ingest-jobs</c>.</summary>
    [Required, RegularExpression("^[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){2,56}$")]
    public string IngestQueueName { get; set; } = "ingest-jobs";

    /// <summary>Prefix of every table name, so several deployments can share one account. Default: none.</summary>
    [RegularExpression("^([A-Za-z][A-Za-z0-9]{0,19})?$")]
    public string TablePrefix { get; set; } = "";

    /// <summary>Fully qualified Service Bus namespace that outbound events go to; empty means no events are published.</summary>
    public string? ServiceBusNamespace { get; set; }

    /// <summary>Service Bus topic of outbound engagement events, in <see cref="ServiceBusNamespace"/>. Default: <c>engagement-events</c>.</summary>
    [Required]
    public string EventsTopic { get; set; } = "engagement-events";
}
