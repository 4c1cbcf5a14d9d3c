using System.Text.RegularExpressions;

namespace Engagement.Connectors.Facebook;

/// <summary>
/// A Facebook channel's account: the Page id (digits), or the Page's alias as written (<c>fornobrunetti</c>,
/// <c>@fornobrunetti</c>, <c>https://www.facebook.com/fornobrunetti</c>), which is resolved once to the id. Profile
/// URLs that carry the id (<c>profile.php?id=</c>, <c>/people/Name/id</c>) give the id directly.
/// </summary>
internal sealed partial record FacebookAccount(string? Id, string? Alias)
{
    public const string Syntax = "the Page id (digits), its alias (@alias) or its URL https://www.facebook.com/alias";

    private static readonly HashSet<string> Hosts = new(StringComparer.OrdinalIgnoreCase) { "facebook.com", "www.facebook.com", "m.facebook.com", "web.facebook.com", "business.facebook.com", "fb.com", "www.fb.com" };

    /// <summary>What the Graph API takes in a path: the id, or the alias to resolve.</summary>
    public string Key => Id ?? Alias!;

    public static bool TryParse(string? account, out FacebookAccount? parsed, out string? problem)
    {
        parsed = null;
        problem = null;
        var text = account?.Trim() ?? "";
        if (text.Contains("facebook.com", StringComparison.OrdinalIgnoreCase) || text.Contains("fb.com", StringComparison.OrdinalIgnoreCase))
        {
            return TryParseUrl(text, out parsed, out problem);
        }

        var bare = text.TrimStart('@');
        if (IdPattern().IsMatch(bare))
        {
            parsed = new FacebookAccount(bare, null);
            return true;
        }

        if (AliasPattern().IsMatch(bare))
        {
            parsed = new FacebookAccount(null, bare);
            return true;
        }

        problem = $"'{text}' is not a Facebook Page: give {Syntax}";
        return false;
    }

    private static bool TryParseUrl(string text, out FacebookAccount? parsed, out string? problem)
    {
        parsed = null;
        problem = $"'{text}' is not the URL of a Facebook Page: give {Syntax}";
        var withScheme = text.Contains("://", StringComparison.Ordinal) ? text : "https://" + text;
        if (!Uri.TryCreate(withScheme, UriKind.Absolute, out var url) || !Hosts.Contains(url.Host))
        {
            return false;
        }

        var segments = url.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var query = System.Web.HttpUtility.ParseQueryString(url.Query);
        if (segments is ["profile.php"] && query["id"] is { } id && IdPattern().IsMatch(id))
        {
            parsed = new FacebookAccount(id, null);
        }
        else if (segments is ["people" or "pages", _, var last, ..] && IdPattern().IsMatch(last))
        {
            parsed = new FacebookAccount(last, null);
        }
        else if (segments is [var only] && IdPattern().IsMatch(only))
        {
            parsed = new FacebookAccount(only, null);
        }
        else if (segments is [var alias] && AliasPattern().IsMatch(alias) && !alias.EndsWith(".php", StringComparison.OrdinalIgnoreCase))
        {
            parsed = new FacebookAccount(null, alias);
        }

        problem = parsed is null ? problem : null;
        return parsed is not null;
    }

    [GeneratedRegex("^[0-9]{5,25}$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();

    // Page usernames are letters, digits and dots (older Pages: dashes too).
    [GeneratedRegex("^[A-Za-z0-9](?:[A-Za-z0-9.-]{0,48}[A-Za-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex AliasPattern();
}
