using Engagement.Connectors.Platforms;

namespace Engagement.Connectors.Meta;

/// <summary>
/// Meta's Graph API, shared by the Facebook Pages and Instagram connectors (<c>Engagement__Platforms__Meta__*</c>): the
/// API root with its version, and how many items each listing asks for.
/// </summary>
internal sealed class MetaOptions : PlatformEndpoint
{
    /// <summary>The Graph API's largest page (<c>limit</c>); a larger one is an error.</summary>
    public const int MaxPageSize = 100;

    /// <summary>Posts of a Page, or media of an Instagram account, per page. Default: 100, the Graph API's maximum.</summary>
    public int PageSize { get; set; } = MaxPageSize;

    /// <summary>Comments of a Facebook post per page (Instagram's comments come 50 at most, whatever this says). Default: 100.</summary>
    public int CommentsPageSize { get; set; } = MaxPageSize;

    /// <summary>Items of the inbound listings (a Page's <c>/tagged</c>, an Instagram account's <c>/tags</c>) per page. Default: 100.</summary>
    public int InboundPageSize { get; set; } = MaxPageSize;

    public override IEnumerable<string> Problems(string section)
    {
        foreach (var (name, value) in new[] { (nameof(PageSize), PageSize), (nameof(CommentsPageSize), CommentsPageSize), (nameof(InboundPageSize), InboundPageSize) })
        {
            if (value is < 1 or > MaxPageSize)
            {
                yield return $"{section}__{name} must be from 1 to {MaxPageSize}.";
            }
        }
    }
}
