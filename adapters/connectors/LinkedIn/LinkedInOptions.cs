using System.Text.RegularExpressions;
using Engagement.Connectors.Platforms;

namespace Engagement.Connectors.LinkedIn;

/// <summary>
/// LinkedIn's versioned REST API (<c>Engagement__Platforms__LinkedIn__*</c>): the root, the <c>LinkedIn-Version</c>
/// every call carries, and how many items each listing asks for.
/// </summary>
internal sealed partial class LinkedInOptions : PlatformEndpoint
{
    public const int MaxPageSize = 100;

    /// <summary>
    /// The API version, <c>YYYYMM</c>, sent as <c>LinkedIn-Version</c>. LinkedIn retires a version about a year after its
    /// release, so this is raised once a year. Default: 202611.
    /// </summary>
    public string Version { get; set; } = "202611";

    /// <summary>Posts per page of <c>/posts?q=author</c> (and posts per <c>socialMetadata</c> batch). Default: 50.</summary>
    public int PageSize { get; set; } = 50;

    /// <summary>Comments per page of <c>/socialActions/{urn}/comments</c>. Default: 50.</summary>
    public int CommentsPageSize { get; set; } = 50;

    public override IEnumerable<string> Problems(string section)
    {
        if (!VersionPattern().IsMatch(Version ?? ""))
        {
            yield return $"{section}__Version must be a LinkedIn API version as YYYYMM, such as 202611.";
        }

        foreach (var (name, value) in new[] { (nameof(PageSize), PageSize), (nameof(CommentsPageSize), CommentsPageSize) })
        {
            if (value is < 1 or > MaxPageSize)
            {
                yield return $"{section}__{name} must be from 1 to {MaxPageSize}.";
            }
        }
    }

    [GeneratedRegex("^20[0-9]{2}(0[1-9]|1[0-2])$", RegexOptions.CultureInvariant)]
    private static partial Regex VersionPattern();
}
