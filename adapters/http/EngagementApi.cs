using System.Globalization;
using System.Text.Json;
using Engagement.Core.Access;
using Engagement.Core.Alerts;
using Engagement.Core.Corrections;
using Engagement.Core.Domain;
using Engagement.Core.Ports;
using Engagement.Core.Privacy;
using Engagement.Core.Registration;
using Engagement.Core.Reporting;
using Engagement.Core.Scheduling;
using Engagement.Core.Scoring;
using Engagement.Ml.Vocabulary;
using Engagement.Reports;

namespace Engagement.Http;

/// <summary>One item to score: text, and the metadata when known.</summary>
public sealed record ScoreItem(string? Id, string? Text, string? Kind, string? Channel, bool? AuthorIsBrand, string? Lang, string? ParentId);

/// <summary>The verdicts on a batch.</summary>
public sealed record ScoreBatchResult(string ModelVersion, IReadOnlyList<ScoreResult> Results);

/// <summary>A client as the API shows it, with its report and reply settings.</summary>
public sealed record ClientView(
    string Id,
    string DisplayName,
    string TimeZone,
    string Schedule,
    bool Enabled,
    DateTimeOffset? NextRunAt,
    string ReportLanguage,
    int ReplyWindowHours,
    int ReplyNeededHours,
    string? BusinessHours,
    IReadOnlyList<ChannelView> Channels)
{
    /// <summary>Days after which people's texts are dropped; absent: kept until erased.</summary>
    public int? RetentionDays { get; init; }
}

/// <summary>A channel as the API shows it: no secret, only the name of where it is kept.</summary>
public sealed record ChannelView(string Id, string Platform, string Account, string? SecretName, bool Enabled, string? Cursor, string? LastRunStatus, string? LastRunError, DateTimeOffset? LastRunAt);

/// <summary>A client key as the API shows it: never the key nor its hash.</summary>
public sealed record KeyView(string KeyId, string ClientId, string? Name, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt)
{
    public static KeyView Of(ApiKey k) => new(k.KeyId, k.ClientId, k.Name, k.CreatedAt, k.RevokedAt);
}

/// <summary>Answer to POST /api/clients/{clientId}/keys: the key, shown this once.</summary>
public sealed record CreatedKeyView(string KeyId, string ClientId, string? Name, DateTimeOffset CreatedAt, string Key);

/// <summary>Body of POST /api/clients/{clientId}/keys (optional).</summary>
public sealed record KeyRequest(string? Name);

/// <summary>Answer to DELETE /api/clients/{clientId}/authors/{handle}: how many rows were removed, and the days recomputed.</summary>
public sealed record ErasureView(string ClientId, int Removed, IReadOnlyList<DateOnly> DaysRecomputed);

/// <summary>Answer to POST /api/clients/{clientId}/runs.</summary>
public sealed record RunAccepted(string ClientId, string RunId, int Jobs);

/// <summary>One customer waiting for an answer, as GET /api/clients/{clientId}/inbox shows it.</summary>
public sealed record InboxItemView(
    string ChannelId,
    string PlatformId,
    string? Platform,
    string Kind,
    string Status,
    DateTimeOffset ReceivedAt,
    DateTimeOffset DueAt,
    DateTimeOffset ExpiresAt,
    bool Question,
    bool Complaint,
    string? Author,
    string? Excerpt,
    string? Url,
    DateTimeOffset? AlertedAt);

/// <summary>Answer to GET /api/clients/{clientId}/inbox.</summary>
public sealed record InboxResponse(string ClientId, DateTimeOffset AsOf, int ReplyNeededHours, IReadOnlyList<InboxItemView> Items);

/// <summary>Answer to PUT /api/clients/{clientId}/interactions/{interactionId}/label: the stored correction and the days recomputed.</summary>
public sealed record CorrectionView(
    string ClientId,
    string InteractionId,
    string ChannelId,
    string Label,
    string ModelLabel,
    double ModelRelationalProbability,
    string? ModelVersion,
    string? CorrectedBy,
    DateTimeOffset CorrectedAt,
    string? Note,
    IReadOnlyList<DateOnly> DaysRecomputed)
{
    public static CorrectionView Of(LabelCorrection c, IReadOnlyList<DateOnly> days) => new(
        c.ClientId, c.InteractionId, c.ChannelId, c.Label, c.ModelLabel, c.ModelRelationalProbability, c.ModelVersion, c.CorrectedBy, c.CorrectedAt, c.Note, days);
}

