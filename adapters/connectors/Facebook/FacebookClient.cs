using Engagement.Connectors.Meta;
using Engagement.Connectors.Platforms;
using Microsoft.Extensions.Options;

namespace Engagement.Connectors.Facebook;

/// <summary>The typed client of the Graph API for Facebook Pages (the shared Graph rules are <see cref="GraphClient"/>'s).</summary>
internal sealed class FacebookClient(HttpClient http, TimeProvider time, IOptions<PlatformsOptions> options) : GraphClient(http, time, options)
{
    public const string Permissions = "pages_show_list, pages_read_engagement and pages_read_user_content";

    protected override string Product => "Facebook";

    protected override string TokenNeeds => $"a Page access token of the Page, with {Permissions}";
}
