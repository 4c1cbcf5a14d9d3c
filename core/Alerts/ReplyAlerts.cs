using System.Security.Cryptography;
using System.Text;
using Engagement.Core.Domain;
using Engagement.Core.Ports;
using Engagement.Core.Reporting;
using Engagement.Ml.Vocabulary;
using Microsoft.Extensions.Logging;

namespace Engagement.Core.Alerts;

/// <summary>Where a waiting message stands: before its reply-needed time, past it, or past the reply window.</summary>
public static class InboxStatuses
{
    public const string Waiting = "waiting";
    public const string Overdue = "overdue";
    public const string Expired = "expired";
}

/// <summary>One row of a client's inbox, with its words and where it lives.</summary>
public sealed record InboxEntry(WaitingMessage Message, string Status, string? Excerpt, string? Url, string? Platform);

/// <summary>A client's inbox as of a moment: overdue first, then waiting, then expired.</summary>
public sealed record InboxView(string ClientId, string DisplayName, DateTimeOffset AsOf, int ReplyNeededHours, IReadOnlyList<InboxEntry> Entries);

/// <summary>
/// The reply-needed use case: lists the customers still waiting for the brand, and raises one <c>reply.needed</c>
/// event per question or complaint that waits past the client's threshold. Detection reads the inbox, which every
/// recompute keeps current, so a tick costs one small query however much history the clients have.
/// </summary>
public sealed partial class ReplyAlerts(
    IInboxStore inbox,
    IClientStore clients,
    IInteractionStore interactions,
    IEngagementEvents events,
    TimeProvider time,
    ILogger<ReplyAlerts> logger)
{
    /// <summary>Longest excerpt of a message shown in the inbox.</summary>
    public const int ExcerptLength = 200;

    /// <summary>
    /// Raises the alerts that are due: publishes each, then records it, so an item is alerted once. Should the record
    /// fail after the publish, the next tick publishes again with the same message id, which a topic with duplicate
    /// detection drops. Returns how many alerts went out.
    /// </summary>
    public async Task<int> RaiseDueAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var raised = 0;

        // As in reports and the inbox, only the enabled channels of an enabled client count (ReportScope): a message on
        // a removed or disabled channel waits unalerted, and is alerted if its channel counts again while still due.
        var counted = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);
        foreach (var item in (await inbox.ListDueAsync(now, cancellationToken).ConfigureAwait(false)).OrderBy(i => i.DueAt))
        {
            if (!counted.TryGetValue(item.ClientId, out var channels))
            {
                var client = await clients.GetAsync(item.ClientId, cancellationToken).ConfigureAwait(false);
                channels = client is null
                    ? new HashSet<string>(StringComparer.Ordinal)
                    : ReportScope.CountedChannels(client, await clients.ListChannelsAsync(item.ClientId, cancellationToken).ConfigureAwait(false));
                counted[item.ClientId] = channels;
            }

            if (!channels.Contains(item.ChannelId))
            {
                continue;
            }

            await events.PublishAsync(ToEvent(item, now), cancellationToken).ConfigureAwait(false);
            if (await inbox.MarkAlertedAsync(item, now, cancellationToken).ConfigureAwait(false))
            {
                raised++;
                LogRaised(item.ClientId, item.ChannelId, item.ReceivedAt, item.DueAt);
            }
        }

        return raised;
    }

    /// <summary>The client's inbox now, or null when there is no such client.</summary>
    public async Task<InboxView?> GetInboxAsync(string clientId, CancellationToken cancellationToken = default)
    {
        var client = await clients.GetAsync(clientId, cancellationToken).ConfigureAwait(false);
        if (client is null)
        {
            return null;
        }

        var now = time.GetUtcNow();

        // As in reports, only the enabled channels of an enabled client count (ReportScope).
        var counted = ReportScope.CountedChannels(client, await clients.ListChannelsAsync(clientId, cancellationToken).ConfigureAwait(false));
        var items = (await inbox.ListAsync(clientId, cancellationToken).ConfigureAwait(false))
            .Where(i => i.ReceivedAt >= now - DailyRecompute.InboxDays && counted.Contains(i.ChannelId))
            .ToList();
        var entries = new List<InboxEntry>(items.Count);
        foreach (var channel in items.GroupBy(i => i.ChannelId, StringComparer.Ordinal))
        {
            var details = await interactions.GetDetailsAsync(clientId, channel.Key, channel.Select(i => (i.PlatformId, i.ReceivedAt)).ToList(), cancellationToken).ConfigureAwait(false);
            foreach (var item in channel)
            {
                var detail = details.GetValueOrDefault(item.PlatformId);
                entries.Add(new InboxEntry(item, StatusOf(item, now), Excerpt(detail?.Text), item.Url ?? detail?.Url, detail?.Platform));
            }
        }

        var ordered = entries
            .OrderBy(e => e.Status switch { InboxStatuses.Overdue => 0, InboxStatuses.Waiting => 1, _ => 2 })
            .ThenBy(e => e.Status == InboxStatuses.Expired ? -e.Message.ReceivedAt.UtcTicks : e.Message.DueAt.UtcTicks)
            .ToList();
        return new InboxView(client.Id, client.DisplayName, now, client.ReplyNeededHours, ordered);
    }

    /// <summary>The event's id: one per message and client, whatever the replays, and short enough for a Service Bus message id.</summary>
    public static string AlertId(string clientId, string channelId, string platformId) =>
        "reply.needed:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{clientId}\n{channelId}\n{platformId}")))[..40];

    internal static string StatusOf(WaitingMessage item, DateTimeOffset now) =>
        now < item.DueAt ? InboxStatuses.Waiting : now < item.ExpiresAt ? InboxStatuses.Overdue : InboxStatuses.Expired;

    internal static string? Excerpt(string? text) =>
        text is null ? null : text.Length <= ExcerptLength ? text : text[..ExcerptLength] + "…";

    private static ReplyNeeded ToEvent(WaitingMessage item, DateTimeOffset now) => new(
        AlertId(item.ClientId, item.ChannelId, item.PlatformId),
        item.ClientId,
        item.ChannelId,
        item.PlatformId,
        item.Kind.Name(),
        item.ReceivedAt,
        item.DueAt,
        item.ExpiresAt,
        item.IsQuestion,
        item.IsComplaint,
        item.Url,
        now);

    [LoggerMessage(Level = LogLevel.Information, Message = "reply.needed raised for {ClientId}/{ChannelId}: received {ReceivedAt}, due {DueAt}")]
    private partial void LogRaised(string clientId, string channelId, DateTimeOffset receivedAt, DateTimeOffset dueAt);
}
