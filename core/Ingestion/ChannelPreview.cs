using Engagement.Core.Domain;
using Engagement.Core.Ports;

namespace Engagement.Core.Ingestion;

/// <summary>
/// What one job of a channel would store, read without writing anything: the page with each item's verdict, or the
/// fault the connector reported.
/// </summary>
public sealed record ChannelPreviewResult(
    ChannelDefinition Channel,
    ConnectorPage? Page,
    IReadOnlyList<ClassifiedInteraction> Classified,
    ConnectorFaultException? Fault);

/// <summary>
/// Reads one page of a channel as a job would (same cursor, budget, settings and token) and classifies it, but stores
/// nothing, moves no cursor and writes no run: a way to see that a channel works before it is scheduled.
/// </summary>
public sealed class ChannelPreview(IClientStore clients, IEnumerable<IChannelConnector> connectors, IngestionService ingestion)
{
    private readonly Dictionary<string, IChannelConnector> _connectors =
        connectors.ToDictionary(c => c.Platform, StringComparer.OrdinalIgnoreCase);

    /// <summary>The preview, or null when the client has no such channel.</summary>
    public async Task<ChannelPreviewResult?> PreviewAsync(string clientId, string channelId, CancellationToken cancellationToken = default)
    {
        var channel = await clients.GetChannelAsync(clientId, channelId, cancellationToken).ConfigureAwait(false);
        if (channel is null)
        {
            return null;
        }

        if (!_connectors.TryGetValue(channel.Platform, out var connector))
        {
            return new ChannelPreviewResult(channel, null, [], ConnectorFaultException.Permanent($"no connector for platform '{channel.Platform}'"));
        }

        try
        {
            var page = await connector.FetchAsync(ingestion.RequestFor(channel), cancellationToken).ConfigureAwait(false);
            return new ChannelPreviewResult(channel, page, ingestion.Classify(page.Items), null);
        }
        catch (ConnectorFaultException fault)
        {
            return new ChannelPreviewResult(channel, null, [], fault);
        }
    }
}
