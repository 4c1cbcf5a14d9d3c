using System.ComponentModel.DataAnnotations;
using Engagement.Connectors.Platforms;

namespace Engagement.Connectors.Bluesky;

/// <summary>
/// Bluesky (<c>Engagement__Platforms__Bluesky__*</c>): public reads go to the AppView at <see cref="PlatformEndpoint.BaseUrl"/>
/// (<c>https://public.api.bsky.app</c>); with an app password a session is created at <see cref="ServiceUrl"/>, and
/// notifications are read from the account's own PDS, which the session names.
/// </summary>
internal sealed class BlueskyOptions : PlatformEndpoint
{
    public BlueskyOptions() => BaseUrl = new Uri("https://public.api.bsky.app");

    /// <summary>
    /// Where sessions are created from app passwords (<c>com.atproto.server.createSession</c>). Default:
    /// <c>https://bsky.social</c>, the entryway of every account Bluesky hosts; an account on its own PDS needs that PDS here.
    /// </summary>
    public Uri? ServiceUrl { get; set; } = new("https://bsky.social");

    /// <summary>Posts per <c>getAuthorFeed</c> page (the AppView's maximum is 100). Default: 100.</summary>
    [Range(1, 100)]
    public int PageSize { get; set; } = 100;

    /// <summary>Notifications per page (maximum 100). Default: 100.</summary>
    [Range(1, 100)]
    public int NotificationsPageSize { get; set; } = 100;

    /// <summary>
    /// Levels of replies one <c>getPostThread</c> call returns (the API's default is 6, its maximum 1,000); a reply at
    /// the last level that has replies of its own is read with another call. Default: 10.
    /// </summary>
    [Range(1, 1000)]
    public int ThreadDepth { get; set; } = 10;
}
