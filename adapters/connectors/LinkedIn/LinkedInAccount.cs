using System.Text.RegularExpressions;

namespace Engagement.Connectors.LinkedIn;

/// <summary>
/// A LinkedIn channel's account: the organization (Company Page) by its id (<c>89541236</c>,
/// <c>urn:li:organization:89541236</c>, <c>https://www.linkedin.com/company/89541236/</c>) or by its vanity name
/// (<c>forno-brunetti</c>, <c>https://www.linkedin.com/company/forno-brunetti/</c>), which is resolved once to the id.
/// </summary>
internal sealed partial record LinkedInAccount(string? Id, string? VanityName)
{
    public const string Syntax = "the organization id (digits or urn:li:organization:ID), its vanity name, or its page URL https://www.linkedin.com/company/NAME";

    public const string OrganizationPrefix = "urn:li:organization:";

    public static string UrnOf(string id) => OrganizationPrefix + id;

    public static bool TryParse(string? account, out LinkedInAccount? parsed, out string? problem)
    {
        parsed = null;
        problem = null;
        var text = account?.Trim() ?? "";
        if (text.StartsWith(OrganizationPrefix, StringComparison.Ordinal))
        {
            text = text[OrganizationPrefix.Length..];
            parsed = IdPattern().IsMatch(text) ? new LinkedInAccount(text, null) : null;
        }
        else if (text.Contains("linkedin.com", StringComparison.OrdinalIgnoreCase))
        {
            var withScheme = text.Contains("://", StringComparison.Ordinal) ? text : "https://" + text;
            if (Uri.TryCreate(withScheme, UriKind.Absolute, out var url)
                && (url.Host.Equals("linkedin.com", StringComparison.OrdinalIgnoreCase) || url.Host.EndsWith(".linkedin.com", StringComparison.OrdinalIgnoreCase))
                && url.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries) is ["company" or "showcase", var name, ..])
            {
                parsed = Of(Uri.UnescapeDataString(name));
            }
        }
        else
        {
            parsed = Of(text);
        }

        problem = parsed is null ? $"'{account}' is not a LinkedIn organization: give {Syntax}" : null;
        return parsed is not null;
    }

    private static LinkedInAccount? Of(string text) =>
        IdPattern().IsMatch(text) ? new LinkedInAccount(text, null)
        : VanityPattern().IsMatch(text) ? new LinkedInAccount(null, text)
        : null;

    [GeneratedRegex("^[0-9]{1,20}$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$", RegexOptions.CultureInvariant)]
    private static partial Regex VanityPattern();
}