/// <summary>
/// The HTTP surface, free of any host: both the Functions app and <c>engage serve</c> bind a request, call one of
/// these methods and write the <see cref="ApiResult"/> it returns. It parses, calls a use case and maps the outcome;
/// the rules are the core's.
/// </summary>
public sealed class EngagementApi(
    ScoringService scoring,
    ClientRegistration registration,
    ReportService reports,
    ScheduleService schedule,
    ReplyAlerts alerts,
    IRunStore runs,
    LabelCorrectionService corrections,
    AccessService access,
    ErasureService erasure)
{
    /// <summary>Most items one scoring request may carry.</summary>
    public const int MaxBatch = 1_000;

    /// <summary>Most runs one request lists.</summary>
    public const int MaxRuns = 1_000;

    private static readonly ApiResult InvalidClientId = ApiResult.Invalid("clientId", "A client id is " + Ids.Rule);

    public async Task<ApiResult> ScoreAsync(ApiCredentials credentials, Stream body, CancellationToken cancellationToken = default)
    {
        if (await RefuseAsync(credentials, ApiRoutes.Score, null, cancellationToken).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        // Checked as bytes first: a body that is not UTF-8 is refused saying so, never read with replacement characters.
        using var buffer = new MemoryStream();
        await body.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        if (InputContract.Utf8Problem(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)) is { } encoding)
        {
            return ApiResult.Invalid("body", $"The body {encoding}: send it as UTF-8.");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(buffer.GetBuffer().AsMemory(0, (int)buffer.Length));
        }
        catch (JsonException e)
        {
            return ApiResult.Invalid("body", $"The body is not JSON: {ApiFaults.Describe(e)}.");
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
            var requests = new List<ScoreRequest>(elements.Count);
            for (var i = 0; i < elements.Count; i++)
            {
                var (request, problem) = ReadScoreItem(elements[i]);
                if (problem is not null)
                {
                    errors[batch ? $"items[{i}]" : "text"] = [problem];
                    continue;
                }

                requests.Add(request!);
            }

            if (errors.Count > 0)
            {
                return ApiResult.Invalid(errors);
            }

            var results = scoring.Score(requests, withModelVersion: !batch);
            return batch
                ? ApiResult.Ok(new ScoreBatchResult(scoring.ModelVersion, results))
                : ApiResult.Ok(results[0]);
        }
    }

    public async Task<ApiResult> UpsertClientAsync(ApiCredentials credentials, string clientId, Stream body, CancellationToken cancellationToken = default)
    {
        if (await RefuseAsync(credentials, ApiRoutes.UpsertClient, clientId, cancellationToken).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        if (!Ids.IsValid(clientId))
        {
            return InvalidClientId;
        }

        var (request, invalid) = await ReadBodyAsync<ClientRequest>(body, "a client definition", cancellationToken).ConfigureAwait(false);
        if (request is null)
        {
            return invalid!;
        }

        var result = await registration.RegisterAsync(clientId, request, cancellationToken).ConfigureAwait(false);
        if (!result.IsValid)
        {
            return ApiResult.Invalid(result.Errors);
        }

        var view = View(result.Client!);
        return result.Created ? ApiResult.Created(view) : ApiResult.Ok(view);
    }

    /// <summary>
    /// The client's report. <paramref name="format"/> (<c>json</c>, <c>csv</c>, <c>html</c>) wins over
    /// <paramref name="accept"/>, the request's Accept header; JSON when neither asks for anything else.
    /// </summary>
    public async Task<ApiResult> GetReportAsync(ApiCredentials credentials, string clientId, string? from, string? to, string? accept = null, string? format = null, CancellationToken cancellationToken = default)
    {
        if (await RefuseAsync(credentials, ApiRoutes.ClientReport, clientId, cancellationToken).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        if (!Ids.IsValid(clientId))
        {
            return InvalidClientId;
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var toDate = ParseDate(to, "to", errors);
        var fromDate = ParseDate(from, "from", errors);
        var chosen = ReportFormats.FromAccept(accept);
        if (format is not null && !ReportFormats.TryParse(format, out chosen))
        {
            errors["format"] = ["'format' must be json, csv or html."];
        }

        if (errors.Count > 0)
        {
            // Refused before any work, but an unknown client still answers 404 first.
            return await registration.GetAsync(clientId, cancellationToken).ConfigureAwait(false) is null
                ? ApiResult.NotFound($"There is no client '{clientId}'.")
                : ApiResult.Invalid(errors);
        }

        var result = await reports.GetForPeriodAsync(clientId, fromDate, toDate, cancellationToken).ConfigureAwait(false);
        if (!result.ClientFound)
        {
            return ApiResult.NotFound($"There is no client '{clientId}'.");
        }

        return result.PeriodProblem is { } problem
            ? ApiResult.Invalid("from", problem)
            : ApiResult.Content(ReportFormats.Render(result.Report!, chosen), ReportFormats.MediaType(chosen));
    }

    /// <summary>Every registered client with its channels and settings.</summary>
    public async Task<ApiResult> ListClientsAsync(ApiCredentials credentials, CancellationToken cancellationToken = default)
    {
        if (await RefuseAsync(credentials, ApiRoutes.ListClients, null, cancellationToken).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        return ApiResult.Ok((await registration.ListAsync(cancellationToken).ConfigureAwait(false)).OrderBy(c => c.Client.Id, StringComparer.Ordinal).Select(View).ToList());
    }

    public async Task<ApiResult> GetClientAsync(ApiCredentials credentials, string clientId, CancellationToken cancellationToken = default)
    {
        if (await RefuseAsync(credentials, ApiRoutes.GetClient, clientId, cancellationToken).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        if (!Ids.IsValid(clientId))
        {
            return InvalidClientId;
        }

        return await registration.GetAsync(clientId, cancellationToken).ConfigureAwait(false) is { } client
            ? ApiResult.Ok(View(client))
            : ApiResult.NotFound($"There is no client '{clientId}'.");
    }

    /// <summary>The client's recent jobs, newest first; <paramref name="take"/> defaults to 20.</summary>
    public async Task<ApiResult> ListRunsAsync(ApiCredentials credentials, string clientId, string? take, CancellationToken cancellationToken = default)
    {
        if (await RefuseAsync(credentials, ApiRoutes.ListRuns, clientId, cancellationToken).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        if (!Ids.IsValid(clientId))
        {
            return InvalidClientId;
        }

        var count = 20;
        if (!string.IsNullOrWhiteSpace(take) && (!int.TryParse(take, NumberStyles.None, CultureInfo.InvariantCulture, out count) || count is < 1 or > MaxRuns))
        {
            return ApiResult.Invalid("take", $"'take' must be a whole number from 1 to {MaxRuns}.");
        }

        if (await registration.GetAsync(clientId, cancellationToken).ConfigureAwait(false) is null)
        {
            return ApiResult.NotFound($"There is no client '{clientId}'.");
        }

        return ApiResult.Ok(await runs.ListRecentAsync(clientId, count, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>The customers still waiting for the client's answer: overdue first, then waiting, then expired.</summary>
    public async Task<ApiResult> GetInboxAsync(ApiCredentials credentials, string clientId, CancellationToken cancellationToken = default)
    {
        if (await RefuseAsync(credentials, ApiRoutes.ClientInbox, clientId, cancellationToken).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        if (!Ids.IsValid(clientId))
        {
            return InvalidClientId;
        }

        var inbox = await alerts.GetInboxAsync(clientId, cancellationToken).ConfigureAwait(false);
        if (inbox is null)
        {
            return ApiResult.NotFound($"There is no client '{clientId}'.");
        }

        return ApiResult.Ok(new InboxResponse(
            inbox.ClientId,
            inbox.AsOf,
            inbox.ReplyNeededHours,
            inbox.Entries.Select(e => new InboxItemView(
                e.Message.ChannelId,
                e.Message.PlatformId,
                e.Platform,
                e.Message.Kind.Name(),
                e.Status,
                e.Message.ReceivedAt,
                e.Message.DueAt,
                e.Message.ExpiresAt,
                e.Message.IsQuestion,
                e.Message.IsComplaint,
                e.Message.Author,
                e.Excerpt,
                e.Url,
                e.Message.AlertedAt)).ToList()));
    }

    public async Task<ApiResult> RunClientAsync(ApiCredentials credentials, string clientId, CancellationToken cancellationToken = default)
    {
        if (await RefuseAsync(credentials, ApiRoutes.RunClient, clientId, cancellationToken).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        if (!Ids.IsValid(clientId))
        {
            return InvalidClientId;
        }

        var run = await schedule.RunNowAsync(clientId, cancellationToken).ConfigureAwait(false);
        return run switch
        {
            null => ApiResult.NotFound($"There is no client '{clientId}'."),
            { Jobs: 0 } => ApiResult.Conflict($"Client '{clientId}' has no enabled channel to run."),
            _ => ApiResult.Accepted(new RunAccepted(clientId, run.RunId, run.Jobs)),
        };
    }

    public async Task<ApiResult> CorrectLabelAsync(ApiCredentials credentials, string clientId, string interactionId, Stream body, CancellationToken cancellationToken = default)
    {
        if (await RefuseAsync(credentials, ApiRoutes.CorrectLabel, clientId, cancellationToken).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        var (request, invalid) = await ReadBodyAsync<CorrectionRequest>(body, "a label correction", cancellationToken).ConfigureAwait(false);
        if (request is null)
        {
            return invalid!;
        }

        var outcome = await corrections.CorrectAsync(clientId, interactionId, request, cancellationToken).ConfigureAwait(false);
        return outcome.Status switch
        {
            CorrectionStatus.Invalid => ApiResult.Invalid(outcome.Errors),
            CorrectionStatus.ClientNotFound => ApiResult.NotFound($"There is no client '{clientId}'."),
            CorrectionStatus.InteractionNotFound => ApiResult.NotFound($"Client '{clientId}' has no interaction '{interactionId}'."),
            _ => ApiResult.Ok(CorrectionView.Of(outcome.Correction!, outcome.Days)),
        };
    }

    public async Task<ApiResult> CreateKeyAsync(ApiCredentials credentials, string clientId, Stream body, CancellationToken cancellationToken = default)
    {
        if (await RefuseAsync(credentials, ApiRoutes.CreateKey, clientId, cancellationToken).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        if (!Ids.IsValid(clientId))
        {
            return InvalidClientId;
        }

        // The body is optional: an empty one asks for an unnamed key.
        using var buffer = new MemoryStream();
        await body.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        string? name = null;
        if (buffer.Length > 0)
        {
            buffer.Position = 0;
            var (request, invalid) = await ReadBodyAsync<KeyRequest>(buffer, "a key request", cancellationToken).ConfigureAwait(false);
            if (request is null)
            {
                return invalid!;
            }

            name = request.Name;
        }

        var created = await access.CreateAsync(clientId, name, cancellationToken).ConfigureAwait(false);
        if (created.Problem is { } problem)
        {
            return ApiResult.Invalid("name", problem);
        }

        if (!created.ClientFound)
        {
            return ApiResult.NotFound($"There is no client '{clientId}'.");
        }

        var stored = created.Stored!;
        return ApiResult.Created(new CreatedKeyView(stored.KeyId, stored.ClientId, stored.Name, stored.CreatedAt, created.Key!));
    }

    public async Task<ApiResult> ListKeysAsync(ApiCredentials credentials, string? clientId, CancellationToken cancellationToken = default)
    {
        if (await RefuseAsync(credentials, ApiRoutes.ListKeys, null, cancellationToken).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        if (!string.IsNullOrEmpty(clientId) && !Ids.IsValid(clientId))
        {
            return ApiResult.Invalid("client", "A client id is " + Ids.Rule);
        }

        var keys = await access.ListAsync(string.IsNullOrEmpty(clientId) ? null : clientId, cancellationToken).ConfigureAwait(false);
        return ApiResult.Ok(keys.Select(KeyView.Of).ToList());
    }

    public async Task<ApiResult> RevokeKeyAsync(ApiCredentials credentials, string keyId, CancellationToken cancellationToken = default)
    {
        if (await RefuseAsync(credentials, ApiRoutes.RevokeKey, null, cancellationToken).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        if (!ApiKeys.IsKeyId(keyId))
        {
            return ApiResult.Invalid("keyId", "A key id is 12 lowercase hex digits, as 'engage keys list' shows it.");
        }

        var revocation = await access.RevokeAsync(keyId, cancellationToken).ConfigureAwait(false);
        return revocation.Outcome == RevokeOutcome.NotFound
            ? ApiResult.NotFound($"There is no key '{keyId}'.")
            : ApiResult.Ok(KeyView.Of(revocation.Key!));
    }

    public async Task<ApiResult> EraseAuthorAsync(ApiCredentials credentials, string clientId, string handle, CancellationToken cancellationToken = default)
    {
        if (await RefuseAsync(credentials, ApiRoutes.EraseAuthor, clientId, cancellationToken).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        var result = await erasure.EraseAsync(clientId, handle, cancellationToken).ConfigureAwait(false);
        return result switch
        {
            { Problem: { } problem } => ApiResult.Invalid(Ids.IsValid(clientId) ? "handle" : "clientId", problem),
            { ClientFound: false } => ApiResult.NotFound($"There is no client '{clientId}'."),
            _ => ApiResult.Ok(new ErasureView(clientId, result.Removed, result.DaysRecomputed)),
        };
    }

    /// <summary>
    /// Null when the caller may call <paramref name="route"/> (on <paramref name="clientId"/>, when it names one),
    /// else the answer: 401 for a missing, unknown or revoked key, 403 for a client key outside its scope. The
    /// check comes before anything else, so a refused caller learns nothing, not even whether the client exists.
    /// </summary>
    private async Task<ApiResult?> RefuseAsync(ApiCredentials credentials, ApiRoute route, string? clientId, CancellationToken cancellationToken)
    {
        if (credentials.IsLocal)
        {
            return null;
        }

        var caller = await access.AuthenticateAsync(credentials.Key, cancellationToken).ConfigureAwait(false);
        if (caller is null)
        {
            return ApiResult.Unauthorized();
        }

        var allowed = route.Access switch
        {
            RouteAccess.AnyKey => true,
            RouteAccess.ClientRead => clientId is not null && caller.MayRead(clientId),
            _ => caller.IsAdmin,
        };
        return allowed ? null : ApiResult.Forbidden(route.Access == RouteAccess.Admin
            ? "This route needs the admin key; a client key only reads its own client's data."
            : "This key reads only its own client's data.");
    }

    // A JSON body of the given shape, or the 400 that says why it is not one.
    private static async Task<(T? Body, ApiResult? Invalid)> ReadBodyAsync<T>(Stream body, string what, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            return await JsonSerializer.DeserializeAsync<T>(body, ApiResult.Json, cancellationToken).ConfigureAwait(false) is { } read
                ? (read, null)
                : (null, ApiResult.Invalid("body", "The body is empty."));
        }
        catch (JsonException e)
        {
            return (null, ApiResult.Invalid("body", $"The body is not {what}: {ApiFaults.Describe(e)}."));
        }
    }

    private static ClientView View(RegisteredClient registered)
    {
        var client = registered.Client;
        return new ClientView(
            client.Id,
            client.DisplayName,
            client.TimeZone,
            client.Schedule,
            client.Enabled,
            client.NextRunAt,
            client.ReportLanguage,
            client.ReplyWindowHours,
            client.ReplyNeededHours,
            client.BusinessHours,
            registered.Channels.Select(c => new ChannelView(c.Id, c.Platform, c.Account, c.SecretName, c.Enabled, c.Cursor, c.LastRunStatus, c.LastRunError, c.LastRunAt)).ToList())
        {
            RetentionDays = client.RetentionDays,
        };
    }

    private static (ScoreRequest? Request, string? Problem) ReadScoreItem(JsonElement element)
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
            return (null, $"The item is not valid: {ApiFaults.Describe(e)}.");
        }
        catch (InvalidOperationException)
        {
            // An escape such as \ud800 names half a character, which no string can hold.
            return (null, "The item holds half a character (an unpaired surrogate escape such as \\ud800); send whole characters.");
        }

        // The core's field rules, in the words files and the CLI use; text over the limit is scored cut and flagged.
        if (item is null || string.IsNullOrWhiteSpace(item.Text))
        {
            return (null, InputContract.TextProblem(item?.Text) + ".");
        }

        if ((InputContract.TextProblem(item.Text) ?? InputContract.IdProblem(item.Id, "id") ?? InputContract.IdProblem(item.ParentId, "parent_id")) is { } problem)
        {
            return (null, problem + ".");
        }

        if (!MetadataNames.TryReadKind(item.Kind, out var kind, out var kindProblem))
        {
            return (null, kindProblem + ".");
        }

        // An unknown channel name is scored as an unknown channel and said so in the answer, never refused.
        var channel = MetadataNames.ReadChannel(item.Channel, out var warning);
        return (new ScoreRequest(item.Text, item.Id, kind, channel, item.AuthorIsBrand, item.Lang, item.ParentId, warning is null ? null : [warning]), null);
    }

    private static readonly DateOnly EarliestDate = new(2000, 1, 1);

    private static readonly DateOnly LatestDate = new(2100, 12, 31);

    private static DateOnly? ParseDate(string? text, string field, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            // Dates at the calendar's ends (0001-01-01, 9999-12-31) would overflow the period arithmetic.
            if (date >= EarliestDate && date <= LatestDate)
            {
                return date;
            }

            errors[field] = [$"'{field}' must be between {EarliestDate:yyyy-MM-dd} and {LatestDate:yyyy-MM-dd}."];
            return null;
        }

        errors[field] = [$"'{field}' must be a date as yyyy-MM-dd."];
        return null;
    }
}
