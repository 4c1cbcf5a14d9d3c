using System.Collections.Concurrent;
using Engagement.Core.Domain;
using Engagement.Core.Ports;

namespace Engagement.Core.Tests.Fakes;

/// <summary>Clients and channels in dictionaries; a row's version moves on every write, as an ETag does.</summary>
internal sealed class InMemoryClientStore : IClientStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (ClientDefinition Client, int Version)> _clients = new(StringComparer.Ordinal);
    private readonly SortedDictionary<(string ClientId, string ChannelId), ChannelDefinition> _channels = new();

    public Task<ClientDefinition?> GetAsync(string clientId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_clients.TryGetValue(clientId, out var row) ? row.Client : null);
        }
    }

    public Task<IReadOnlyList<ClientDefinition>> ListAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<ClientDefinition>>(_clients.Values.Select(r => r.Client).OrderBy(c => c.Id, StringComparer.Ordinal).ToList());
        }
    }

    public Task<IReadOnlyList<DueClient>> ListDueAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<DueClient>>(_clients.Values
                .Where(r => r.Client.Enabled && r.Client.NextRunAt <= now)
                .Select(r => new DueClient(r.Client, r.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)))
                .ToList());
        }
    }

    public Task UpsertAsync(ClientDefinition client, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            _clients[client.Id] = (client, _clients.TryGetValue(client.Id, out var row) ? row.Version + 1 : 1);
        }

        return Task.CompletedTask;
    }

    public Task<bool> TryClaimRunAsync(ClientDefinition client, string version, DateTimeOffset nextRunAt, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (!_clients.TryGetValue(client.Id, out var row) || row.Version.ToString(System.Globalization.CultureInfo.InvariantCulture) != version)
            {
                return Task.FromResult(false);
            }

            _clients[client.Id] = (row.Client with { NextRunAt = nextRunAt }, row.Version + 1);
            return Task.FromResult(true);
        }
    }

    private int _channelLists;

    /// <summary>Runs before a list of channels is taken, with the list's number (1 for the first).</summary>
    public Func<int, Task>? BeforeListChannels { get; set; }

    /// <summary>Runs once a list of channels is taken, before it is returned.</summary>
    public Action? AfterListChannels { get; set; }

    /// <summary>Runs before a job's outcome is recorded, with the cursor it moves to (null when it keeps it).</summary>
    public Func<string?, Task>? BeforeRecordRun { get; set; }

    public async Task<IReadOnlyList<ChannelDefinition>> ListChannelsAsync(string clientId, CancellationToken cancellationToken = default)
    {
        if (BeforeListChannels is { } before)
        {
            await before(Interlocked.Increment(ref _channelLists));
        }

        List<ChannelDefinition> channels;
        lock (_gate)
        {
            channels = _channels.Where(p => p.Key.ClientId == clientId).Select(p => p.Value).ToList();
        }

        AfterListChannels?.Invoke();
        return channels;
    }

    public Task<ChannelDefinition?> GetChannelAsync(string clientId, string channelId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_channels.GetValueOrDefault((clientId, channelId)));
        }
    }

    public Task UpsertChannelAsync(ChannelDefinition channel, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            _channels[(channel.ClientId, channel.Id)] = channel;
        }

        return Task.CompletedTask;
    }

    public async Task RecordRunAsync(string clientId, string channelId, string? cursor, string status, string? error, DateTimeOffset at, ContinuationChange? continuation = null, ChannelDefinition? seen = null, CancellationToken cancellationToken = default)
    {
        if (BeforeRecordRun is { } before)
        {
            await before(cursor);
        }

        lock (_gate)
        {
            var channel = _channels[(clientId, channelId)];
            _channels[(clientId, channelId)] = channel with
            {
                Cursor = cursor ?? channel.Cursor,
                LastRunStatus = status,
                LastRunError = error,
                LastRunAt = at,
                Continuation = continuation is null ? channel.Continuation : continuation.Next,
            };
        }
    }

    public Task<IReadOnlyList<OverdueChannel>> ListOverdueAsync(DateTimeOffset dueBy, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<OverdueChannel>>(_channels.Values.Where(c => c.Continuation?.DueAt <= dueBy).Select(c => new OverdueChannel(c, "")).ToList());
        }
    }

    /// <summary>The row read is its own version here: the claim holds while the channel is still equal to it.</summary>
    public Task<bool> TryMarkStalledAsync(OverdueChannel overdue, string reason, DateTimeOffset at, DateTimeOffset dueAt, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var key = (overdue.Channel.ClientId, overdue.Channel.Id);
            if (!_channels.TryGetValue(key, out var current) || current != overdue.Channel || current.Continuation is not { } owed)
            {
                return Task.FromResult(false);
            }

            _channels[key] = current with { LastRunStatus = RunStatuses.Failed, LastRunError = reason, LastRunAt = at, Continuation = owed with { DueAt = dueAt } };
            return Task.FromResult(true);
        }
    }

    public Task DeleteChannelAsync(string clientId, string channelId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            _channels.Remove((clientId, channelId));
        }

        return Task.CompletedTask;
    }
}

