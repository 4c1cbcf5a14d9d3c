using System.Net.Http.Headers;

namespace Engagement.Connectors.Platforms;

/// <summary>Reads RFC 8288 <c>Link</c> headers (<c>&lt;url&gt;; rel="next", &lt;url&gt;; rel="prev"</c>), as Mastodon pages with.</summary>
internal static class LinkHeader
{
    /// <summary>The absolute URL of the link with relation <paramref name="rel"/>, or null.</summary>
    public static Uri? Find(HttpResponseHeaders headers, string rel, Uri? relativeTo = null)
    {
        if (!headers.TryGetValues("Link", out var values))
        {
            return null;
        }

        foreach (var link in values.SelectMany(Split))
        {
            var open = link.IndexOf('<', StringComparison.Ordinal);
            var close = link.IndexOf('>', open + 1);
            if (open < 0 || close < 0)
            {
                continue;
            }

            var parameters = link[(close + 1)..].Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            var matches = parameters.Any(p =>
            {
                var eq = p.IndexOf('=', StringComparison.Ordinal);
                return eq > 0
                    && p[..eq].Trim().Equals("rel", StringComparison.OrdinalIgnoreCase)
                    && p[(eq + 1)..].Trim().Trim('"').Split(' ').Contains(rel, StringComparer.OrdinalIgnoreCase);
            });
            if (!matches)
            {
                continue;
            }

            var target = link[(open + 1)..close].Trim();
            if (Uri.TryCreate(target, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https")
            {
                return absolute;
            }

            if (relativeTo is not null && Uri.TryCreate(relativeTo, target, out var resolved))
            {
                return resolved;
            }
        }

        return null;
    }

    // Commas separate links, but a URL may hold commas: split only on commas that end a link's parameters.
    private static IEnumerable<string> Split(string header)
    {
        var start = 0;
        var inUrl = false;
        var inQuotes = false;
        for (var i = 0; i < header.Length; i++)
        {
            switch (header[i])
            {
                case '<' when !inQuotes:
                    inUrl = true;
                    break;
                case '>' when !inQuotes:
                    inUrl = false;
                    break;
                case '"' when !inUrl:
                    inQuotes = !inQuotes;
                    break;
                case ',' when !inUrl && !inQuotes:
                    yield return header[start..i];
                    start = i + 1;
                    break;
            }
        }

        yield return header[start..];
    }
}
