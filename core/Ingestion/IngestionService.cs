using Engagement.Core.Configuration;
using Engagement.Core.Domain;
using Engagement.Core.Ports;
using Engagement.Core.Reporting;
using Engagement.Core.Scoring;
using Engagement.Ml;
using Engagement.Ml.Vocabulary;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Engagement.Core.Ingestion;

/// <summary>What one job did.</summary>
public sealed record IngestOutcome(string Status, int Fetched, int Stored, int Errors, bool HasMore, double DurationMs)
{
    public static IngestOutcome Skipped { get; } = new(RunStatuses.Skipped, 0, 0, 0, false, 0);
}

/// <summary>
/// Handles one ingestion job: fetch a bounded page since the cursor, classify it, store it, recompute the days it
/// touched, and only then advance the cursor, so a crash at any step replays the page instead of losing it.
/// </summary>
public sealed partial class IngestionService(
    IClientStore clients,
    IInteractionStore interactions,
    DailyRecompute recompute,
    IRunStore runs,
    IIngestQueue queue,
    IEngagementEvents events,
    IEnumerable<IChannelConnector> connectors,
    EngagementClassifier classifier,
    IOptions<EngagementOptions> options,
    TimeProvider time,
    ILogger<IngestionService> logger)
{
    private readonly Dictionary<string, IChannelConnector> _connectors =
        connectors.ToDictionary(c => c.Platform, StringComparer.OrdinalIgnoreCase);

    public async Task<IngestOutcome> HandleAsync(IngestJob job, CancellationToken cancellationToken = default)
    {
        var startedAt = time.GetUtcNow();
        var started = time.GetTimestamp();
        var client = await clients.GetAsync(job.ClientId, cancellationToken).ConfigureAwait(false);
        var channel = client is null ? null : await clients.GetChannelAsync(job.ClientId, job.ChannelId, cancellationToken).ConfigureAwait(false);
        if (client is null || channel is null || !channel.Enabled)
        {
            LogSkipped(job.ClientId, job.ChannelId);
            return IngestOutcome.Skipped;
        }

        if (!_connectors.TryGetValue(channel.Platform, out var connector))
        {
            // Retrying cannot fix a channel nobody can read: record it and let the message go.
            var problem = $"no connector for platform '{channel.Platform}'";
            await RecordAsync(job, startedAt, started, RunStatuses.Failed, 0, 0, 0, problem, null, cancellationToken).ConfigureAwait(false);
            return new IngestOutcome(RunStatuses.Failed, 0, 0, 0, false, 0);
        }

        try
        {
            var page = await connector.FetchAsync(channel, channel.Cursor, options.Value.IngestPageSize, cancellationToken).ConfigureAwait(false);
            var inputs = page.Items.Select(i => ScoreRequest.Of(i).ToClassifierInput()).ToList();
            var verdicts = inputs.Count == 0 ? [] : classifier.ClassifyBatch(inputs);
            var classified = page.Items
                .Select((item, i) => new ClassifiedInteraction(item, verdicts[i].Label, verdicts[i].RelationalProbability, verdicts[i].Signals, classifier.ModelVersion))
                .ToList();

            var zone = TimeZoneInfo.FindSystemTimeZoneById(client.TimeZone);
            var rows = classified.Select(c => ToStored(job.ClientId, zone, c)).ToList();
            var stored = await interactions.UpsertAsync(job.ClientId, job.ChannelId, rows, startedAt, cancellationToken).ConfigureAwait(false);
            var days = await recompute.RecomputeAsync(client, job.ChannelId, page.Items.Select(i => (i.PlatformId, i.CreatedAt)).ToList(), cancellationToken).ConfigureAwait(false);

            var status = page.Errors.Count > 0 ? RunStatuses.CompletedWithErrors : RunStatuses.Succeeded;
            var errorText = page.Errors.Count > 0 ? string.Join('\n', page.Errors) : null;
            foreach (var error in page.Errors)
            {
                LogBadRecord(job.ClientId, job.ChannelId, error);
            }

            var duration = await RecordAsync(job, startedAt, started, status, page.Items.Count + page.Errors.Count, stored, page.Errors.Count, errorText, page.NextCursor, cancellationToken).ConfigureAwait(false);
            if (page.HasMore)
            {
                await queue.EnqueueAsync(job with { Page = job.Page + 1, Reason = IngestReasons.Continuation }, cancellationToken).ConfigureAwait(false);
            }

            if (stored > 0)
            {
                await events.PublishAsync(new ChannelIngested(job.ClientId, job.ChannelId, job.RunId, job.Page, stored, page.Errors.Count, days, classifier.ModelVersion, time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
            }

            LogIngested(job.ClientId, job.ChannelId, job.Page, stored, page.Errors.Count, page.HasMore);
            return new IngestOutcome(status, page.Items.Count + page.Errors.Count, stored, page.Errors.Count, page.HasMore, duration);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFailed(e, job.ClientId, job.ChannelId, job.Page);
            await RecordAsync(job, startedAt, started, RunStatuses.Failed, 0, 0, 0, e.Message, null, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// What is stored of a classified interaction: the brand's handle as written, a customer's only as a pseudonym,
    /// and whether it asks or complains (what the inbox and the reply-needed alerts look for).
    /// </summary>
    internal static StoredItem ToStored(string clientId, TimeZoneInfo zone, ClassifiedInteraction item) => new(
        item,
        item.Interaction.AuthorIsBrand ? item.Interaction.Author : Pseudonyms.Of(clientId, item.Interaction.Author),
        Questions.IsQuestion(item.Interaction.Text),
        !item.Interaction.AuthorIsBrand && Complaints.IsComplaint(item.Interaction.Text),
        DailyAggregator.LocalDate(item.Interaction.CreatedAt, zone));

    private async Task<double> RecordAsync(
        IngestJob job,
        DateTimeOffset startedAt,
        long started,
        string status,
        int fetched,
        int stored,
        int errors,
        string? error,
        string? cursor,
        CancellationToken cancellationToken)
    {
        var duration = time.GetElapsedTime(started).TotalMilliseconds;
        await clients.RecordRunAsync(job.ClientId, job.ChannelId, cursor, status, error is null ? null : Truncate(error), time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        await runs.AddAsync(new RunRecord
        {
            ClientId = job.ClientId,
            RunId = job.RunId,
            ChannelId = job.ChannelId,
            Page = job.Page,
            Status = status,
            Fetched = fetched,
            Stored = stored,
            Errors = errors,
            Error = error,
            StartedAt = startedAt,
            DurationMs = Math.Round(duration, 1),
            ModelVersion = classifier.ModelVersion,
        }, cancellationToken).ConfigureAwait(false);
        return duration;
    }

    private static string Truncate(string error) => error.Length <= 1_000 ? error : error[..1_000] + "…";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job for {ClientId}/{ChannelId} skipped: client or channel unknown or disabled")]
    private partial void LogSkipped(string clientId, string channelId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Bad record in {ClientId}/{ChannelId}: {Problem}")]
    private partial void LogBadRecord(string clientId, string channelId, string problem);

    [LoggerMessage(Level = LogLevel.Information, Message = "Ingested {ClientId}/{ChannelId} page {Page}: {Stored} stored, {Errors} bad, more: {HasMore}")]
    private partial void LogIngested(string clientId, string channelId, int page, int stored, int errors, bool hasMore);

    [LoggerMessage(Level = LogLevel.Error, Message = "Ingestion of {ClientId}/{ChannelId} page {Page} failed")]
    private partial void LogFailed(Exception exception, string clientId, string channelId, int page);
}
