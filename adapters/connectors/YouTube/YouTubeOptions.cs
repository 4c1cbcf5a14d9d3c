using System.ComponentModel.DataAnnotations;
using Engagement.Connectors.Platforms;

namespace Engagement.Connectors.YouTube;

/// <summary>YouTube Data API v3 (<c>Engagement__Platforms__YouTube__*</c>); every list call costs one quota unit per page.</summary>
internal sealed class YouTubeOptions : PlatformEndpoint
{
    public YouTubeOptions() => BaseUrl = new Uri("https://www.googleapis.com/youtube/v3");

    /// <summary>Videos per page of the uploads playlist (the API's maximum is 50). Default: 50.</summary>
    [Range(1, 50)]
    public int PageSize { get; set; } = 50;

    /// <summary>Comment threads per page, for a video and for the channel's inbound stream (maximum 100). Default: 100.</summary>
    [Range(1, 100)]
    public int CommentsPageSize { get; set; } = 100;
}
