using System.Text.RegularExpressions;

namespace Engagement.Connectors.Bluesky;

/// <summary>
/// A Bluesky channel's account: a handle (<c>panificioaurora.bsky.social</c>, with or without <c>@</c>, or a custom
/// domain), a DID (<c>did:plc:…</c>, <c>did:web:…</c>), or a profile URL <c>https://bsky.app/profile/&lt;handle or DID&gt;</c>.
/// Handles can change; the DID is the stable id, resolved once.
/// </summary>
internal sealed partial record BlueskyAccount(string Actor)
{
    public const string Syntax = "a handle such as panificioaurora.bsky.social, a DID (did:plc:… or did:web:…) or the profile URL https://bsky.app/profile/<handle>";

    public bool IsDid => Actor.StartsWith("did:", StringComparison.Ordinal);

    public static bool TryParse(string? account, out BlueskyAccount? parsed, out string? problem)
    {
        parsed = null;
        problem = null;
        var text = account?.Trim() ?? "";
        if (text.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
        {
            if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || !string.IsNullOrEmpty(url.Query)
                || url.AbsolutePath.TrimEnd('/').Split('/') is not ["", "profile", var actor])
            {
                problem = $"'{text}' is not a profile URL; a Bluesky account is {Syntax}";
                return false;
            }

            text = Uri.UnescapeDataString(actor);
        }

        text = text.TrimStart('@');
        if (text.StartsWith("did:", StringComparison.Ordinal))
        {
            if (!DidPattern().IsMatch(text) || text.Length > 2048)
            {
                problem = $"'{text}' is not a DID Bluesky supports (did:plc:… or did:web:…)";
                return false;
            }

            parsed = new BlueskyAccount(text);
            return true;
        }

        if (text.Length > 253 || !HandlePattern().IsMatch(text))
        {
            problem = $"'{text}' is not a Bluesky account: give {Syntax}";
            return false;
        }

        parsed = new BlueskyAccount(text.ToLowerInvariant());
        return true;
    }

    // The AT Protocol's handle syntax: a domain name of two labels or more, the last not starting with a digit.
    [GeneratedRegex(@"^([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\.)+[a-zA-Z]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex HandlePattern();

    [GeneratedRegex(@"^did:(plc|web):[a-zA-Z0-9._:%-]*[a-zA-Z0-9._-]$", RegexOptions.CultureInvariant)]
    private static partial Regex DidPattern();
}
