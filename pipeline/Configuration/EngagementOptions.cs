using System.ComponentModel.DataAnnotations;

namespace Engagement.Pipeline.Configuration;

/// <summary>Our own settings, bound from the <c>Engagement</c> section (app settings <c>Engagement__*</c>).</summary>
public sealed class EngagementOptions
{
    public const string SectionName = "Engagement";

    /// <summary>Six-field cron of the schedule tick (seconds first). Default: every minute.</summary>
    [Required]
    public string ScheduleTickCron { get; set; } = "0 * * * * *";

    /// <summary>Name of the queue that carries one ingestion job per channel. Default: <c>ingest-jobs</c>.</summary>
    [Required, RegularExpression("^[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){2,56}$")]
    public string IngestQueueName { get; set; } = "ingest-jobs";

    /// <summary>Most interactions one job fetches before it enqueues a continuation. Default: 500.</summary>
    [Range(1, 5000)]
    public int IngestPageSize { get; set; } = 500;

    /// <summary>Folder that import channels read from; channel accounts are paths relative to it. Default: <c>imports</c>.</summary>
    [Required]
    public string ImportRoot { get; set; } = "imports";

    /// <summary>Time zone of a client registered without one. Default: <c>Europe/Rome</c>.</summary>
    [Required]
    public string DefaultTimeZone { get; set; } = "Europe/Rome";

    /// <summary>Path of the model file; empty means the model shipped beside the binaries.</summary>
    public string? ModelPath { get; set; }

    /// <summary>Prefix of every table name, so several deployments can share one account. Default: none.</summary>
    [RegularExpression("^([A-Za-z][A-Za-z0-9]{0,19})?$")]
    public string TablePrefix { get; set; } = "";

    /// <summary>Key Vault that holds connector tokens; channels store only a secret name.</summary>
    public Uri? KeyVaultUri { get; set; }

    /// <summary>Fully qualified Service Bus namespace that outbound events go to; empty means no events are published.</summary>
    public string? ServiceBusNamespace { get; set; }

    /// <summary>Service Bus topic of outbound engagement events, in <see cref="ServiceBusNamespace"/>. Default: <c>engagement-events</c>.</summary>
    [Required]
    public string EventsTopic { get; set; } = "engagement-events";
}
