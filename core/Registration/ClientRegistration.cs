using Engagement.Core.Configuration;
using Engagement.Core.Domain;
using Engagement.Core.Ports;
using Engagement.Core.Scheduling;
using Microsoft.Extensions.Options;

namespace Engagement.Core.Registration;

/// <summary>
/// A client to register or update: the body of PUT /api/clients/{clientId} and of a catalogue entry. Settings left out
/// take their defaults (a PUT replaces the whole definition).
/// </summary>
public sealed record ClientRequest(
    string? DisplayName,
    string? TimeZone,
    string? Schedule,
    bool? Enabled,
    IReadOnlyList<ChannelRequest>? Channels,
    string? ReportLanguage = null,
    int? ReplyWindowHours = null,
    int? ReplyNeededHours = null,
    string? BusinessHours = null)
{
    /// <summary>Days after which people's texts are dropped; absent keeps them (see <see cref="Privacy.RetentionService"/>).</summary>
    public int? RetentionDays { get; init; }
}

/// <summary>One channel of a <see cref="ClientRequest"/>.</summary>
public sealed record ChannelRequest(string? Id, string? Platform, string? Account, string? SecretName, bool? Enabled)
{
    /// <summary>Days of history a platform connector reads for the new channel (default 90).</summary>
    public int? BackfillDays { get; init; }

    /// <summary>Days during which a post's thread is re-read when its reply counter changes (default 14).</summary>
    public int? ThreadWindowDays { get; init; }
}

/// <summary>A client as stored, with its channels.</summary>
public sealed record RegisteredClient(ClientDefinition Client, IReadOnlyList<ChannelDefinition> Channels);

/// <summary>The outcome of a registration: the client as stored, or the problems keyed by request field.</summary>
public sealed record RegistrationResult(RegisteredClient? Client, bool Created, IReadOnlyDictionary<string, string[]> Errors)
{
    public bool IsValid => Errors.Count == 0;
}

