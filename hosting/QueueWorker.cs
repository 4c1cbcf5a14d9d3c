using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Engagement.Core.Ingestion;
using Engagement.Storage;
using Microsoft.Extensions.Logging;

namespace Engagement.LocalHost;

/// <summary>How the local host polls a queue; the defaults are those of host.json and the Functions runtime.</summary>
public sealed record QueueWorkerOptions
{
    public int BatchSize { get; init; } = 8;

    public int MaxDequeueCount { get; init; } = 5;

    /// <summary>How long a failed message stays invisible before its next try.</summary>
    public TimeSpan VisibilityTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a message is hidden while it is being handled; renewed every third of it while the job runs, so a
    /// long job keeps its message and a crashed process releases its messages within this time (not ten minutes).
    /// </summary>
    public TimeSpan LeaseTime { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan MaxPollingInterval { get; init; } = TimeSpan.FromSeconds(2);
}

/// <summary>
/// The queue-trigger semantics of the Functions runtime, for hosts without it: at-least-once delivery, a failed
/// message becomes visible again after the visibility timeout, and after <see cref="QueueWorkerOptions.MaxDequeueCount"/>
/// tries it moves to the poison queue. Beyond the runtime: a fault the <see cref="FaultClassifier"/> calls permanent
/// (a message that is no job) is poisoned at once, and every poisoned message is wrapped in a <see cref="PoisonLetter"/>
/// that says why.
/// </summary>
public sealed partial class QueueWorker(
    QueueClient queue,
    QueueClient poison,
    Func<string, CancellationToken, Task> handle,
    QueueWorkerOptions options,
    TimeProvider time,
    ILogger logger,
    Action<PoisonLetter>? poisoned = null,
    Func<PoisonLetter, CancellationToken, Task>? givenUp = null)
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
    /// platform), which the next run or <c>engage serve</c> picks up. Messages leased by a process that died are
    /// waited for at most one <see cref="QueueWorkerOptions.LeaseTime"/>.
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
        var lease = new Lease(message.PopReceipt);
        Exception? failure = null;
        using (var handling = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            var renewing = RenewAsync(message.MessageId, lease, handling.Token);
            try
            {
                await handle(message.MessageText, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                failure = e;
            }
            finally
            {
                await handling.CancelAsync().ConfigureAwait(false);
                await renewing.ConfigureAwait(false);
            }
        }

        if (failure is null)
        {
            await CompleteAsync(message.MessageId, lease.Receipt, cancellationToken).ConfigureAwait(false);
            return;
        }

        var permanent = FaultClassifier.IsPermanent(failure);
        if (permanent || message.DequeueCount >= options.MaxDequeueCount)
        {
            var reason = permanent
                ? FaultClassifier.Describe(failure)
                : $"failed {message.DequeueCount} times, last: {FaultClassifier.Describe(failure)}";
            var letter = new PoisonLetter(reason, time.GetUtcNow(), message.DequeueCount, message.MessageId, message.MessageText);
            if (permanent)
            {
                LogPoisonedAtOnce(message.MessageId, poison.Name, reason);
            }
            else
            {
                LogPoisoned(failure, message.MessageId, message.DequeueCount, poison.Name);
            }

            await poison.SendMessageAsync(letter.Serialize(), CancellationToken.None).ConfigureAwait(false);
            await CompleteAsync(message.MessageId, lease.Receipt, CancellationToken.None).ConfigureAwait(false);
            await TellGivenUpAsync(letter, cancellationToken).ConfigureAwait(false);
            poisoned?.Invoke(letter);
        }
        else
        {
            LogRetrying(failure, message.MessageId, message.DequeueCount, options.VisibilityTimeout);
            await queue.UpdateMessageAsync(message.MessageId, lease.Receipt, visibilityTimeout: options.VisibilityTimeout, cancellationToken: CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Deletes a handled message. When its lease was lost (a renewal that came too late, or whose answer was dropped
    /// and retried), the receipt no longer matches and another worker may hold the message: the job is done and a
    /// second run replays it idempotently, so that is said and not thrown.
    /// </summary>
    private async Task CompleteAsync(string messageId, string receipt, CancellationToken cancellationToken)
    {
        try
        {
            await queue.DeleteMessageAsync(messageId, receipt, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.ErrorCode is "PopReceiptMismatch" or "MessageNotFound")
        {
            LogLeaseLost(messageId, e.ErrorCode);
        }
    }

    /// <summary>
    /// Lets the handler's owner record what was given up (the ingest worker marks the channel failed). Storage may be
    /// the reason the job was given up, so a failure here is said and the worker goes on: the letter is already kept.
    /// </summary>
    private async Task TellGivenUpAsync(PoisonLetter letter, CancellationToken cancellationToken)
    {
        if (givenUp is null)
        {
            return;
        }

        try
        {
            await givenUp(letter, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogGivenUpNotRecorded(e, letter.MessageId);
        }
    }

    /// <summary>Keeps the message hidden while its job runs; each renewal gives a new pop receipt.</summary>
    private async Task RenewAsync(string messageId, Lease lease, CancellationToken stop)
    {
        var every = options.LeaseTime / 3;
        while (true)
        {
            try
            {
                await Task.Delay(every, time, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            try
            {
                // Not cancelled midway: a renewal the service did but whose answer was dropped would leave a stale receipt.
                var renewed = await queue.UpdateMessageAsync(messageId, lease.Receipt, visibilityTimeout: options.LeaseTime, cancellationToken: CancellationToken.None).ConfigureAwait(false);
                lease.Receipt = renewed.Value.PopReceipt;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The lease is lost: another worker may run the job too, which replays it idempotently.
                LogRenewFailed(e, messageId);
                return;
            }
        }
    }

    private sealed class Lease(string receipt)
    {
        public string Receipt { get; set; } = receipt;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Message {MessageId} failed on try {DequeueCount}; visible again in {VisibilityTimeout}")]
    private partial void LogRetrying(Exception exception, string messageId, long dequeueCount, TimeSpan visibilityTimeout);

    [LoggerMessage(Level = LogLevel.Error, Message = "Message {MessageId} failed on try {DequeueCount} and moved to {PoisonQueue}")]
    private partial void LogPoisoned(Exception exception, string messageId, long dequeueCount, string poisonQueue);

    [LoggerMessage(Level = LogLevel.Error, Message = "Message {MessageId} moved to {PoisonQueue} at once, as retrying cannot help: {Reason}")]
    private partial void LogPoisonedAtOnce(string messageId, string poisonQueue, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Message {MessageId} was handled but its lease was lost ({ErrorCode}): another worker may run it again, which replays idempotently")]
    private partial void LogLeaseLost(string messageId, string? errorCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not renew the lease of message {MessageId}")]
    private partial void LogRenewFailed(Exception exception, string messageId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Message {MessageId} is in the poison queue, but what it gave up could not be recorded")]
    private partial void LogGivenUpNotRecorded(Exception exception, string messageId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Polling {Queue} failed")]
    private partial void LogPollFailed(Exception exception, string queue);
}
