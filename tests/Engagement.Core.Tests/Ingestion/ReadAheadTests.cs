using Engagement.Core.Domain;
using Engagement.Core.Ports;
using Engagement.Core.Tests.Fakes;
using Engagement.Ml.Vocabulary;

namespace Engagement.Core.Tests.Ingestion;

/// <summary>A job reads and classifies its run's next page while it writes its own; the next job takes it only when it asks for the same.</summary>
public sealed class ReadAheadTests
{
    private readonly CoreHarness _core = new(pageSize: 2, readAhead: true);
    private readonly IngestJob _job = new() { ClientId = "acme", ChannelId = "instagram", RunId = "r1" };

    public ReadAheadTests() =>
        _core.Connector.Add("acme/ig", [.. Enumerable.Range(1, 5).Select(i => CoreHarness.Item($"p{i}", $"2026-11-0{i}T09:00:00Z", brand: true, text: $"Nuova collezione {i}, link in bio"))]);

    [Fact]
    public async Task TheNextPageIsReadDuringThisJobAndItsOwnJobReadsNothingAgain()
    {
        await _core.RegisterAsync("acme", ("instagram", "acme/ig"));

        await _core.Ingestion.HandleAsync(_job);
        await ReadsAsync(2); // the second page, asked for by the first job
        await _core.Ingestion.HandleAsync(Next(2));
        var last = await _core.Ingestion.HandleAsync(Next(3));

        Assert.Equal([null, "2", "4"], _core.Connector.Requests.Select(r => r.Cursor));
        Assert.False(last.HasMore);
        Assert.Equal(5, await _core.Interactions.CountAsync("acme"));
        Assert.Equal("5", (await _core.Clients.GetChannelAsync("acme", "instagram"))!.Cursor);
    }

    [Fact]
    public async Task APageReadAheadIsNotTakenWhenTheCursorMovedMeanwhile()
    {
        await _core.RegisterAsync("acme", ("instagram", "acme/ig"));
        await _core.Ingestion.HandleAsync(_job);
        await ReadsAsync(2);

        // The channel was reset between the two jobs: the page read at the old cursor is not the one the job asks for.
        await _core.Clients.RecordRunAsync("acme", "instagram", "0", RunStatuses.Succeeded, null, _core.Time.GetUtcNow());
        var outcome = await _core.Ingestion.HandleAsync(Next(2));

        Assert.Equal([null, "2", "0"], _core.Connector.Requests.Take(3).Select(r => r.Cursor));
        Assert.Equal(2, outcome.Stored);
        Assert.Equal("2", (await _core.Clients.GetChannelAsync("acme", "instagram"))!.Cursor);
    }

    [Fact]
    public async Task AThrottleMetWhileReadingAheadIsHandledByTheJobThatTakesThePage()
    {
        var until = _core.Time.GetUtcNow().AddMinutes(5);
        _core.Connector.Fail("acme/ig", null, ConnectorFaultException.Throttled(until, "the platform asked to wait"));
        await _core.RegisterAsync("acme", ("instagram", "acme/ig"));
        await _core.Ingestion.HandleAsync(_job);
        await ReadsAsync(2);

        var outcome = await _core.Ingestion.HandleAsync(Next(2));

        Assert.Equal((RunStatuses.Throttled, until), (outcome.Status, outcome.ResumeAt));
        Assert.Equal(2, _core.Connector.Requests.Count); // the job took the read's fault instead of reading again
        Assert.Equal(2, await _core.Interactions.CountAsync("acme"));
    }

    [Fact]
    public async Task APersonErasedAfterTheNextPageWasReadIsLeftOutWhenItIsWritten()
    {
        _core.Connector.Add("acme/comments",
            CoreHarness.Item("p1", "2026-11-01T09:00:00Z", brand: true),
            CoreHarness.Item("c1", "2026-11-01T10:00:00Z", InteractionKind.Comment, parent: "p1"),
            CoreHarness.Item("c2", "2026-11-01T11:00:00Z", InteractionKind.Comment, parent: "p1"),
            CoreHarness.Item("c3", "2026-11-01T12:00:00Z", InteractionKind.Comment, parent: "p1"));
        await _core.RegisterAsync("acme", ("instagram", "acme/comments"));
        await _core.Ingestion.HandleAsync(_job);
        await ReadsAsync(2); // the page holding c2 and c3, read and classified before the erasure

        await _core.Erasure.EraseAsync("acme", "@customer-c3");
        await _core.Ingestion.HandleAsync(Next(2));

        Assert.Equal(2, _core.Connector.Requests.Count); // the page read ahead was the one written
        Assert.Equal(["c1", "c2", "p1"], _core.Interactions.All.Select(r => r.Classified.Interaction.PlatformId).Order(StringComparer.Ordinal));
    }

    private IngestJob Next(int page) => _job with { Page = page, Reason = IngestReasons.Continuation };

    /// <summary>Waits until the connector has been asked for <paramref name="count"/> pages (a read ahead runs on its own).</summary>
    private async Task ReadsAsync(int count)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (_core.Connector.Requests.Count < count)
        {
            await Task.Delay(10, timeout.Token);
        }
    }
}
