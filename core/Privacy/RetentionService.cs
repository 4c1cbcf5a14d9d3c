using Engagement.Core.Domain;
using Engagement.Core.Ports;

namespace Engagement.Core.Privacy;

/// <summary>
/// Retention per client: after <see cref="ClientDefinition.RetentionDays"/> days, people's texts are dropped (text
/// and author pseudonym cleared, the row flagged <c>TextDropped</c>), while the row's label, kind and times stay, so
/// the daily figures, which count those, are kept. The brand's own posts are the client's content and stay. No
/// setting (the default) keeps texts until erased. It runs when the schedule tick starts a client's run: once per
/// run, where the client's rows are about to be touched anyway.
/// </summary>
public sealed class RetentionService(IInteractionStore interactions, TimeProvider time)
{
    public const int MinDays = 1;

    public const int MaxDays = 3_650;

    /// <summary>Drops the texts the client's retention has run out on; returns how many rows it dropped.</summary>
    public async Task<int> ApplyAsync(ClientDefinition client, CancellationToken cancellationToken = default) =>
        client.RetentionDays is { } days
            ? await interactions.DropTextsAsync(client.Id, time.GetUtcNow().AddDays(-days), cancellationToken).ConfigureAwait(false)
            : 0;
}
