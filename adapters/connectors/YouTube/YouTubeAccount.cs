using System.Text.RegularExpressions;

namespace Engagement.Connectors.YouTube;

/// <summary>
/// A YouTube channel's account: its channel id (<c>UC</c> and 22 characters), its handle (<c>@panificioaurora</c>), or
/// either as a channel URL (<c>https://www.youtube.com/@panificioaurora</c>, <c>https://www.youtube.com/channel/UC…</c>).
/// Handles can change; the channel id is the stable id, resolved once.
/// </summary>
internal sealed partial record YouTubeAccount(string? ChannelId, string? Handle)
{
    public const string Syntax = "a channel id (UC followed by 22 characters), a handle (@name) or the channel's URL https://www.youtube.com/@name";

    public static bool TryParse(string? account, out YouTubeAccount? parsed, out string? problem)
    {
        parsed = null;
        problem = null;
        var text = account?.Trim() ?? "";
        if (text.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
        {
            if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || !url.Host.EndsWith("youtube.com", StringComparison.OrdinalIgnoreCase))
            {
                problem = $"'{text}' is not a YouTube channel URL; a YouTube account is {Syntax}";
                return false;
            }

            text = url.AbsolutePath.TrimEnd('/').Split('/') switch
            {
                ["", var handle] when handle.StartsWith('@') => Uri.UnescapeDataString(handle),
                ["", "channel", var id] => id,
                _ => "",
            };
        }

        if (ChannelIdPattern().IsMatch(text))
        {
            parsed = new YouTubeAccount(text, null);
            return true;
        }

        if (HandlePattern().IsMatch(text))
        {
            parsed = new YouTubeAccount(null, text);
            return true;
        }

        problem = $"'{account?.Trim()}' is not a YouTube channel: give {Syntax} (legacy /user/ and /c/ names cannot be resolved cheaply)";
        return false;
    }

    [GeneratedRegex("^UC[A-Za-z0-9_-]{22}$", RegexOptions.CultureInvariant)]
    private static partial Regex ChannelIdPattern();

    // Handles are 3 to 30 letters (of any script), digits, underscores, hyphens and periods.
    [GeneratedRegex(@"^@[\p{L}\p{M}\p{N}._-]{3,30}$", RegexOptions.CultureInvariant)]
    private static partial Regex HandlePattern();
}

/// <summary>
/// What the connector keeps of a resolved channel, in the cursor's account field: the channel id (the brand's
/// stable id), its uploads playlist and its handle (the brand's name on its videos), written <c>UC…/UU…/@name</c>.
/// </summary>
internal sealed record YouTubeChannelRef(string ChannelId, string Uploads, string? Handle)
{
    public string Encode() => $"{ChannelId}/{Uploads}/{Handle}";

    public static YouTubeChannelRef Decode(string account)
    {
        var parts = account.Split('/');
        var id = parts[0];
        var uploads = parts.Length > 1 && parts[1].Length > 0 ? parts[1] : id.StartsWith("UC", StringComparison.Ordinal) ? "UU" + id[2..] : id;
        return new YouTubeChannelRef(id, uploads, parts.Length > 2 && parts[2].Length > 0 ? parts[2] : null);
    }
}
