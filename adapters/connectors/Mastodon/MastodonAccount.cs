using System.Text.RegularExpressions;
using Engagement.Connectors.Platforms;

namespace Engagement.Connectors.Mastodon;

/// <summary>
/// A Mastodon channel's account: <c>@user@host</c>, <c>user@host</c> or the profile URL <c>https://host/@user</c>.
/// The host is the brand's own server, which every call goes to (account and status ids are that server's).
/// </summary>
internal sealed partial record MastodonAccount(Uri Server, string Username)
{
    public const string Syntax = "@user@host or the profile URL https://host/@user";

    /// <summary>The handle as people write it: <c>@user@host</c>.</summary>
    public string Handle => $"@{Username}@{Server.Authority}";

    public static bool TryParse(string? account, out MastodonAccount? parsed, out string? problem)
    {
        parsed = null;
        problem = null;
        var text = account?.Trim() ?? "";
        if (text.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || !string.IsNullOrEmpty(url.Query) || !string.IsNullOrEmpty(url.Fragment))
            {
                problem = $"'{text}' is not a profile URL; a Mastodon account is {Syntax}";
                return false;
            }

            if (PlatformUris.Problem(url) is { } urlProblem)
            {
                problem = $"the profile URL {urlProblem}";
                return false;
            }

            var path = url.AbsolutePath.TrimEnd('/');
            if (!path.StartsWith("/@", StringComparison.Ordinal) || !UsernamePattern().IsMatch(path[2..]))
            {
                problem = $"'{text}' is not a profile URL of the form https://host/@user";
                return false;
            }

            parsed = new MastodonAccount(new Uri(url.GetLeftPart(UriPartial.Authority)), path[2..]);
            return true;
        }

        var parts = text.TrimStart('@').Split('@');
        if (parts.Length != 2 || !UsernamePattern().IsMatch(parts[0]))
        {
            problem = $"'{text}' is not a Mastodon account: give {Syntax} (the server is needed: ids belong to it)";
            return false;
        }

        if (!Uri.TryCreate("https://" + parts[1], UriKind.Absolute, out var server) || server.AbsolutePath != "/" || Uri.CheckHostName(server.Host) == UriHostNameType.Unknown || !server.Host.Contains('.', StringComparison.Ordinal) && !server.IsLoopback)
        {
            problem = $"'{parts[1]}' is not a server name; a Mastodon account is {Syntax}";
            return false;
        }

        parsed = new MastodonAccount(new Uri(server.GetLeftPart(UriPartial.Authority)), parts[0]);
        return true;
    }

    // Mastodon's own usernames are letters, digits and underscores; other servers add dots and dashes inside.
    [GeneratedRegex("^[A-Za-z0-9_]+(?:[.-][A-Za-z0-9_]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex UsernamePattern();
}
