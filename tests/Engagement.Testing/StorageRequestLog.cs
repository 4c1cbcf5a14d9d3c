using System.Collections.Concurrent;
using System.Diagnostics;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Engagement.Testing;

/// <summary>
/// Every request the storage clients send, by method and path: register it with <c>new StoragePipelinePolicy(log)</c>.
/// Each request is a round trip in a page's chain and a transaction on the bill, so tests hold the count and the bench
/// prints it.
/// </summary>
/// <param name="tablePrefix">Taken off table names when requests are grouped by kind.</param>
public sealed class StorageRequestLog(string tablePrefix = "") : HttpPipelinePolicy
{
    private readonly ConcurrentQueue<(string Method, string Path)> _sent = new();

    private readonly ConcurrentQueue<(long Sent, long Answered)> _spans = new();

    public int Total => _sent.Count;

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Add(message);
        ProcessNext(message, pipeline);
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Add(message);
        var sent = Stopwatch.GetTimestamp();
        await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
        _spans.Enqueue((sent, Stopwatch.GetTimestamp()));
    }

    public void Clear()
    {
        _sent.Clear();
        _spans.Clear();
    }

    /// <summary>
    /// The stretches between <paramref name="from"/> and <paramref name="to"/> (<see cref="Stopwatch"/> timestamps) in
    /// which no asynchronous request was on its way or being answered: when storage had nothing of ours to do.
    /// </summary>
    public IReadOnlyList<(TimeSpan At, TimeSpan Length)> Idle(long from, long to)
    {
        var idle = new List<(TimeSpan, TimeSpan)>();
        var busyUntil = from;
        foreach (var (sent, answered) in _spans.Where(s => s.Answered > from && s.Sent < to).OrderBy(s => s.Sent))
        {
            if (sent > busyUntil)
            {
                idle.Add((Stopwatch.GetElapsedTime(from, busyUntil), Stopwatch.GetElapsedTime(busyUntil, sent)));
            }

            busyUntil = Math.Max(busyUntil, answered);
        }

        if (to > busyUntil)
        {
            idle.Add((Stopwatch.GetElapsedTime(from, busyUntil), Stopwatch.GetElapsedTime(busyUntil, to)));
        }

        return idle;
    }

    /// <summary>Requests of <paramref name="method"/> whose path (account first, unescaped) contains <paramref name="pathPart"/>.</summary>
    public int Count(string method, string pathPart) =>
        _sent.Count(r => r.Method == method && r.Path.Contains(pathPart, StringComparison.Ordinal));

    /// <summary>
    /// Requests by kind, most frequent first: method and table or queue (a point read or write marked <c>(keys)</c>, a
    /// queue's messages as <c>queue/messages</c>).
    /// </summary>
    public IReadOnlyList<(string Kind, int Count)> ByKind() =>
        [.. _sent.GroupBy(r => $"{r.Method} {Resource(r.Path)}").Select(g => (g.Key, g.Count())).OrderByDescending(k => k.Item2).ThenBy(k => k.Key, StringComparer.Ordinal)];

    private string Resource(string path)
    {
        // Path style: account/resource[/more]; a table's keys follow its name in parentheses.
        var parts = path.TrimStart('/').Split('/', 3);
        var resource = parts.Length > 1 ? parts[1] : parts[0];
        var paren = resource.IndexOf('(', StringComparison.Ordinal);
        var keyed = paren > 0 && resource.Length > paren + 2;
        resource = paren >= 0 ? resource[..paren] : resource;
        resource = resource.StartsWith(tablePrefix, StringComparison.Ordinal) ? resource[tablePrefix.Length..] : resource;
        return resource + (keyed ? "(keys)" : "") + (parts.Length > 2 ? "/" + parts[2].Split('/')[0] : "");
    }

    private void Add(HttpMessage message) => _sent.Enqueue((message.Request.Method.ToString(), Uri.UnescapeDataString(message.Request.Uri.Path)));
}