/// <summary>Stored interactions keyed as the table keys them (client, channel, platform id), so replays overwrite.</summary>
internal sealed class InMemoryInteractionStore : IInteractionStore
{
    private readonly ConcurrentDictionary<(string ClientId, string ChannelId, string PlatformId), StoredItem> _rows = new();
    private readonly ConcurrentDictionary<(string ClientId, string ChannelId, string PlatformId), DateTimeOffset> _ingestedAt = new();

    /// <summary>Makes the next write throw, as a storage outage would.</summary>
    public Exception? FailNextWrite { get; set; }

    public IReadOnlyList<StoredItem> All => _rows.Values.ToList();

    /// <summary>Runs once, before the next write is applied (something else happening while the write is on its way).</summary>
    public Action? BeforeNextWrite { get; set; }

    public Task<int> UpsertAsync(string clientId, string channelId, IReadOnlyList<StoredItem> items, DateTimeOffset ingestedAt, CancellationToken cancellationToken = default)
    {
        if (FailNextWrite is { } failure)
        {
            FailNextWrite = null;
            throw failure;
        }

        if (BeforeNextWrite is { } before)
        {
            BeforeNextWrite = null;
            before();
        }

        foreach (var item in items)
        {
            _rows[(clientId, channelId, item.Classified.Interaction.PlatformId)] = item;
            _ingestedAt[(clientId, channelId, item.Classified.Interaction.PlatformId)] = ingestedAt;
        }

        return Task.FromResult(items.Select(i => i.Classified.Interaction.PlatformId).Distinct(StringComparer.Ordinal).Count());
    }