/// <summary>
/// Registers and updates clients: validation and defaults, the next run of a changed client, channels left out of an
/// update removed, and a channel whose platform or account changed starting again from no cursor.
/// </summary>
public sealed partial class ClientRegistration(
    IClientStore clients,
    IEnumerable<IChannelConnector> connectors,
    IOptions<EngagementOptions> options,
    TimeProvider time)
{
    /// <summary>Schedule of a client registered without one: every day at 06:00 local time.</summary>
    public const string DefaultSchedule = "0 0 6 * * *";

    /// <summary>Most channels one client may have.</summary>
    public const int MaxChannels = 50;

    private readonly Dictionary<string, IChannelConnector> _connectors =
        connectors.ToDictionary(c => c.Platform, StringComparer.OrdinalIgnoreCase);

    public async Task<RegistrationResult> RegisterAsync(string clientId, ClientRequest request, CancellationToken cancellationToken = default)
    {
        var errors = Validate(clientId, request, out var client, out var channels);
        if (errors.Count > 0)
        {
            return new RegistrationResult(null, false, errors);
        }

        var existing = await clients.GetAsync(clientId, cancellationToken).ConfigureAwait(false);
        client = client! with { NextRunAt = NextRun(existing, client, time.GetUtcNow()) };
        await clients.UpsertAsync(client, cancellationToken).ConfigureAwait(false);

        var stored = await clients.ListChannelsAsync(clientId, cancellationToken).ConfigureAwait(false);
        var before = stored.ToDictionary(c => c.Id, StringComparer.Ordinal);
        var saved = new List<ChannelDefinition>(channels.Count);
        foreach (var channel in channels)
        {
            var merged = KeepProgress(before.GetValueOrDefault(channel.Id), channel);
            await clients.UpsertChannelAsync(merged, cancellationToken).ConfigureAwait(false);
            saved.Add(merged);
        }

        var kept = channels.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var stale in stored.Where(c => !kept.Contains(c.Id)))
        {
            await clients.DeleteChannelAsync(clientId, stale.Id, cancellationToken).ConfigureAwait(false);
        }

        return new RegistrationResult(new RegisteredClient(client, saved.OrderBy(c => c.Id, StringComparer.Ordinal).ToList()), existing is null, new Dictionary<string, string[]>());
    }

    /// <summary>The client with its channels, or null when there is none.</summary>
    public async Task<RegisteredClient?> GetAsync(string clientId, CancellationToken cancellationToken = default)
    {
        var client = await clients.GetAsync(clientId, cancellationToken).ConfigureAwait(false);
        return client is null ? null : new RegisteredClient(client, await clients.ListChannelsAsync(clientId, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Every client with its channels.</summary>
    public async Task<IReadOnlyList<RegisteredClient>> ListAsync(CancellationToken cancellationToken = default)
    {
        var list = new List<RegisteredClient>();
        foreach (var client in await clients.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add(new RegisteredClient(client, await clients.ListChannelsAsync(client.Id, cancellationToken).ConfigureAwait(false)));
        }

        return list;
    }

    /// <summary>
    /// A new client is due at once, so the next tick reads it; an updated one keeps its next run unless its schedule
    /// or zone changed, in which case it is the next occurrence from now.
    /// </summary>
    internal static DateTimeOffset? NextRun(ClientDefinition? existing, ClientDefinition updated, DateTimeOffset now) =>
        existing is null
            ? now
            : existing.Schedule == updated.Schedule && existing.TimeZone == updated.TimeZone && existing.NextRunAt is not null
                ? existing.NextRunAt
                : ClientSchedule.Next(updated.Schedule, updated.TimeZone, now);

    /// <summary>
    /// A channel saved again keeps its cursor and run state only while it reads the same source: another platform or
    /// account is another stream, and its old cursor would skip or repeat records of the new one.
    /// </summary>
    internal static ChannelDefinition KeepProgress(ChannelDefinition? existing, ChannelDefinition requested) =>
        existing is not null && existing.Platform == requested.Platform && existing.Account == requested.Account
            ? requested with { Cursor = existing.Cursor, LastRunStatus = existing.LastRunStatus, LastRunError = existing.LastRunError, LastRunAt = existing.LastRunAt, Continuation = existing.Continuation }
            : requested with { Cursor = null, LastRunStatus = null, LastRunError = null, LastRunAt = null, Continuation = null };

    /// <summary>Validates a request into the definitions to store; the errors are keyed by request field.</summary>
    internal Dictionary<string, string[]> Validate(string clientId, ClientRequest request, out ClientDefinition? client, out IReadOnlyList<ChannelDefinition> channels)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        channels = [];
        client = null;
        if (!Ids.IsValid(clientId))
        {
            errors["clientId"] = ["A client id is " + Ids.Rule];
            return errors;
        }

        var displayName = request.DisplayName?.Trim();
        if (string.IsNullOrEmpty(displayName) || displayName.Length > 200 || HasControlCharacters(displayName))
        {
            errors["display_name"] = ["A display name of 1 to 200 characters, without control characters, is required."];
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

        if (request.RetentionDays is < Privacy.RetentionService.MinDays or > Privacy.RetentionService.MaxDays)
        {
            errors["retention_days"] = [$"Retention is from {Privacy.RetentionService.MinDays} to {Privacy.RetentionService.MaxDays} days, or absent to keep texts until erased."];
        }

        var language = string.IsNullOrWhiteSpace(request.ReportLanguage) ? ReportLanguages.English : request.ReportLanguage.Trim().ToLowerInvariant();
        if (!ReportLanguages.IsKnown(language))
        {
            errors["report_language"] = [$"The report language is {string.Join(" or ", ReportLanguages.All)}, not '{language}'."];
        }

        var window = request.ReplyWindowHours ?? ResponseRules.DefaultReplyWindowHours;
        if (window is < 1 or > ResponseRules.MaxReplyWindowHours)
        {
            errors["reply_window_hours"] = [$"The reply window is from 1 to {ResponseRules.MaxReplyWindowHours} hours (7 days)."];
        }

        var needed = request.ReplyNeededHours ?? Math.Min(ResponseRules.DefaultReplyNeededHours, window);
        if (needed < 1 || needed > window)
        {
            errors["reply_needed_hours"] = ["The reply-needed threshold is from 1 hour up to the reply window."];
        }

        string? businessHours = null;
        if (!string.IsNullOrWhiteSpace(request.BusinessHours))
        {
            if (BusinessHours.TryParse(request.BusinessHours, out var hours, out var hoursProblem))
            {
                businessHours = hours!.ToString();
            }
            else
            {
                errors["business_hours"] = [$"The business hours are not readable: {hoursProblem}."];
            }
        }

        var list = new List<ChannelDefinition>();
        var requested = request.Channels ?? [];
        if (requested.Count is 0 or > MaxChannels)
        {
            errors["channels"] = [$"A client needs from 1 to {MaxChannels} channels."];
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < requested.Count; i++)
        {
            var c = requested[i];
            var field = $"channels[{i}]";
            if (c is null)
            {
                errors[field] = ["A channel is an object with id, platform and account; this one is null."];
                continue;
            }

            if (HasControlCharacters(c.Account))
            {
                errors[field + ".account"] = ["An account may not hold control characters (NUL, tab, line breaks)."];
                continue;
            }

            if (!Ids.IsValid(c.Id))
            {
                errors[field + ".id"] = ["A channel id is " + Ids.Rule];
                continue;
            }

            if (!seen.Add(c.Id!))
            {
                errors[field + ".id"] = [$"Channel '{c.Id}' appears twice."];
                continue;
            }

            if (c.Platform is null || !_connectors.TryGetValue(c.Platform, out var connector))
            {
                errors[field + ".platform"] = [$"Platform '{c.Platform}' has no connector; available: {string.Join(", ", _connectors.Keys.Order())}."];
                continue;
            }

            if (c.SecretName is not null && !SecretNamePattern().IsMatch(c.SecretName))
            {
                errors[field + ".secret_name"] = ["A secret name is the name of a Key Vault secret (letters, digits, dashes), never the secret itself."];
                continue;
            }

            var settingProblems = ChannelSettings.Check(c.BackfillDays, c.ThreadWindowDays).ToList();
            if (settingProblems.Count > 0)
            {
                foreach (var (setting, settingProblem) in settingProblems)
                {
                    errors[$"{field}.{setting}"] = [settingProblem];
                }

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
                BackfillDays = c.BackfillDays,
                ThreadWindowDays = c.ThreadWindowDays,
            };
            if (connector.Validate(channel) is { } problem)
            {
                errors[field + ".account"] = [problem];
                continue;
            }

            list.Add(channel);
        }

        if (errors.Count == 0)
        {
            client = new ClientDefinition
            {
                Id = clientId,
                DisplayName = displayName!,
                TimeZone = timeZone,
                Schedule = scheduleText,
                Enabled = request.Enabled ?? true,
                RetentionDays = request.RetentionDays,
                ReportLanguage = language,
                ReplyWindowHours = window,
                ReplyNeededHours = needed,
                BusinessHours = businessHours,
            };
            channels = list;
        }

        return errors;
    }

    // Key Vault's rule for secret names; it also keeps a pasted token (dots, slashes, '=', underscores) out of the table.
    [System.Text.RegularExpressions.GeneratedRegex("^[0-9A-Za-z-]{1,127}$")]
    private static partial System.Text.RegularExpressions.Regex SecretNamePattern();

    // Storage refuses some (NUL) and people cannot see any: refused with the field named rather than a 500 later.
    private static bool HasControlCharacters(string? text) => text is not null && text.Any(char.IsControl);
}
