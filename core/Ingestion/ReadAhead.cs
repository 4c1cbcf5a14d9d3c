using System.Collections.Concurrent;
using Engagement.Core.Domain;
using Engagement.Core.Ports;

namespace Engagement.Core.Ingestion;

/// <summary>
/// The next page of a run, read and classified while this page is written. A run's pages form one chain (each starts
/// at the cursor the last one saved), and without this the storage waits while the next job reads its page and the
/// classifier scores it; with it, that work overlaps the last page's writes. A job takes the page read for it only when
/// it asks for the same thing: the same run, cursor and channel definition. Otherwise it reads as before, so a page
/// read ahead that no job takes (the next job ran in another process, the channel changed, the write failed and the
/// page is replayed) costs one read of the platform and nothing else.
/// </summary>
internal sealed class ReadAhead(TimeProvider time)
{
    /// <summary>How long a page read ahead waits for its job before it is dropped (the job ran elsewhere).</summary>
    public static readonly TimeSpan Keep = TimeSpan.FromMinutes(2);

    private readonly ConcurrentDictionary<(string ClientId, string ChannelId), Ahead> _ahead = new();

    /// <summary>Starts reading the page after this one, for the job that continues <paramref name="job"/>'s run.</summary>
    public void Start(IngestJob job, ConnectorRequest request, IChannelConnector connector, Func<IReadOnlyList<Interaction>, IReadOnlyList<ClassifiedInteraction>> classify)
    {
        // Read on the thread pool, apart from this job: its cancellation ends this job, not the read of the next page.
        var fetch = Task.Run(() => connector.FetchAsync(request, CancellationToken.None));
        var classified = fetch.ContinueWith(f => classify(f.Result.Items), CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);

        // A page nobody takes may end in a fault nobody awaits.
        Observe(fetch);
        Observe(classified);
        var now = time.GetUtcNow();
        foreach (var stale in _ahead.Where(a => now - a.Value.StartedAt > Keep).Select(a => a.Key).ToList())
        {
            _ahead.TryRemove(stale, out _);
        }

        _ahead[(job.ClientId, job.ChannelId)] = new Ahead(job.RunId, Key.Of(request), fetch, classified, now);
    }

    /// <summary>The page read ahead for this request of <paramref name="job"/>'s run, or null; either way nothing is left held.</summary>
    public Ahead? Take(IngestJob job, ConnectorRequest request) =>
        _ahead.TryRemove((job.ClientId, job.ChannelId), out var ahead) && ahead.RunId == job.RunId && ahead.Request == Key.Of(request)
            ? ahead
            : null;

    /// <summary>A read that may end in a fault nobody awaits, observed so it is not reported as an unobserved task exception.</summary>
    public static T Observe<T>(T read)
        where T : Task
    {
        _ = read.ContinueWith(static r => r.Exception, CancellationToken.None, TaskContinuationOptions.NotOnRanToCompletion, TaskScheduler.Default);
        return read;
    }

    /// <summary>Drops what is held for the channel.</summary>
    public void Forget(string clientId, string channelId) => _ahead.TryRemove((clientId, channelId), out _);

    /// <summary>A page read ahead: its read, then its items classified.</summary>
    internal sealed record Ahead(string RunId, Key Request, Task<ConnectorPage> Page, Task<IReadOnlyList<ClassifiedInteraction>> Classified, DateTimeOffset StartedAt);

    /// <summary>What a connector reads for a request: a page read for one key serves only a request with the same key.</summary>
    internal sealed record Key(string Platform, string Account, string? SecretName, string? Cursor, PageBudget Budget, ChannelSettings Settings)
    {
        public static Key Of(ConnectorRequest request) =>
            new(request.Channel.Platform, request.Channel.Account, request.Channel.SecretName, request.Cursor, request.Budget, request.Settings);
    }
}