    public Task<IReadOnlyList<StoredInteraction>> QueryAsync(string clientId, string channelId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<StoredInteraction>>(_rows
            .Where(p => p.Key.ClientId == clientId && p.Key.ChannelId == channelId)
            .Select(p => p.Value)
            .Where(s => s.Classified.Interaction.CreatedAt >= from && s.Classified.Interaction.CreatedAt < to)
            .Select(s => ToStored(channelId, s))
            .ToList());

    public Task<IReadOnlyList<StoredInteraction>> QueryOthersAsync(string clientId, string channelId, DateTimeOffset from, DateTimeOffset to, string writer, DateTimeOffset since, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<StoredInteraction>>(_rows
            .Where(p => p.Key.ClientId == clientId && p.Key.ChannelId == channelId)
            .Where(p => p.Value.Writer is null ? _ingestedAt[p.Key] < since : p.Value.Writer != writer)
            .Select(p => p.Value)
            .Where(s => s.Classified.Interaction.CreatedAt >= from && s.Classified.Interaction.CreatedAt < to)
            .Select(s => ToStored(channelId, s))
            .ToList());

    public Task<IReadOnlyDictionary<string, InteractionDetail>> GetDetailsAsync(string clientId, string channelId, IReadOnlyCollection<(string PlatformId, DateTimeOffset CreatedAt)> rows, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyDictionary<string, InteractionDetail>>(rows
            .Where(r => _rows.ContainsKey((clientId, channelId, r.PlatformId)))
            .ToDictionary(
                r => r.PlatformId,
                r =>
                {
                    var stored = _rows[(clientId, channelId, r.PlatformId)];
                    var i = stored.Classified.Interaction;
                    return new InteractionDetail(i.PlatformId, i.Text, string.Join("; ", stored.Classified.Signals), i.Url, i.Platform?.ToString());
                },
                StringComparer.Ordinal));

    /// <summary>What the table store reads back of a row: the aggregate columns.</summary>
    public static StoredInteraction ToStored(string channelId, StoredItem s)
    {
        var i = s.Classified.Interaction;
        return new StoredInteraction(channelId, i.PlatformId, i.Kind, i.AuthorIsBrand, i.CreatedAt, i.ParentId, i.ThreadId, s.Label, s.IsQuestion)
        {
            IsComplaint = s.IsComplaint,
            Author = s.Author,
            Likes = i.Likes,
            Shares = i.Shares,
            Replies = i.Replies,
            Reach = i.Reach,
            Impressions = i.Impressions,
            Url = i.Url,
        };
    }

    public Task<int> CountAsync(string clientId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_rows.Keys.Count(k => k.ClientId == clientId));

    public Task<InteractionRow?> FindAsync(string clientId, string interactionId, DateTimeOffset? createdAt = null, CancellationToken cancellationToken = default) =>
        Task.FromResult(Rows(clientId).FirstOrDefault(r => r.InteractionId == interactionId));

    public Task<IReadOnlyList<InteractionRow>> ListAsync(string clientId, DateTimeOffset from, DateTimeOffset to, int take, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<InteractionRow>>(Rows(clientId)
            .Where(r => r.Interaction.CreatedAt >= from && r.Interaction.CreatedAt < to)
            .OrderByDescending(r => r.Interaction.CreatedAt)
            .Take(take)
            .ToList());

    public Task SetCorrectedLabelAsync(string clientId, InteractionRow row, string label, CancellationToken cancellationToken = default)
    {
        var key = (clientId, row.ChannelId, row.Interaction.PlatformId);
        _rows[key] = _rows[key] with { CorrectedLabel = label };
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<InteractionRow>> ListByAuthorAsync(string clientId, IReadOnlyCollection<string> authors, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<InteractionRow>>(Rows(clientId).Where(r => r.Interaction.Author is { } a && authors.Contains(a)).ToList());

    /// <summary>Rows whose text retention dropped.</summary>
    public ConcurrentDictionary<(string ClientId, string ChannelId, string PlatformId), bool> Dropped { get; } = new();

    public Task<int> DropTextsAsync(string clientId, DateTimeOffset before, CancellationToken cancellationToken = default)
    {
        var dropped = 0;
        foreach (var (key, row) in _rows.Where(p => p.Key.ClientId == clientId).ToList())
        {
            var i = row.Classified.Interaction;
            if (i.CreatedAt < before && i.AuthorIsBrand != true && Dropped.TryAdd(key, true))
            {
                _rows[key] = row with { Classified = row.Classified with { Interaction = i with { Text = "" } }, Author = "" };
                dropped++;
            }
        }

        return Task.FromResult(dropped);
    }

    public Task DeleteAsync(string clientId, IReadOnlyList<InteractionRow> rows, CancellationToken cancellationToken = default)
    {
        foreach (var row in rows)
        {
            _rows.TryRemove((clientId, row.ChannelId, row.Interaction.PlatformId), out _);
        }

        return Task.CompletedTask;
    }

    /// <summary>The row of one interaction, as the table holds it.</summary>
    public InteractionRow Row(string clientId, string channelId, string platformId) =>
        Rows(clientId).Single(r => r.ChannelId == channelId && r.Interaction.PlatformId == platformId);

    private IEnumerable<InteractionRow> Rows(string clientId) => _rows
        .Where(p => p.Key.ClientId == clientId)
        .Select(p => new InteractionRow(
            InteractionIds.Of(p.Key.ChannelId, p.Key.PlatformId),
            p.Key.ChannelId,
            p.Value.Classified.Interaction with { Author = p.Value.Author },
            p.Value.Label,
            p.Value.Classified.Label,
            Math.Round(p.Value.Classified.RelationalProbability, 4),
            p.Value.Classified.ModelVersion,
            p.Value.CorrectedLabel is not null));
}

/// <summary>Label corrections keyed as the table keys them (client, interaction id).</summary>
internal sealed class InMemoryLabelCorrectionStore : ILabelCorrectionStore
{
    private readonly ConcurrentDictionary<(string ClientId, string InteractionId), LabelCorrection> _rows = new();

    public IReadOnlyList<LabelCorrection> All => _rows.Values.ToList();

    public Task UpsertAsync(LabelCorrection correction, CancellationToken cancellationToken = default)
    {
        _rows[(correction.ClientId, correction.InteractionId)] = correction;
        return Task.CompletedTask;
    }

    /// <summary>Runs once, after the next listing was read and before it is returned: a correction made meanwhile.</summary>
    public Func<Task>? AfterNextList { get; set; }

    /// <summary>How many times the corrections were listed.</summary>
    public int Lists => _lists;

    private int _lists;

    public async Task<IReadOnlyList<LabelCorrection>> ListAsync(string clientId, string? channelId = null, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _lists);
        var list = _rows.Values
            .Where(c => c.ClientId == clientId && (channelId is null || c.ChannelId == channelId))
            .OrderBy(c => c.InteractionId, StringComparer.Ordinal)
            .ToList();
        if (AfterNextList is { } meanwhile)
        {
            AfterNextList = null;
            await meanwhile();
        }

        return list;
    }
}

/// <summary>Daily rows keyed as the table keys them (client, day, channel).</summary>
internal sealed class InMemoryDailyEngagementStore : IDailyEngagementStore
{
    private readonly ConcurrentDictionary<(string ClientId, DateOnly Date, string ChannelId), DailyEngagement> _days = new();

    public Task UpsertAsync(IEnumerable<DailyEngagement> days, DateTimeOffset computedAt, CancellationToken cancellationToken = default)
    {
        foreach (var day in days)
        {
            _days[(day.ClientId, day.Date, day.ChannelId)] = day;
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<DailyEngagement>> QueryAsync(string clientId, DateOnly from, DateOnly to, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<DailyEngagement>>(_days.Values.Where(d => d.ClientId == clientId && d.Date >= from && d.Date <= to).OrderBy(d => d.Date).ToList());
}

/// <summary>Run rows in a list, newest first.</summary>
internal sealed class InMemoryRunStore : IRunStore
{
    private readonly ConcurrentQueue<RunRecord> _runs = new();

    public Task AddAsync(RunRecord run, CancellationToken cancellationToken = default)
    {
        _runs.Enqueue(run);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<RunRecord>> ListRecentAsync(string clientId, int take, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<RunRecord>>(_runs.Where(r => r.ClientId == clientId).Reverse().Take(take).ToList());
}

/// <summary>The job queue as a list the test drains itself; delayed jobs wait apart until the test releases them.</summary>
internal sealed class InMemoryIngestQueue : IIngestQueue
{
    private readonly ConcurrentQueue<IngestJob> _jobs = new();

    public int Count => _jobs.Count;

    /// <summary>Jobs queued with a visibility delay, in order, with their delay.</summary>
    public ConcurrentQueue<(IngestJob Job, TimeSpan Delay)> Delayed { get; } = new();

    public Task EnqueueAsync(IngestJob job, CancellationToken cancellationToken = default)
    {
        _jobs.Enqueue(job);
        return Task.CompletedTask;
    }

    public Task EnqueueAsync(IngestJob job, TimeSpan delay, CancellationToken cancellationToken = default)
    {
        Delayed.Enqueue((job, delay));
        return Task.CompletedTask;
    }

    public bool TryDequeue(out IngestJob job) => _jobs.TryDequeue(out job!);

    /// <summary>Makes every delayed job visible, as time passing would.</summary>
    public int ReleaseDelayed()
    {
        var released = 0;
        while (Delayed.TryDequeue(out var delayed))
        {
            _jobs.Enqueue(delayed.Job);
            released++;
        }

        return released;
    }
}

/// <summary>Secrets in a dictionary, counting reads.</summary>
internal sealed class InMemorySecretStore : ISecretStore
{
    public ConcurrentDictionary<string, string> Secrets { get; } = new(StringComparer.Ordinal);

    public int Reads { get; private set; }

    public Task<string?> GetSecretAsync(string name, CancellationToken cancellationToken = default)
    {
        Reads++;
        return Task.FromResult(Secrets.TryGetValue(name, out var value) ? value : null);
    }
}

/// <summary>Keeps every event it is told.</summary>
internal sealed class RecordingEvents : IEngagementEvents
{
    public ConcurrentQueue<ChannelIngested> Published { get; } = new();

    public ConcurrentQueue<ReplyNeeded> Alerts { get; } = new();

    /// <summary>How many of the next page events fail, as an unreachable topic does.</summary>
    public int FailNext { get; set; }

    public Task PublishAsync(ChannelIngested ingested, CancellationToken cancellationToken = default)
    {
        if (FailNext > 0)
        {
            FailNext--;
            throw new TimeoutException("the events topic did not answer");
        }

        Published.Enqueue(ingested);
        return Task.CompletedTask;
    }

    public Task PublishAsync(ReplyNeeded alert, CancellationToken cancellationToken = default)
    {
        Alerts.Enqueue(alert);
        return Task.CompletedTask;
    }
}

/// <summary>Days owed a recompute, versioned per mark as the table's ETags version them.</summary>
internal sealed class InMemoryPendingDaysStore : IPendingDaysStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string ClientId, string ChannelId, DateOnly Date), string> _marks = [];

    public Task MarkAsync(string clientId, string channelId, IReadOnlyCollection<DateOnly> days, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            foreach (var day in days)
            {
                _marks[(clientId, channelId, day)] = Guid.NewGuid().ToString("N");
            }
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<PendingDay>> ListAsync(string clientId, string channelId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<PendingDay>>(_marks
                .Where(m => m.Key.ClientId == clientId && m.Key.ChannelId == channelId)
                .OrderBy(m => m.Key.Date)
                .Select(m => new PendingDay(m.Key.Date, m.Value))
                .ToList());
        }
    }

    public Task ClearAsync(string clientId, string channelId, IReadOnlyList<PendingDay> days, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            foreach (var day in days)
            {
                if (_marks.TryGetValue((clientId, channelId, day.Date), out var version) && version == day.Version)
                {
                    _marks.Remove((clientId, channelId, day.Date));
                }
            }
        }

        return Task.CompletedTask;
    }

    public int Count(string clientId)
    {
        lock (_gate)
        {
            return _marks.Keys.Count(k => k.ClientId == clientId);
        }
    }
}

/// <summary>The outbox keyed as the table keys it (client, channel, run, page), so a replayed page rewrites its row.</summary>
internal sealed class InMemoryEventOutbox : IEventOutbox
{
    private readonly ConcurrentDictionary<(string, string, string, int), ChannelIngested> _owed = new();

    public IReadOnlyList<ChannelIngested> Owed => _owed.Values.OrderBy(e => e.At).ToList();

    public Task PutAsync(ChannelIngested ingested, CancellationToken cancellationToken = default)
    {
        _owed[Key(ingested)] = ingested;
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<ChannelIngested>> ListAsync(CancellationToken cancellationToken = default) => Task.FromResult(Owed);

    public Task DeleteAsync(ChannelIngested ingested, CancellationToken cancellationToken = default)
    {
        _owed.TryRemove(Key(ingested), out _);
        return Task.CompletedTask;
    }

    private static (string, string, string, int) Key(ChannelIngested e) => (e.ClientId, e.ChannelId, e.RunId, e.Page);
}

/// <summary>Inbox rows keyed as the table keys them (client, channel, platform id); a sync keeps an item's alert time.</summary>
internal sealed class InMemoryInboxStore : IInboxStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string ClientId, string ChannelId, string PlatformId), WaitingMessage> _items = [];

    public Task SyncAsync(string clientId, string channelId, DateTimeOffset from, DateTimeOffset to, IReadOnlyList<WaitingMessage> waiting, DateTimeOffset keepFrom, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var keep = waiting.Select(w => w.PlatformId).ToHashSet(StringComparer.Ordinal);
            foreach (var key in _items.Where(p => p.Key.ClientId == clientId && p.Key.ChannelId == channelId
                && ((p.Value.ReceivedAt >= from && p.Value.ReceivedAt < to && !keep.Contains(p.Key.PlatformId)) || p.Value.ReceivedAt < keepFrom)).Select(p => p.Key).ToList())
            {
                _items.Remove(key);
            }

            foreach (var item in waiting)
            {
                var key = (clientId, channelId, item.PlatformId);
                _items[key] = item with { AlertedAt = _items.TryGetValue(key, out var existing) ? existing.AlertedAt : null };
            }
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<WaitingMessage>> ListAsync(string clientId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<WaitingMessage>>(_items.Values.Where(i => i.ClientId == clientId).ToList());
        }
    }

    public Task<IReadOnlyList<WaitingMessage>> ListDueAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<WaitingMessage>>(_items.Values.Where(i => i.AlertedAt is null && i.DueAt <= now && i.ExpiresAt > now).ToList());
        }
    }

    public Task<bool> MarkAlertedAsync(WaitingMessage item, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var key = (item.ClientId, item.ChannelId, item.PlatformId);
            if (!_items.TryGetValue(key, out var existing))
            {
                return Task.FromResult(false);
            }

            _items[key] = existing with { AlertedAt = at };
            return Task.FromResult(true);
        }
    }
}

/// <summary>
/// A connector over an in-memory list per account: the cursor is the number of items read, as the import connector's is.
/// An account named <c>missing</c> is refused, to exercise validation.
/// </summary>
internal sealed class ListConnector(string platform = ListConnector.DefaultPlatform) : IChannelConnector
{
    public const string DefaultPlatform = "list";

    private readonly ConcurrentDictionary<string, List<Interaction>> _accounts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentQueue<Exception?>> _faults = new(StringComparer.Ordinal);

    public string Platform => platform;

    /// <summary>The requests the connector was given, in order.</summary>
    public ConcurrentQueue<ConnectorRequest> Requests { get; } = new();

    /// <summary>When set, pages stop early to stay under a rate limit and say when to resume.</summary>
    public DateTimeOffset? ResumeAt { get; set; }

    /// <summary>Warnings every page carries, as the import connector's about an unknown channel name.</summary>
    public IReadOnlyList<string> Warnings { get; set; } = [];

    public void Add(string account, params Interaction[] items) => _accounts.GetOrAdd(account, _ => []).AddRange(items);

    /// <summary>The next fetches of <paramref name="account"/> throw these, one each (a null reads), before it reads again.</summary>
    public void Fail(string account, params Exception?[] faults)
    {
        var queue = _faults.GetOrAdd(account, _ => new ConcurrentQueue<Exception?>());
        foreach (var fault in faults)
        {
            queue.Enqueue(fault);
        }
    }

    public string? Validate(ChannelDefinition channel) => channel.Account == "missing" ? "no such account" : null;

    /// <summary>Runs as each fetch begins (a platform's answer taking time, say).</summary>
    public Action<ConnectorRequest>? OnFetch { get; set; }

    public async Task<ConnectorPage> FetchAsync(ConnectorRequest request, CancellationToken cancellationToken = default)
    {
        Requests.Enqueue(request);
        OnFetch?.Invoke(request);
        if (_faults.TryGetValue(request.Channel.Account, out var faults) && faults.TryDequeue(out var fault) && fault is not null)
        {
            throw fault;
        }

        // Reads the token as a real connector would, so a missing secret surfaces here.
        await request.Token.GetAsync(cancellationToken);
        var items = _accounts.GetValueOrDefault(request.Channel.Account) ?? [];
        var skip = request.Cursor is null ? 0 : int.Parse(request.Cursor, System.Globalization.CultureInfo.InvariantCulture);
        var page = items.Skip(skip).Take(request.Budget.MaxItems).ToList();
        var next = skip + page.Count;
        return new ConnectorPage(page, [], next.ToString(System.Globalization.CultureInfo.InvariantCulture), next < items.Count) { ResumeAt = ResumeAt, Warnings = Warnings };
    }
}

/// <summary>A fixed pseudonym key, as a deployment has one.</summary>
internal sealed class FixedPseudonymKey : IPseudonymKey
{
    public byte[] Key { get; } = [.. Enumerable.Range(1, 32).Select(i => (byte)i)];

    public ValueTask<byte[]> GetAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(Key);
}

/// <summary>Erased pseudonyms per client.</summary>
internal sealed class InMemoryErasureStore : IErasureStore
{
    private readonly ConcurrentDictionary<(string ClientId, string Pseudonym), DateTimeOffset> _rows = new();

    public Task AddAsync(string clientId, string pseudonym, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        _rows[(clientId, pseudonym)] = at;
        return Task.CompletedTask;
    }

    private int _lists;

    /// <summary>Runs before a list is taken, with the list's number (1 for the first).</summary>
    public Func<int, Task>? BeforeList { get; set; }

    public async Task<IReadOnlySet<string>> ListAsync(string clientId, CancellationToken cancellationToken = default)
    {
        if (BeforeList is { } before)
        {
            await before(Interlocked.Increment(ref _lists));
        }

        return _rows.Keys.Where(k => k.ClientId == clientId).Select(k => k.Pseudonym).ToHashSet(StringComparer.Ordinal);
    }
}
