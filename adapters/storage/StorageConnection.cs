using Microsoft.Extensions.Configuration;

namespace Engagement.Storage;

/// <summary>
/// Where storage lives, read the way the Functions host reads <c>AzureWebJobsStorage</c>: a connection string,
/// or service URIs (<c>AzureWebJobsStorage__tableServiceUri</c>, <c>__queueServiceUri</c>) used with an Entra
/// identity, optionally a user-assigned one (<c>__clientId</c>).
/// </summary>
public sealed record StorageConnection(string? ConnectionString, Uri? TableServiceUri, Uri? QueueServiceUri, string? ClientId)
{
    public const string SettingName = "AzureWebJobsStorage";

    public const string DevelopmentStorage = "UseDevelopmentStorage=true";

    public bool UsesIdentity => ConnectionString is null;

    public bool IsDevelopmentStorage =>
        string.Equals(ConnectionString?.Trim().TrimEnd(';'), DevelopmentStorage, StringComparison.OrdinalIgnoreCase);

    public static StorageConnection From(IConfiguration configuration)
    {
        var section = configuration.GetSection(SettingName);
        if (!string.IsNullOrWhiteSpace(section.Value))
        {
            return new StorageConnection(section.Value, null, null, null);
        }

        var table = section["tableServiceUri"];
        var queue = section["queueServiceUri"];
        if (table is null && queue is null)
        {
            return new StorageConnection(DevelopmentStorage, null, null, null);
        }

        if (!Uri.TryCreate(table, UriKind.Absolute, out var tableUri) || !Uri.TryCreate(queue, UriKind.Absolute, out var queueUri))
        {
            throw new InvalidOperationException(
                $"{SettingName}__tableServiceUri and {SettingName}__queueServiceUri must both be absolute URIs when no connection string is set.");
        }

        return new StorageConnection(null, tableUri, queueUri, section["clientId"]);
    }
}
