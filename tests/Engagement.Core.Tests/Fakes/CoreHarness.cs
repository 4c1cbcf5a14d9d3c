using Engagement.Core.Alerts;
using Engagement.Core.Configuration;
using Engagement.Core.Corrections;
using Engagement.Core.Domain;
using Engagement.Core.Ingestion;
using Engagement.Core.Ports;
using Engagement.Core.Privacy;
using Engagement.Core.Registration;
using Engagement.Core.Reporting;
using Engagement.Core.Scheduling;
using Engagement.Ml;
using Engagement.Ml.Vocabulary;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Engagement.Core.Tests.Fakes;

/// <summary>The core's use cases wired to in-memory ports and a fake clock: no Azurite, no host.</summary>
internal sealed class CoreHarness
{
    /// <summary>The shipped model, loaded once for every test in the assembly.</summary>
    public static readonly Lazy<EngagementClassifier> Classifier = new(() => EngagementClassifier.Load());

    /// <param name="readOnSeconds">
    /// How long a job reads on to its run's next pages itself. Off by default here: the fake clock does not move by
    /// itself, so a job would read on to the run's end, and most tests drive a run page by page through the queue.
    /// </param>
    public CoreHarness(DateTimeOffset? now = null, int pageSize = 500, bool readAhead = false, int readOnSeconds = 0)
    {
        Time = new FakeTimeProvider(now ?? new DateTimeOffset(2026, 11, 27, 8, 0, 0, TimeSpan.Zero));
        var options = Options.Create(new EngagementOptions { IngestPageSize = pageSize, IngestReadAhead = readAhead, IngestReadOnSeconds = readOnSeconds });
        Registration = new ClientRegistration(Clients, [Connector], options, Time);
        Retention = new RetentionService(Interactions, Time);
        Schedule = new ScheduleService(Clients, Queue, Retention, Time, NullLogger<ScheduleService>.Instance);
        Recompute = new DailyRecompute(Interactions, Daily, Inbox, PendingDays, Time);
        Ingestion = new IngestionService(Clients, Interactions, Recompute, Runs, Corrections, Queue, Events, Outbox, [Connector], Secrets, PseudonymKey, Erasures, Classifier.Value, options, Time, NullLogger<IngestionService>.Instance);
        Preview = new ChannelPreview(Clients, [Connector], Ingestion);
        Owed = new OwedWork(Clients, Outbox, Events, Queue, Runs, options, Time, NullLogger<OwedWork>.Instance);
        Reports = new ReportService(Clients, Daily, Interactions, Time);
        Alerts = new ReplyAlerts(Inbox, Clients, Interactions, Events, Time, NullLogger<ReplyAlerts>.Instance);
        LabelCorrections = new LabelCorrectionService(Clients, Interactions, Corrections, Recompute, Time);
        Erasure = new ErasureService(Clients, Interactions, Recompute, Erasures, PseudonymKey, Time);
    }

    public FakeTimeProvider Time { get; }

    public InMemoryClientStore Clients { get; } = new();

    public InMemoryInteractionStore Interactions { get; } = new();

    public InMemoryDailyEngagementStore Daily { get; } = new();

    public InMemoryRunStore Runs { get; } = new();

    public InMemoryInboxStore Inbox { get; } = new();

    public InMemoryPendingDaysStore PendingDays { get; } = new();

    public InMemoryLabelCorrectionStore Corrections { get; } = new();

    public InMemoryIngestQueue Queue { get; } = new();

    public RecordingEvents Events { get; } = new();

    public InMemoryEventOutbox Outbox { get; } = new();

    public ListConnector Connector { get; } = new();

    public InMemorySecretStore Secrets { get; } = new();

    public FixedPseudonymKey PseudonymKey { get; } = new();

    public InMemoryErasureStore Erasures { get; } = new();

    public ErasureService Erasure { get; }

    public RetentionService Retention { get; }

    public ChannelPreview Preview { get; }

    public ClientRegistration Registration { get; }

    public ScheduleService Schedule { get; }

    public IngestionService Ingestion { get; }

    public OwedWork Owed { get; }

    public ReportService Reports { get; }

    public DailyRecompute Recompute { get; }

    public ReplyAlerts Alerts { get; }

    public LabelCorrectionService LabelCorrections { get; }

    /// <summary>Registers a client with the given channels (id → account on the list connector); fails the test if refused.</summary>
    public async Task<RegisteredClient> RegisterAsync(string clientId, params (string Id, string Account)[] channels)
    {
        var result = await Registration.RegisterAsync(clientId, Request(clientId, channels));
        Assert.True(result.IsValid, string.Join("; ", result.Errors.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}")));
        return result.Client!;
    }

    public static ClientRequest Request(string name, params (string Id, string Account)[] channels) =>
        new(name, "Europe/Rome", null, null, channels.Select(c => new ChannelRequest(c.Id, ListConnector.DefaultPlatform, c.Account, null, null)).ToList());

    /// <summary>Handles queued jobs, continuations included, until the queue is empty; returns how many ran.</summary>
    public async Task<int> DrainAsync()
    {
        var handled = 0;
        while (Queue.TryDequeue(out var job))
        {
            await Ingestion.HandleAsync(job);
            handled++;
        }

        return handled;
    }

    /// <summary>
    /// A brand post (an offer, <c>p1</c>), a customer's question under it (<c>c1</c>, 10:00) and the brand's answer
    /// (<c>r1</c>, 30 minutes later), all on 2 November 2026.
    /// </summary>
    public static Interaction[] Conversation() =>
    [
        Item("p1", "2026-11-02T09:00:00Z", brand: true, text: "Black Friday: -40% su tutti i divani! Acquista ora, link in bio"),
        Item("c1", "2026-11-02T10:00:00Z", InteractionKind.Comment, parent: "p1", text: "Fate consegne a Bergamo?"),
        Item("r1", "2026-11-02T10:30:00Z", InteractionKind.Reply, brand: true, parent: "c1", text: "Ciao Anna! Sì, consegniamo a Bergamo in 5 giorni 😊"),
    ];

    /// <summary>An interaction as a connector delivers it.</summary>
    public static Interaction Item(string id, string createdAt, InteractionKind kind = InteractionKind.Post, bool? brand = false, string? parent = null, string text = "Che bella foto!") => new()
    {
        PlatformId = id,
        Text = text,
        Kind = kind,
        Platform = Channel.Instagram,
        Author = brand == true ? "@acme" : "@customer-" + id,
        AuthorIsBrand = brand,
        CreatedAt = DateTimeOffset.Parse(createdAt, System.Globalization.CultureInfo.InvariantCulture),
        ParentId = parent,
    };
}
