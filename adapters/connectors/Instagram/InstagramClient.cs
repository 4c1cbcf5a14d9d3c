using Engagement.Connectors.Meta;
using Engagement.Connectors.Platforms;
using Microsoft.Extensions.Options;

namespace Engagement.Connectors.Instagram;

/// <summary>The typed client of the Graph API for Instagram professional accounts (the shared Graph rules are <see cref="GraphClient"/>'s).</summary>
internal sealed class InstagramClient(HttpClient http, TimeProvider time, IOptions<PlatformsOptions> options) : GraphClient(http, time, options)
{
    public const string Permissions = "instagram_basic, instagram_manage_comments, pages_read_engagement and pages_show_list";

    protected override string Product => "Instagram";

    protected override string TokenNeeds => $"a token of a person with a role on the Facebook Page the account is connected to, with {Permissions}";
}
