using Engagement.Core.Domain;

namespace Engagement.Core.Ingestion;

public sealed partial class IngestionService
{
    /// <summary>
    /// A job's page as the page after it sees it. A job that reads on begins its next page as soon as this one's rows
    /// are ready to go out, not once this one has ended: the next page reads its client and channels and prepares its
    /// rows beside this page's writes, sends its rows once this page's are stored, and records nothing (day
    /// marks aside: its cursor move, Runs row, a failure) until this page has ended. So storage is not left waiting through
    /// the round trips that begin and end each page, the cursor still moves page by page, and a page that fails ends the
    /// page begun beside it without a trace of its own: the retry resumes from the page that failed.
    /// </summary>
    private sealed class PageInFlight(PageInFlight? previous, ReadOnPage? from)
    {
        private readonly TaskCompletionSource<ReadOnPage?> _begins = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _stored = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>What the page began from when the job read on to it; null for a job's first page.</summary>
        public ReadOnPage? From { get; } = from;

        /// <summary>The page before, while this page has not seen it end; null once it has, or for a page begun after it.</summary>
        public PageInFlight? Previous { get; private set; } = previous;

        /// <summary>The page's work, from its first read to its Runs row.</summary>
        public Task<PageResult> Done { get; set; } = Task.FromResult(default(PageResult));

        /// <summary>The page the job reads on to, once this page's rows are ready to go out; null when there is none.</summary>
        public Task<ReadOnPage?> Begins => _begins.Task;

        /// <summary>The job reads on to <paramref name="next"/>: it may begin now.</summary>
        public void ReadOn(ReadOnPage next) => _begins.TrySetResult(next);

        /// <summary>This page's rows are stored (or the page ended without storing any).</summary>
        public void Stored() => _stored.TrySetResult();

        /// <summary>The page has ended: whatever it did not signal, nothing more is coming.</summary>
        public void Ended()
        {
            _begins.TrySetResult(null);
            _stored.TrySetResult();
        }

        /// <summary>Waits until the page before has stored its rows (or ended), so pages' rows go out in their order.</summary>
        public Task PreviousStoredAsync() => Previous?._stored.Task ?? Task.CompletedTask;

        /// <summary>Waits until the page before has ended; when it failed, this page ends too, having recorded nothing.</summary>
        public async Task AfterPreviousAsync()
        {
            if (Previous is not { } previous)
            {
                return;
            }

            try
            {
                await previous.Done.ConfigureAwait(false);
            }
            catch (Exception e)
            {
                throw new PreviousPageFailedException(e);
            }

            Previous = null;
        }

        /// <summary>
        /// The channel as read for this page while the page before may not have recorded yet: with the cursor and owed page
        /// that page records, when the read still holds the ones it began from (or already its own). Null when someone
        /// else moved them meanwhile (a reset, the schedule tick), or the channel is gone: the page then waits for the one
        /// before and reads again, as a page begun after it does.
        /// </summary>
        public ChannelDefinition? Carry(ChannelDefinition? read)
        {
            if (read is null || From is not { } from)
            {
                return null;
            }

            if (SamePlace(read, from.Before))
            {
                return read with
                {
                    Cursor = from.After.Cursor,
                    Continuation = from.After.Continuation,
                    LastRunStatus = from.After.LastRunStatus,
                    LastRunError = from.After.LastRunError,
                };
            }

            return SamePlace(read, from.After) ? read : null;

            // Where a channel's run is: its cursor and the page it owes (the owed page's due time is the writer's clock).
            static bool SamePlace(ChannelDefinition a, ChannelDefinition b) =>
                a.Cursor == b.Cursor && a.Continuation?.RunId == b.Continuation?.RunId && a.Continuation?.Page == b.Continuation?.Page;
        }
    }

    /// <summary>
    /// The page a job reads on to, and its channel before and after the page that began it records: the cursor and owed
    /// page it began from, and the ones it moves them to, with its status.
    /// </summary>
    private sealed record ReadOnPage(IngestJob Job, ChannelDefinition Before, ChannelDefinition After);

    /// <summary>The page before one begun beside it failed: this one stops, and the failure reported is that page's.</summary>
    private sealed class PreviousPageFailedException(Exception inner) : Exception("the page before failed", inner);
}
