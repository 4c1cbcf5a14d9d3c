using Engagement.Core.Domain;
using Engagement.Core.Ports;
using Engagement.Testing;

namespace Engagement.Connectors.Tests.LinkedIn;

/// <summary>A LinkedIn channel of Forno Brunetti on the replay server, as a job would ask for it.</summary>
internal static class LinkedInChannel
{
    public static readonly DateTimeOffset Now = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);

    /// <summary>The connectors with the API root on the replay server and the fixtures' page sizes.</summary>
    public static ConnectorHost Host(PlatformReplay replay) => new(
        new Dictionary<string, string?>
        {
            ["Engagement:Platforms:LinkedIn:BaseUrl"] = replay.RestRoot().AbsoluteUri,
            ["Engagement:Platforms:LinkedIn:PageSize"] = "5",
            ["Engagement:Platforms:LinkedIn:CommentsPageSize"] = "10",
        },
        Now);

    public static ConnectorRequest Request(string account = "89541236", string? cursor = null, string? token = LinkedInReplay.Token, int maxRequests = 50) => new(
        new ChannelDefinition { ClientId = "brunetti", Id = "li", Platform = "linkedin", Account = account, SecretName = token is null ? null : "brunetti-li" },
        cursor,
        new PageBudget(500, maxRequests),
        ChannelSettings.Default,
        token is null ? ChannelToken.None : ChannelToken.Of("brunetti-li", token));
}
