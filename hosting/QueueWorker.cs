using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Logging;

namespace Engagement.LocalHost;

/// <summary>How the local host polls a queue; the defaults are those of host.json and the Functions runtime.</summary>
public sealed record QueueWorkerOptions
{
    public int BatchSize { get; init; } = 8;

    public int MaxDequeueCount { get; init; } = 5;

    /// <summary>How long a failed message stays invisible before its next try.</summary>
    public TimeSpan VisibilityTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a message is hidden while it is being handled.</summary>
    public TimeSpan LeaseTime { get; init; } = TimeSpan.FromMinutes(10);

    public TimeSpan MaxPollingInterval { get; init; } = TimeSpan.FromSeconds(2);
}

/// <summary>
/// The queue-trigger semantics of the Functions runtime, for hosts without it: at-least-once delivery, a failed
/// message becomes visible again after the visibility timeout, and after <see cref="QueueWorkerOptions.MaxDequeueCount"/>
/// tries it moves, unchanged, to the poison queue.
/// </summary>
public sealed partial class QueueWorker(
    QueueClient queue,
    QueueClient poison,
    Func<string, CancellationToken, Task> handle,
    QueueWorkerOptions options,
    TimeProvider time,
    ILogger logger)
{
    /// <summary>Receives and handles one batch; returns how many messages it received.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        QueueMessage[] messages = await queue.ReceiveMessagesAsync(options.BatchSize, options.LeaseTime, cancellationToken).ConfigureAwait(false);
        await Task.WhenAll(messages.Select(m => HandleAsync(m, cancellationToken))).ConfigureAwait(false);
        return messages.Length;
    }

    /// <summary>Polls until cancelled, backing off while the queue is empty.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromMilliseconds(100);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                if (await RunOnceAsync(cancellationToken).ConfigureAwait(false) > 0)
                {
                    delay = TimeSpan.FromMilliseconds(100);
                    continue;
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Storage unreachable or refusing: keep polling with back-off rather than stop the host.
                LogPollFailed(e, queue.Name);
            }

            await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, options.MaxPollingInterval.Ticks));
        }
    }

    /// <summary>
    /// Handles messages until the queue holds none, visible or not (failed ones are waited for), except the
    /// <paramref name="deferred"/> ones: messages queued on purpose for later (a throttled job waiting for its
    /// platform), which the next run or <c>engage serve</c> picks up.
    /// </summary>
    public async Task DrainAsync(Func<int>? deferred = null, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            if (await RunOnceAsync(cancellationToken).ConfigureAwait(false) > 0)
            {
                continue;
            }

            QueueProperties properties = await queue.GetPropertiesAsync(cancellationToken).ConfigureAwait(false);
            if (properties.ApproximateMessagesCount <= (deferred?.Invoke() ?? 0))
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), time, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task HandleAsync(QueueMessage message, CancellationToken cancellationToken)
    {
        try
        {
            await handle(message.MessageText, cancellationToken).ConfigureAwait(false);
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            if (message.DequeueCount >= options.MaxDequeueCount)
            {
                LogPoisoned(e, message.MessageId, message.DequeueCount, poison.Name);
                await poison.SendMessageAsync(message.MessageText, CancellationToken.None).ConfigureAwait(false);
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, CancellationToken.None).ConfigureAwait(false);
            }
            else
            {
                LogRetrying(e, message.MessageId, message.DequeueCount, options.VisibilityTimeout);
                await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: options.VisibilityTimeout, cancellationToken: CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Message {MessageId} failed on try {DequeueCount}; visible again in {VisibilityTimeout}")]
    private partial void LogRetrying(Exception exception, string messageId, long dequeueCount, TimeSpan visibilityTimeout);

    [LoggerMessage(Level = LogLevel.Error, Message = "Message {MessageId} failed on try {DequeueCount} and moved to {PoisonQueue}")]
    private partial void LogPoisoned(Exception exception, string messageId, long dequeueCount, string poisonQueue);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Polling {Queue} failed")]
    private partial void LogPollFailed(Exception exception, string queue);
}
