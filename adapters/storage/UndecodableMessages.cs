using Azure.Storage.Queues;
using Azure.Storage.Queues.Specialized;
using Microsoft.Extensions.Logging;

namespace Engagement.Storage;

/// <summary>
/// A message that is not base64 cannot be handed to any handler, and without this the SDK fails the whole receive:
/// that message and up to seven good ones stay hidden, again and again, and never reach poison. Received through a
/// queue client of this app, such a message moves to the poison queue at once, with the reason, as the Functions host
/// moves it too (without one).
/// </summary>
internal sealed partial class UndecodableMessages(TimeProvider time, ILogger<UndecodableMessages> logger)
{
    public const string PoisonSuffix = "-poison";

    public async Task PoisonAsync(QueueMessageDecodingFailedEventArgs args)
    {
        // A peek only looks; and a poison queue has no poison queue of its own.
        if (args.ReceivedMessage is not { } message || args.Queue.Name.EndsWith(PoisonSuffix, StringComparison.Ordinal))
        {
            return;
        }

        var poison = args.Queue.GetParentQueueServiceClient().GetQueueClient(args.Queue.Name + PoisonSuffix);
        var letter = new PoisonLetter("the message is not base64, so it is no ingest job", time.GetUtcNow(), message.DequeueCount, message.MessageId, message.Body.ToString());
        await poison.CreateIfNotExistsAsync(cancellationToken: args.CancellationToken).ConfigureAwait(false);
        await poison.SendMessageAsync(letter.Serialize(), args.CancellationToken).ConfigureAwait(false);
        await args.Queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, args.CancellationToken).ConfigureAwait(false);
        LogPoisoned(message.MessageId, args.Queue.Name, poison.Name, letter.Reason);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Message {MessageId} on {Queue} moved to {PoisonQueue} at once: {Reason}")]
    private partial void LogPoisoned(string messageId, string queue, string poisonQueue, string reason);
}
