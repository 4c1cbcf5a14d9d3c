using System.Globalization;
using Engagement.Core.Domain;
using Engagement.Core.Ingestion;
using Engagement.Storage;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace Engagement.Functions;

/// <summary>Reads the next page of one channel: fetch, classify, store, aggregate, advance the cursor.</summary>
internal sealed partial class IngestChannel(IngestionService ingestion, IngestQueue queue, TimeProvider time, ILogger<IngestChannel> logger)
{
    /// <summary>The queue's setting; the runtime resolves it from <c>Engagement:IngestQueueName</c>.</summary>
    public const string QueueSetting = "%Engagement:IngestQueueName%";

    /// <summary>
    /// A message that is no job (not JSON, invalid ids, oversized) reads the same on every try: it goes to the poison
    /// queue at once as a letter that says why, and completes, instead of failing five times for the runtime to move.
    /// </summary>
    [Function(nameof(IngestChannel))]
    public async Task Run([QueueTrigger(QueueSetting, Connection = "AzureWebJobsStorage")] string message, FunctionContext context, CancellationToken cancellationToken)
    {
        IngestJob job;
        try
        {
            job = IngestQueue.Parse(message);
        }
        catch (Exception e) when (FaultClassifier.IsPermanent(e))
        {
            var data = context.BindingContext.BindingData;
            var id = Convert.ToString(data.GetValueOrDefault("Id"), CultureInfo.InvariantCulture) ?? "";
            var tries = long.TryParse(Convert.ToString(data.GetValueOrDefault("DequeueCount"), CultureInfo.InvariantCulture), NumberStyles.None, CultureInfo.InvariantCulture, out var count) ? count : 1;
            var letter = new PoisonLetter(FaultClassifier.Describe(e), time.GetUtcNow(), tries, id, message);
            await queue.PoisonAsync(letter, cancellationToken);
            LogPoisoned(id, queue.Poison.Name, letter.Reason);
            return;
        }

        await ingestion.HandleAsync(job, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Message {MessageId} moved to {PoisonQueue} at once, as retrying cannot help: {Reason}")]
    private partial void LogPoisoned(string messageId, string poisonQueue, string reason);
}
