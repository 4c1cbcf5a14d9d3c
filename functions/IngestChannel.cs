using Engagement.Core.Ingestion;
using Engagement.Storage;
using Microsoft.Azure.Functions.Worker;

namespace Engagement.Functions;

/// <summary>Reads the next page of one channel: fetch, classify, store, aggregate, advance the cursor.</summary>
internal sealed class IngestChannel(IngestionService ingestion)
{
    /// <summary>The queue's setting; the runtime resolves it from <c>Engagement:IngestQueueName</c>.</summary>
    public const string QueueSetting = "%Engagement:IngestQueueName%";

    [Function(nameof(IngestChannel))]
    public Task Run([QueueTrigger(QueueSetting, Connection = "AzureWebJobsStorage")] string message, CancellationToken cancellationToken) =>
        ingestion.HandleAsync(IngestQueue.Parse(message), cancellationToken);
}
