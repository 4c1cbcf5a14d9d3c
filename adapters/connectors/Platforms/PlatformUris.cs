using System.Text;

namespace Engagement.Connectors.Platforms;

/// <summary>Building and checking the URLs connectors call.</summary>
internal static class PlatformUris
{
    /// <summary>
    /// Tokens travel only over TLS; plain <c>http://</c> is accepted for loopback addresses alone, so tests (and a
    /// local proxy) can stand in for a platform without a certificate.
    /// </summary>
    public static string? Problem(Uri uri)
    {
        if (!uri.IsAbsoluteUri)
        {
            return "must be an absolute URL";
        }

        if (uri.Scheme == Uri.UriSchemeHttps)
        {
            return null;
        }

        return uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback
            ? null
            : "must use https:// (plain http:// is only for loopback addresses such as 127.0.0.1)";
    }

    /// <summary>
    /// <paramref name="relativePath"/> under <paramref name="baseUrl"/>, keeping the base's own path: with
    /// <c>https://www.googleapis.com/youtube/v3</c> and <c>commentThreads</c> the result is
    /// <c>.../youtube/v3/commentThreads</c>, where <c>new Uri(base, relative)</c> would drop <c>v3</c> (no trailing slash)
    /// or the whole path (a leading slash). Query values are escaped; names are escaped too, so <c>types[]</c> is safe.
    /// </summary>
    public static Uri Combine(Uri baseUrl, string relativePath, IEnumerable<KeyValuePair<string, string>>? query = null)
    {
        var builder = new StringBuilder(baseUrl.GetLeftPart(UriPartial.Path).TrimEnd('/'));
        var path = relativePath.TrimStart('/');
        if (path.Length > 0)
        {
            builder.Append('/').Append(path);
        }

        var separator = '?';
        foreach (var (name, value) in query ?? [])
        {
            builder.Append(separator).Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
            separator = '&';
        }

        return new Uri(builder.ToString(), UriKind.Absolute);
    }

    /// <summary>
    /// True when <paramref name="candidate"/> is on the same scheme, host and port as <paramref name="origin"/>:
    /// a paging link elsewhere is never followed, since the request would carry the channel's token there.
    /// </summary>
    public static bool SameOrigin(Uri origin, Uri candidate) =>
        candidate.IsAbsoluteUri
        && string.Equals(origin.Scheme, candidate.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(origin.Host, candidate.Host, StringComparison.OrdinalIgnoreCase)
        && origin.Port == candidate.Port;

    /// <summary>
    /// A permalink a platform gives, kept only when it is an absolute <c>https://</c> or <c>http://</c> URL: reports
    /// link to it, so nothing else (a <c>javascript:</c> URL, a relative path) is stored.
    /// </summary>
    public static string? Permalink(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? uri.AbsoluteUri
            : null;
}
