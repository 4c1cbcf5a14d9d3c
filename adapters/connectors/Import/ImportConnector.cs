using System.Globalization;
using Engagement.Core.Domain;
using Engagement.Core.Ports;
using Microsoft.Extensions.Options;

namespace Engagement.Connectors;

/// <summary>
/// Reads export files in the interchange format from below the import root. The cursor is the number of records
/// already read, so a file that grows is picked up where it was left, and a re-run reads nothing twice.
/// </summary>
internal sealed class ImportConnector(IOptions<ConnectorOptions> options) : IChannelConnector
{
    public const string PlatformName = "import";

    public string Platform => PlatformName;

    public string? Validate(ChannelDefinition channel)
    {
        if (!TryResolve(channel, out var path, out var problem))
        {
            return problem;
        }

        return File.Exists(path) ? null : $"import file '{channel.Account}' does not exist under the import root";
    }

    public async Task<ConnectorPage> FetchAsync(ConnectorRequest request, CancellationToken cancellationToken = default)
    {
        var channel = request.Channel;
        var cursor = request.Cursor;
        var maxItems = request.Budget.MaxItems;
        ArgumentOutOfRangeException.ThrowIfLessThan(maxItems, 1);
        if (!TryResolve(channel, out var path, out var problem))
        {
            throw ConnectorFaultException.Permanent(problem!);
        }

        // A file that is not there will not appear by retrying in 30 seconds: say so once, with the path as the user
        // gave it (never the server's absolute path).
        if (!File.Exists(path))
        {
            throw ConnectorFaultException.Permanent($"import file '{channel.Account}' does not exist under the import root");
        }

        var skip = cursor is null ? 0 : int.Parse(cursor, CultureInfo.InvariantCulture);
        var items = new List<Interaction>();
        var errors = new List<string>();
        var warnings = new List<string>();
        var consumed = skip;
        var hasMore = false;
        await using var stream = File.OpenRead(path);
        await foreach (var record in InterchangeReader.ReadAsync(stream, InterchangeReader.IsCsv(path), skip, requireCreatedAt: true, cancellationToken).ConfigureAwait(false))
        {
            // Bound the page by records read, good or bad, so a file of bad lines still finishes in bounded steps.
            if (consumed - skip == maxItems)
            {
                hasMore = true;
                break;
            }

            consumed++;
            if (record.Error is not null)
            {
                errors.Add($"{channel.Account}:{record.Line}: {record.Error}");
            }
            else if (record.Interaction is not null)
            {
                items.Add(record.Interaction);
                var id = InteractionIds.Of(channel.Id, record.Interaction.PlatformId);
                warnings.AddRange(record.Warnings?.Select(w => $"{channel.Account}:{record.Line}: {w} (interaction {id})") ?? []);
            }
        }

        if (consumed == skip && skip > 0)
        {
            // Nothing new: if the file now holds fewer records than were read, it was replaced by a new export.
            await using var again = File.OpenRead(path);
            if (await InterchangeReader.CountAsync(again, InterchangeReader.IsCsv(path), cancellationToken).ConfigureAwait(false) < skip)
            {
                errors.Add($"{channel.Account}: the file holds fewer records than the {skip} already read, so it was replaced; reading it again from the start");
                return new ConnectorPage([], errors, "0", HasMore: true);
            }
        }

        return new ConnectorPage(items, errors, consumed.ToString(CultureInfo.InvariantCulture), hasMore) { Warnings = warnings };
    }

    private bool TryResolve(ChannelDefinition channel, out string path, out string? problem)
    {
        var account = channel.Account;
        path = "";
        problem = null;
        if (string.IsNullOrWhiteSpace(account) || Path.IsPathRooted(account))
        {
            problem = $"an import channel's account is a file path relative to the import root, inside the client's folder ({channel.ClientId}/...)";
            return false;
        }

        if (!InterchangeReader.IsCsv(account) && !account.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase) && !account.EndsWith(".ndjson", StringComparison.OrdinalIgnoreCase))
        {
            problem = $"import file '{account}' must end in .jsonl, .ndjson or .csv";
            return false;
        }

        // The file is read at its real path: '..' and every link on the way resolved, then checked to lie in the
        // client's own folder, so neither a path nor a link can reach another client's file or leave the root.
        var root = ImportPaths.RealPath(options.Value.ImportRoot);
        // The folder is taken as named, not followed: a client folder that is itself a link to another's holds no file.
        var folder = Path.Combine(root, channel.ClientId);
        if (!ImportPaths.TryRealPath(Path.Combine(root, account), out var real) || !ImportPaths.IsInside(real, folder))
        {
            problem = $"import file '{account}' lies outside client '{channel.ClientId}''s folder: an account is '{channel.ClientId}/<file>' below the import root, and links may not lead out of it";
            return false;
        }

        path = real;
        return true;
    }
}
