using Engagement.Core.Domain;
using Engagement.Core.Ports;
using Engagement.Core.Reporting;

namespace Engagement.Core.Privacy;

/// <summary>How an erasure ended: the rows removed and the days recomputed, or why nothing was done.</summary>
public sealed record ErasureResult(bool ClientFound, int Removed, IReadOnlyList<DateOnly> DaysRecomputed, string? Problem = null)
{
    public static ErasureResult Invalid(string problem) => new(true, 0, [], problem);
}

/// <summary>
/// Erases one person from one client: every row they wrote, found by pseudonym (keyed, and the unkeyed format of
/// before), is deleted, the days those rows touched are recomputed through the one recompute path, and the person is
/// recorded as erased so no later ingestion stores them again. Their mentions in others' texts are already pseudonyms
/// and stay. Erasing again removes nothing more.
/// </summary>
public sealed class ErasureService(
    IClientStore clients,
    IInteractionStore interactions,
    DailyRecompute recompute,
    IErasureStore erasures,
    IPseudonymKey pseudonymKey,
    TimeProvider time)
{
    public async Task<ErasureResult> EraseAsync(string clientId, string? handle, CancellationToken cancellationToken = default)
    {
        if (!Ids.IsValid(clientId))
        {
            return ErasureResult.Invalid("A client id is " + Ids.Rule);
        }

        if (Pseudonyms.Normalize(handle).Length == 0)
        {
            return ErasureResult.Invalid("Give the person's handle, as the platform shows it (@name).");
        }

        var client = await clients.GetAsync(clientId, cancellationToken).ConfigureAwait(false);
        if (client is null)
        {
            return new ErasureResult(false, 0, []);
        }

        var key = await pseudonymKey.GetAsync(cancellationToken).ConfigureAwait(false);
        var pseudonym = Pseudonyms.Of(key, clientId, handle)!;

        // Recorded first: a job writing a page meanwhile reads the list before it writes, so it skips the person; or it
        // wrote before, and its rows are found below; or its rows land after the sweep below, and it removes them itself
        // when it reads the list again after its write.
        await erasures.AddAsync(clientId, pseudonym, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        var rows = await interactions.ListByAuthorAsync(clientId, [pseudonym, .. Pseudonyms.Legacy(clientId, handle!)], cancellationToken).ConfigureAwait(false);

        // The rows related to the erased ones are found before the delete, while the links still exist: once a
        // comment is gone, a reply to it on another day starts a conversation of its own, and that day changes too.
        var related = new Dictionary<string, List<(string PlatformId, DateTimeOffset CreatedAt)>>(StringComparer.Ordinal);
        foreach (var channel in rows.GroupBy(r => r.ChannelId, StringComparer.Ordinal))
        {
            related[channel.Key] = await RelatedRowsAsync(client, channel.Key, channel.Select(r => r.Interaction).ToList(), cancellationToken).ConfigureAwait(false);
        }

        await interactions.DeleteAsync(clientId, rows, cancellationToken).ConfigureAwait(false);

        var days = new SortedSet<DateOnly>();
        foreach (var channel in rows.GroupBy(r => r.ChannelId, StringComparer.Ordinal))
        {
            var changed = channel.Select(r => (r.Interaction.PlatformId, r.Interaction.CreatedAt)).Concat(related[channel.Key]).ToList();
            days.UnionWith(await recompute.RecomputeAsync(client, channel.Key, changed, cancellationToken).ConfigureAwait(false));
        }

        return new ErasureResult(true, rows.Count, days.ToList());
    }

    /// <summary>The rows of the channel that share a conversation with the erased ones (parents, answers, DM bursts), the erased excluded.</summary>
    private async Task<List<(string PlatformId, DateTimeOffset CreatedAt)>> RelatedRowsAsync(
        ClientDefinition client,
        string channelId,
        IReadOnlyList<Interaction> erased,
        CancellationToken cancellationToken)
    {
        var from = erased.Min(e => e.CreatedAt) - ResponseRules.Horizon - ResponseRules.Horizon;
        var to = erased.Max(e => e.CreatedAt) + ResponseRules.Horizon + ResponseRules.Horizon;
        var conversations = new Conversations(await interactions.QueryAsync(client.Id, channelId, from, to, cancellationToken).ConfigureAwait(false), ResponseRules.For(client));
        var erasedIds = erased.Select(e => e.PlatformId).ToHashSet(StringComparer.Ordinal);
        return erased
            .Select(e => conversations.Find(e.PlatformId))
            .OfType<StoredInteraction>()
            .SelectMany(conversations.RelatedTo)
            .Where(r => !erasedIds.Contains(r.PlatformId))
            .DistinctBy(r => r.PlatformId, StringComparer.Ordinal)
            .Select(r => (r.PlatformId, r.CreatedAt))
            .ToList();
    }
}
