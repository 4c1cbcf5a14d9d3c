using Engagement.Core.Domain;

namespace Engagement.Core.Reporting;

/// <summary>
/// What reports count: the enabled channels of an enabled client, and nothing else. A channel removed from the
/// client's definition, or disabled, and every channel of a disabled client, stops counting at once; its rows are kept
/// (re-enabling or re-adding it counts them again), and retention and erasure are what delete data.
/// </summary>
public static class ReportScope
{
    /// <summary>The ids of the channels whose rows count for <paramref name="client"/>.</summary>
    public static IReadOnlySet<string> CountedChannels(ClientDefinition client, IEnumerable<ChannelDefinition> channels) =>
        client.Enabled
            ? channels.Where(c => c.Enabled && c.ClientId == client.Id).Select(c => c.Id).ToHashSet(StringComparer.Ordinal)
            : new HashSet<string>(StringComparer.Ordinal);
}
