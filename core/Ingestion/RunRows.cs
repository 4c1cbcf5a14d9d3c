using System.Collections.Concurrent;
using Engagement.Core.Domain;
using Engagement.Core.Ports;

namespace Engagement.Core.Ingestion;

/// <summary>
/// The rows this process wrote in each channel's current run, so the recompute at the run's end takes them from memory
/// and reads from storage only what someone else wrote. Each run's pages here write their rows under one writer tag;
/// pages of the run handled by another process write under theirs, and storage gives those back. Exact whatever the
/// split of pages between processes: the tag, not a time, says which rows memory holds.
/// </summary>
/// <remarks>
/// Memory is dropped (and the next page starts a new tag) when a page fails, since a failed write may have stored
/// rows that memory does not hold; when a new run starts; and when the process holds more than
/// <see cref="MaxRows"/> rows in all, so a long run costs bounded memory and reads storage as before.
/// </remarks>
internal sealed class RunRows
{
    /// <summary>Most rows held in all (about 300 bytes each): past it, a channel's run is recomputed from storage.</summary>
    public const int MaxRows = 500_000;

    private readonly ConcurrentDictionary<(string ClientId, string ChannelId), Held> _held = new();
    private int _count;

    /// <summary>The writer tag of a page of <paramref name="runId"/>: the run's own when this process holds it, else a new one.</summary>
    public Held Begin(string clientId, string channelId, string runId, DateTimeOffset startedAt)
    {
        var key = (clientId, channelId);
        while (true)
        {
            if (_held.TryGetValue(key, out var held))
            {
                if (held.RunId == runId)
                {
                    return held;
                }

                Forget(clientId, channelId);
                continue;
            }

            var fresh = new Held(runId, Guid.NewGuid().ToString("N"), startedAt);
            if (_held.TryAdd(key, fresh))
            {
                return fresh;
            }
        }
    }

    /// <summary>Keeps rows just stored under <paramref name="held"/>'s tag, as they read back.</summary>
    public void Add(string clientId, string channelId, Held held, IEnumerable<StoredItem> rows)
    {
        var added = 0;
        lock (held)
        {
            if (held.Dropped)
            {
                return;
            }

            foreach (var row in rows)
            {
                var read = row.AsRead(channelId);
                if (held.Rows.TryAdd(read.PlatformId, read))
                {
                    added++;
                }
                else
                {
                    held.Rows[read.PlatformId] = read;
                }
            }
        }

        if (Interlocked.Add(ref _count, added) > MaxRows)
        {
            Forget(clientId, channelId);
        }
    }

    /// <summary>What the channel's run holds under <paramref name="held"/>'s tag, or null when it was dropped.</summary>
    public IReadOnlyList<StoredInteraction>? Rows(Held held)
    {
        lock (held)
        {
            return held.Dropped ? null : [.. held.Rows.Values];
        }
    }

    /// <summary>Drops what the channel's run holds.</summary>
    public void Forget(string clientId, string channelId)
    {
        if (_held.TryRemove((clientId, channelId), out var held))
        {
            lock (held)
            {
                held.Dropped = true;
                Interlocked.Add(ref _count, -held.Rows.Count);
                held.Rows.Clear();
            }
        }
    }

    /// <summary>One channel's run as this process holds it.</summary>
    internal sealed class Held(string runId, string writer, DateTimeOffset since)
    {
        public string RunId { get; } = runId;

        public string Writer { get; } = writer;

        public DateTimeOffset Since { get; } = since;

        public Dictionary<string, StoredInteraction> Rows { get; } = new(StringComparer.Ordinal);

        /// <summary>
        /// The channel's corrections as read after the run's last page written here, or, until that read, as its first page
        /// read them before its write; null before its first page.
        /// </summary>
        public Task<Dictionary<string, string>>? Corrections { get; set; }

        /// <summary>The client's erasures, read as <see cref="Corrections"/> are.</summary>
        public Task<IReadOnlySet<string>>? Erasures { get; set; }

        public bool Dropped { get; set; }
    }
}
