using System.Text.RegularExpressions;

namespace Engagement.Core.Domain;

/// <summary>The id rule of clients and channels: safe in a URL, a table key and a queue message as they are.</summary>
public static partial class Ids
{
    /// <summary>What a valid id looks like, for messages.</summary>
    public const string Rule = "1 to 63 lowercase letters, digits and inner dashes.";

    /// <summary>Lowercase letters, digits and inner dashes, at most 63: keys need no encoding.</summary>
    public static bool IsValid(string? id) => id is not null && IdPattern().IsMatch(id);

    [GeneratedRegex("^[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}
