using System.Globalization;

namespace Engagement.Core.Domain;

/// <summary>
/// A client's rules for measuring how it answers, resolved for computing: its zone, reply window, reply-needed
/// threshold and business hours. Built from the client's settings with <see cref="For"/>.
/// </summary>
public sealed record ResponseRules(TimeZoneInfo Zone, TimeSpan ReplyWindow, TimeSpan ReplyNeeded, BusinessHours? BusinessHours)
{
    public const int DefaultReplyWindowHours = 168;
    public const int MaxReplyWindowHours = 168;
    public const int DefaultReplyNeededHours = 24;

    /// <summary>
    /// How far apart two related messages may be and still be related: a reply and its parent, a DM and the one before
    /// it, a message and its answer. Bounding every relation keeps each day's figures a function of a bounded
    /// neighbourhood of rows, so any page size and any replay order recompute the same figures (docs/metrics.md).
    /// It is the longest reply window.
    /// </summary>
    public static readonly TimeSpan Horizon = TimeSpan.FromHours(MaxReplyWindowHours);

    /// <summary>The rules of a client, its settings read; an invalid business-hours text counts as not configured.</summary>
    public static ResponseRules For(ClientDefinition client)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(client.TimeZone);
        var window = TimeSpan.FromHours(Math.Clamp(client.ReplyWindowHours, 1, MaxReplyWindowHours));
        var needed = TimeSpan.FromHours(Math.Clamp(client.ReplyNeededHours, 1, MaxReplyWindowHours));
        Domain.BusinessHours.TryParse(client.BusinessHours, out var hours, out _);
        return new ResponseRules(zone, window, needed < window ? needed : window, hours);
    }

    /// <summary>The settings the figures were computed under, stored beside them so a reader can tell.</summary>
    public string Describe() =>
        string.Create(CultureInfo.InvariantCulture, $"window={ReplyWindow.TotalHours:0}h; reply-needed={ReplyNeeded.TotalHours:0}h; hours={BusinessHours?.ToString() ?? "none"}");
}
