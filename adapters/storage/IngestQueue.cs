using System.Text.Json;
using Azure.Storage.Queues;
using Engagement.Core.Domain;
using Engagement.Core.Ports;
using Microsoft.Extensions.Options;

namespace Engagement.Storage;

/// <summary>The ingest-jobs queue: one JSON job per message, base64 as the Functions queue trigger expects.</summary>
public sealed class IngestQueue : IIngestQueue
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private Task? _created;

    public IngestQueue(QueueServiceClient service, IOptions<StorageOptions> options)
    {
        Queue = service.GetQueueClient(options.Value.IngestQueueName);
        Poison = service.GetQueueClient(options.Value.IngestQueueName + "-poison");
    }

    public QueueClient Queue { get; }

    /// <summary>Where a message goes after its last failed try, as the Functions runtime does.</summary>
    public QueueClient Poison { get; }

    /// <summary>Creates both queues once per process; a failed attempt is retried by the next caller.</summary>
    public Task EnsureCreatedAsync()
    {
        var created = _created;
        if (created is null || created.IsFaulted || created.IsCanceled)
        {
            created = _created = Task.WhenAll(Queue.CreateIfNotExistsAsync(), Poison.CreateIfNotExistsAsync());
        }

        return created;
    }

    public async Task EnqueueAsync(IngestJob job, CancellationToken cancellationToken = default)
    {
        await EnsureCreatedAsync().ConfigureAwait(false);
        await Queue.SendMessageAsync(Serialize(job), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A new message with an initial visibility delay, as the Functions output binding cannot give: it starts with no
    /// dequeues, and lives a week past its delay so it is not dropped before it is read.
    /// </summary>
    public async Task EnqueueAsync(IngestJob job, TimeSpan delay, CancellationToken cancellationToken = default)
    {
        await EnsureCreatedAsync().ConfigureAwait(false);
        await Queue.SendMessageAsync(Serialize(job), delay, delay + TimeSpan.FromDays(7), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Puts a letter on the poison queue: a message given up, with why.</summary>
    public async Task PoisonAsync(PoisonLetter letter, CancellationToken cancellationToken = default)
    {
        await EnsureCreatedAsync().ConfigureAwait(false);
        await Poison.SendMessageAsync(letter.Serialize(), cancellationToken).ConfigureAwait(false);
    }

    public static string Serialize(IngestJob job) => JsonSerializer.Serialize(job, Json);

    /// <summary>The longest message that can be a job; a job is a few ids, well under a kilobyte.</summary>
    public const int MaxMessageChars = 4_096;

    /// <summary>
    /// Reads a message body; a malformed or oversized one throws a fault the <c>FaultClassifier</c> calls permanent,
    /// so it is poisoned at once rather than tried five times.
    /// </summary>
    public static IngestJob Parse(string message)
    {
        if (message.Length > MaxMessageChars)
        {
            throw new FormatException($"the message has {message.Length} characters; an ingest job has at most {MaxMessageChars}");
        }

        var job = JsonSerializer.Deserialize<IngestJob>(message, Json)
            ?? throw new FormatException("the ingest job message is empty");
        if (!Ids.IsValid(job.ClientId) || !Ids.IsValid(job.ChannelId) || string.IsNullOrWhiteSpace(job.RunId) || job.Page < 1)
        {
            throw new FormatException("the ingest job message has an invalid client id, channel id, run id or page");
        }

        return job;
    }
}
