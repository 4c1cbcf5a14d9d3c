using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace Engagement.Storage;

/// <summary>The tables of the schema, created on first use.</summary>
internal sealed class EngagementTables
{
    private Task? _created;

    public EngagementTables(TableServiceClient service, IOptions<StorageOptions> options)
    {
        var prefix = options.Value.TablePrefix;
        Clients = service.GetTableClient(prefix + "Clients");
        Channels = service.GetTableClient(prefix + "Channels");
        Interactions = service.GetTableClient(prefix + "Interactions");
        DailyEngagement = service.GetTableClient(prefix + "DailyEngagement");
        Runs = service.GetTableClient(prefix + "Runs");
        Inbox = service.GetTableClient(prefix + "Inbox");
        LabelCorrections = service.GetTableClient(prefix + "LabelCorrections");
        ApiKeys = service.GetTableClient(prefix + "ApiKeys");
        Erasures = service.GetTableClient(prefix + "Erasures");
        PendingDays = service.GetTableClient(prefix + "PendingDays");
        Outbox = service.GetTableClient(prefix + "Outbox");
    }

    public TableClient Clients { get; }

    public TableClient Channels { get; }

    public TableClient Interactions { get; }

    public TableClient DailyEngagement { get; }

    public TableClient Runs { get; }

    public TableClient Inbox { get; }

    public TableClient LabelCorrections { get; }

    public TableClient ApiKeys { get; }

    public TableClient Erasures { get; }

    public TableClient PendingDays { get; }

    /// <summary>Events written before a page's cursor moves and deleted once published.</summary>
    public TableClient Outbox { get; }

    public IEnumerable<TableClient> All => [Clients, Channels, Interactions, DailyEngagement, Runs, Inbox, LabelCorrections, ApiKeys, Erasures, PendingDays, Outbox];

    /// <summary>Creates the tables once per process; a failed attempt is retried by the next caller.</summary>
    public Task EnsureCreatedAsync()
    {
        var created = _created;
        if (created is null || created.IsFaulted || created.IsCanceled)
        {
            created = _created = Task.WhenAll(All.Select(t => t.CreateIfNotExistsAsync()));
        }

        return created;
    }
}
