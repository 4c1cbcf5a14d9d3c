using Engagement.Core.Domain;
using Engagement.Core.Ports;

namespace Engagement.Core.Ingestion;

/// <summary>What a reset did: the channel as it is now, or why it was refused.</summary>
public sealed record ChannelResetResult(ChannelDefinition? Channel, string? Problem);

/// <summary>
/// Makes the next job read a channel again from its start (a corrected import file, a connector fixed): the cursor
/// is cleared, so the connector begins as for a new channel. Replays are free: rows are keyed by their platform id, so
/// re-reading rewrites them and counts nothing twice. With a date, a platform's first sweep reaches back to that date.
/// </summary>
public sealed class ChannelReset(IClientStore clients, TimeProvider time)
{
    public async Task<ChannelResetResult> ResetAsync(string clientId, string channelId, DateOnly? from = null, CancellationToken cancellationToken = default)
    {
        var channel = await clients.GetChannelAsync(clientId, channelId, cancellationToken).ConfigureAwait(false);
        if (channel is null)
        {
            return new(null, $"client '{clientId}' has no channel '{channelId}'");
        }

        var backfill = channel.BackfillDays;
        if (from is { } date)
        {
            var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
            var days = today.DayNumber - date.DayNumber + 1;
            if (days is < 1 or > ChannelSettings.MaxBackfillDays)
            {
                return new(null, $"--from must be a day from today back to {ChannelSettings.MaxBackfillDays} days ago");
            }

            backfill = days;
        }

        var reset = channel with { Cursor = null, BackfillDays = backfill, Continuation = null };
        await clients.UpsertChannelAsync(reset, cancellationToken).ConfigureAwait(false);
        return new(reset, null);
    }
}
