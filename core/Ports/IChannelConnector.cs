using Engagement.Core.Domain;

namespace Engagement.Core.Ports;

/// <summary>Reads a channel's interactions, a bounded page at a time, from where the last page ended.</summary>
public interface IChannelConnector
{
    /// <summary>The <see cref="ChannelDefinition.Platform"/> value this connector serves.</summary>
    string Platform { get; }

    /// <summary>Checks a channel definition before it is saved; returns the problem, or null when it is usable.</summary>
    string? Validate(ChannelDefinition channel);

    Task<ConnectorPage> FetchAsync(
        ChannelDefinition channel,
        string? cursor,
        int maxItems,
        CancellationToken cancellationToken = default);
}

/// <summary>
/// One page of a channel: the items, bad input skipped with its reason, and where to go on from. Warnings are about
/// items kept (an unknown channel name read as unknown): reported like bad input, but not errors.
/// </summary>
public sealed record ConnectorPage(
    IReadOnlyList<Interaction> Items,
    IReadOnlyList<string> Errors,
    string? NextCursor,
    bool HasMore)
{
    /// <summary>Items kept with a warning, each as <c>where: what (interaction id)</c>; neither errors nor a status.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}
