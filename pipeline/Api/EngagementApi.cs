using Engagement.Ml.Vocabulary;
using System.Globalization;
using System.Text.Json;
using Engagement.Ml;
using Engagement.Pipeline.Analytics;
using Engagement.Pipeline.Configuration;
using Engagement.Pipeline.Connectors;
using Engagement.Pipeline.Domain;
using Engagement.Pipeline.Scheduling;
using Engagement.Pipeline.Storage;
using Microsoft.Extensions.Options;

namespace Engagement.Pipeline.Api;

/// <summary>One item to score: text, and the metadata when known.</summary>
public sealed record ScoreItem(string? Id, string? Text, string? Kind, string? Channel, bool? AuthorIsBrand, string? Lang, string? ParentId);

/// <summary>The verdict on one scored item.</summary>
public sealed record ScoreResult(string? Id, string Label, double RelationalProbability, IReadOnlyList<string> Signals, string? ModelVersion);

/// <summary>The verdicts on a batch.</summary>
public sealed record ScoreBatchResult(string ModelVersion, IReadOnlyList<ScoreResult> Results);

/// <summary>Body of PUT /api/clients/{clientId}.</summary>
public sealed record ClientRequest(string? DisplayName, string? TimeZone, string? Schedule, bool? Enabled, IReadOnlyList<ChannelRequest>? Channels);

/// <summary>One channel in a client request.</summary>
public sealed record ChannelRequest(string? Id, string? Platform, string? Account, string? SecretName, bool? Enabled);

/// <summary>A client as the API shows it.</summary>
public sealed record ClientView(string Id, string DisplayName, string TimeZone, string Schedule, bool Enabled, DateTimeOffset? NextRunAt, IReadOnlyList<ChannelView> Channels);

/// <summary>A channel as the API shows it: no secret, only the name of where it is kept.</summary>
public sealed record ChannelView(string Id, string Platform, string Account, string? SecretName, bool Enabled, string? Cursor, string? LastRunStatus, string? LastRunError, DateTimeOffset? LastRunAt);

/// <summary>Answer to POST /api/clients/{clientId}/runs.</summary>
public sealed record RunAccepted(string ClientId, string RunId, int Jobs);

