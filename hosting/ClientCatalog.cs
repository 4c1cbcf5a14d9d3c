using System.Text.Json;
using Engagement.Core.Interchange;
using Engagement.Core.Registration;

namespace Engagement.LocalHost;

/// <summary>A client definition in a catalogue file: the PUT /api/clients/{id} body plus the id.</summary>
public sealed record CatalogClient(
    string Id,
    string? DisplayName,
    string? TimeZone,
    string? Schedule,
    bool? Enabled,
    IReadOnlyList<ChannelRequest>? Channels,
    string? ReportLanguage = null,
    int? ReplyWindowHours = null,
    int? ReplyNeededHours = null,
    string? BusinessHours = null,
    int? RetentionDays = null)
{
    public ClientRequest ToRequest() => new(DisplayName, TimeZone, Schedule, Enabled, Channels, ReportLanguage, ReplyWindowHours, ReplyNeededHours, BusinessHours)
    {
        RetentionDays = RetentionDays,
    };
}

/// <summary>Reads a JSON array of client definitions, such as <c>demo/clients.json</c>.</summary>
public static class ClientCatalog
{
    public static async Task<IReadOnlyList<CatalogClient>> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        await using var stream = File.OpenRead(path);
        try
        {
            return await JsonSerializer.DeserializeAsync<List<CatalogClient>>(stream, InterchangeJson.Options, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidDataException($"{path} holds no clients");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path} is not a JSON array of clients: {e.Message}", e);
        }
    }
}