/// <summary>
/// The HTTP surface, free of any host: both the Functions app and <c>engage serve</c> bind a request, call one
/// of these methods and write the <see cref="ApiResult"/> it returns. Every input is validated here.
/// </summary>
public sealed partial class EngagementApi(
    EngagementClassifier classifier,
    ClientStore clients,
    ReportService reports,
    ScheduleService schedule,
    IEnumerable<IChannelConnector> connectors,
    IOptions<EngagementOptions> options,
    TimeProvider time)
{
    /// <summary>Most items one scoring request may carry.</summary>
    public const int MaxBatch = 1_000;

    /// <summary>Longest text accepted for scoring.</summary>
    public const int MaxTextLength = InteractionStore.MaxTextLength;

    /// <summary>Schedule of a client registered without one: every day at 06:00 local time.</summary>
    public const string DefaultSchedule = "0 0 6 * * *";

    /// <summary>Longest report period, in days.</summary>
    public const int MaxReportDays = 366;

    private const int MaxChannels = 50;

    private const string IdRule = "1 to 63 lowercase letters, digits and inner dashes.";

    private static readonly ApiResult InvalidClientId = ApiResult.Invalid("clientId", "A client id is " + IdRule);

    public async Task<ApiResult> ScoreAsync(Stream body, CancellationToken cancellationToken = default)
    {
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException e)
        {
            return ApiResult.Invalid("body", $"The body is not JSON: {e.Message}");
        }

        using (document)
        {
            var root = document.RootElement;
            var batch = root.ValueKind == JsonValueKind.Array || (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("items", out _));
            var elements = root.ValueKind switch
            {
                JsonValueKind.Array => root.EnumerateArray().ToList(),
                JsonValueKind.Object when root.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Array => items.EnumerateArray().ToList(),
                JsonValueKind.Object when !root.TryGetProperty("items", out _) => [root],
                _ => null,
            };
            if (elements is null)
            {
                return ApiResult.Invalid("body", "Send one item {\"text\": ...}, an array of items, or {\"items\": [...]}.");
            }

            if (elements.Count is 0 or > MaxBatch)
            {
                return ApiResult.Invalid("items", $"A batch holds from 1 to {MaxBatch} items; this one holds {elements.Count}.");
            }

            var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
            var inputs = new List<(ScoreItem Item, ClassifierInput Input)>(elements.Count);
            for (var i = 0; i < elements.Count; i++)
            {
                var field = batch ? $"items[{i}]" : "text";
                var (item, problem) = ReadScoreItem(elements[i]);
                if (problem is not null)
                {
                    errors[field] = [problem];
                    continue;
                }

                inputs.Add((item!, new ClassifierInput(item!.Text!, InteractionKinds.TryParse(item.Kind, out var kind) ? kind : InteractionKind.Unknown, item.Channel is null ? null : new Channel(item.Channel), item.AuthorIsBrand, item.Lang?.ToLowerInvariant(), item.ParentId is null ? null : true)));
            }

            if (errors.Count > 0)
            {
                return ApiResult.Invalid(errors);
            }

            var verdicts = classifier.ClassifyBatch(inputs.Select(p => p.Input).ToList());
            var results = inputs.Select((p, i) => new ScoreResult(p.Item.Id, verdicts[i].Label, Math.Round(verdicts[i].RelationalProbability, 4), verdicts[i].Signals, batch ? null : classifier.ModelVersion)).ToList();
            return batch
                ? ApiResult.Ok(new ScoreBatchResult(classifier.ModelVersion, results))
                : ApiResult.Ok(results[0]);
        }
    }

    public async Task<ApiResult> UpsertClientAsync(string clientId, Stream body, CancellationToken cancellationToken = default)
    {
        if (!TableKeys.IsValidId(clientId))
        {
            return InvalidClientId;
        }

        ClientRequest? request;
        try
        {
            request = await JsonSerializer.DeserializeAsync<ClientRequest>(body, ApiResult.Json, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException e)
        {
            return ApiResult.Invalid("body", $"The body is not a client definition: {e.Message}");
        }

        if (request is null)
        {
            return ApiResult.Invalid("body", "The body is empty.");
        }

        var errors = ValidateClient(clientId, request, out var client, out var channels);
        if (errors.Count > 0)
        {
            return ApiResult.Invalid(errors);
        }

        var existing = await clients.GetAsync(clientId, cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        var nextRunAt = existing is null
            ? now // a new client is due at once, so the next tick reads it
            : existing.Schedule == client!.Schedule && existing.TimeZone == client.TimeZone && existing.NextRunAt is not null
                ? existing.NextRunAt
                : ClientSchedule.Next(client.Schedule, client.TimeZone, now);
        client = client! with { NextRunAt = nextRunAt };

        await clients.UpsertAsync(client, cancellationToken).ConfigureAwait(false);
        foreach (var channel in channels)
        {
            await clients.UpsertChannelDefinitionAsync(channel, cancellationToken).ConfigureAwait(false);
        }

        var kept = channels.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var stale in (await clients.ListChannelsAsync(clientId, cancellationToken).ConfigureAwait(false)).Where(c => !kept.Contains(c.Id)))
        {
            await clients.DeleteChannelAsync(clientId, stale.Id, cancellationToken).ConfigureAwait(false);
        }

        var view = await ViewAsync(client, cancellationToken).ConfigureAwait(false);
        return existing is null ? ApiResult.Created(view) : ApiResult.Ok(view);
    }

    public async Task<ApiResult> GetReportAsync(string clientId, string? from, string? to, CancellationToken cancellationToken = default)
    {
        if (!TableKeys.IsValidId(clientId))
        {
            return InvalidClientId;
        }

        var client = await clients.GetAsync(clientId, cancellationToken).ConfigureAwait(false);
        if (client is null)
        {
            return ApiResult.NotFound($"There is no client '{clientId}'.");
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(client.TimeZone);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), zone).DateTime);
        var toDate = ParseDate(to, "to", today, errors);
        var fromDate = ParseDate(from, "from", toDate.AddDays(-27), errors);
        if (errors.Count == 0 && (fromDate > toDate || toDate.DayNumber - fromDate.DayNumber >= MaxReportDays))
        {
            errors["from"] = [$"'from' must be on or before 'to', and the period at most {MaxReportDays} days."];
        }

        if (errors.Count > 0)
        {
            return ApiResult.Invalid(errors);
        }

        var report = await reports.GetAsync(clientId, fromDate, toDate, cancellationToken).ConfigureAwait(false);
        return report is null ? ApiResult.NotFound($"There is no client '{clientId}'.") : ApiResult.Ok(report);
    }

    public async Task<ApiResult> RunClientAsync(string clientId, CancellationToken cancellationToken = default)
    {
        if (!TableKeys.IsValidId(clientId))
        {
            return InvalidClientId;
        }

        if (await clients.GetAsync(clientId, cancellationToken).ConfigureAwait(false) is null)
        {
            return ApiResult.NotFound($"There is no client '{clientId}'.");
        }

        var run = await schedule.RunNowAsync(clientId, cancellationToken).ConfigureAwait(false);
        return run.Jobs == 0
            ? ApiResult.Conflict($"Client '{clientId}' has no enabled channel to run.")
            : ApiResult.Accepted(new RunAccepted(clientId, run.RunId, run.Jobs));
    }

    /// <summary>Validates a client request into the definitions to store; the errors are keyed by field.</summary>
    public Dictionary<string, string[]> ValidateClient(string clientId, ClientRequest request, out ClientDefinition? client, out IReadOnlyList<ChannelDefinition> channels)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var displayName = request.DisplayName?.Trim();
        if (string.IsNullOrEmpty(displayName) || displayName.Length > 200)
        {
            errors["display_name"] = ["A display name of 1 to 200 characters is required."];
        }

        var timeZone = string.IsNullOrWhiteSpace(request.TimeZone) ? options.Value.DefaultTimeZone : request.TimeZone.Trim();
        if (!ClientSchedule.TryFindTimeZone(timeZone, out _))
        {
            errors["time_zone"] = [$"'{timeZone}' is not a known IANA time zone (for example Europe/Rome)."];
        }

        var scheduleText = string.IsNullOrWhiteSpace(request.Schedule) ? DefaultSchedule : request.Schedule.Trim();
        if (!ClientSchedule.TryParse(scheduleText, out _, out var scheduleProblem))
        {
            errors["schedule"] = [scheduleProblem!];
        }

        var list = new List<ChannelDefinition>();
        var requested = request.Channels ?? [];
        if (requested.Count is 0 or > MaxChannels)
        {
            errors["channels"] = [$"A client needs from 1 to {MaxChannels} channels."];
        }

        var byPlatform = connectors.ToDictionary(c => c.Platform, StringComparer.OrdinalIgnoreCase);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < requested.Count; i++)
        {
            var c = requested[i];
            var field = $"channels[{i}]";
            if (!TableKeys.IsValidId(c.Id))
            {
                errors[field + ".id"] = ["A channel id is " + IdRule];
                continue;
            }

            if (!seen.Add(c.Id!))
            {
                errors[field + ".id"] = [$"Channel '{c.Id}' appears twice."];
                continue;
            }

            if (c.Platform is null || !byPlatform.TryGetValue(c.Platform, out var connector))
            {
                errors[field + ".platform"] = [$"Platform '{c.Platform}' has no connector; available: {string.Join(", ", byPlatform.Keys.Order())}."];
                continue;
            }

            if (c.SecretName is not null && !SecretNamePattern().IsMatch(c.SecretName))
            {
                errors[field + ".secret_name"] = ["A secret name is the name of a Key Vault secret (letters, digits, dashes), never the secret itself."];
                continue;
            }

            var channel = new ChannelDefinition
            {
                ClientId = clientId,
                Id = c.Id!,
                Platform = connector.Platform,
                Account = c.Account?.Trim() ?? "",
                SecretName = c.SecretName,
                Enabled = c.Enabled ?? true,
            };
            if (connector.Validate(channel) is { } problem)
            {
                errors[field + ".account"] = [problem];
                continue;
            }

            list.Add(channel);
        }

        client = errors.Count > 0 ? null : new ClientDefinition
        {
            Id = clientId,
            DisplayName = displayName!,
            TimeZone = timeZone,
            Schedule = scheduleText,
            Enabled = request.Enabled ?? true,
        };
        channels = list;
        return errors;
    }

    private async Task<ClientView> ViewAsync(ClientDefinition client, CancellationToken cancellationToken)
    {
        var channels = await clients.ListChannelsAsync(client.Id, cancellationToken).ConfigureAwait(false);
        return new ClientView(
            client.Id,
            client.DisplayName,
            client.TimeZone,
            client.Schedule,
            client.Enabled,
            client.NextRunAt,
            channels.Select(c => new ChannelView(c.Id, c.Platform, c.Account, c.SecretName, c.Enabled, c.Cursor, c.LastRunStatus, c.LastRunError, c.LastRunAt)).ToList());
    }

    private static (ScoreItem? Item, string? Problem) ReadScoreItem(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return (null, "Each item is an object with at least a 'text'.");
        }

        ScoreItem? item;
        try
        {
            item = element.Deserialize<ScoreItem>(ApiResult.Json);
        }
        catch (JsonException e)
        {
            return (null, $"The item is not valid: {e.Message}");
        }

        if (item is null || string.IsNullOrWhiteSpace(item.Text))
        {
            return (null, "'text' is required and may not be empty.");
        }

        if (item.Text.Length > MaxTextLength)
        {
            return (null, $"'text' may hold at most {MaxTextLength} characters.");
        }

        if (item.Kind is not null && item.Kind.ToLowerInvariant() is not ("post" or "comment" or "reply" or "dm"))
        {
            return (null, "'kind' must be post, comment, reply or dm.");
        }

        if (item.Channel is not null && !InterchangeReader.Channels.Contains(item.Channel.ToLowerInvariant()))
        {
            return (null, $"'channel' must be one of {string.Join(", ", InterchangeReader.Channels)}.");
        }

        return (item, null);
    }

    private static DateOnly ParseDate(string? text, string field, DateOnly fallback, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        errors[field] = [$"'{field}' must be a date as yyyy-MM-dd."];
        return fallback;
    }

    [System.Text.RegularExpressions.GeneratedRegex("^[0-9A-Za-z-]{1,127}$")]
    private static partial System.Text.RegularExpressions.Regex SecretNamePattern();
}
