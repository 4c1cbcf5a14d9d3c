using Engagement.Core.Domain;
using Engagement.Core.Ports;
using Engagement.Testing;

namespace Engagement.Connectors.Tests.Facebook;

/// <summary>A Facebook channel of Forno Brunetti on the replay server, as a job would ask for it.</summary>
internal static class FacebookChannel
{
    /// <summary>The day after the recordings were made: the fixtures' <c>since</c> is this day less 90 days.</summary>
    public static readonly DateTimeOffset Now = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);

    /// <summary>The connectors with the Graph API root on the replay server and the fixtures' page sizes.</summary>
    public static ConnectorHost Host(PlatformReplay replay, IDictionary<string, string?>? settings = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["Engagement:Platforms:Meta:BaseUrl"] = replay.GraphRoot().AbsoluteUri,
            ["Engagement:Platforms:Meta:PageSize"] = "4",
            ["Engagement:Platforms:Meta:CommentsPageSize"] = "25",
            ["Engagement:Platforms:Meta:InboundPageSize"] = "25",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        return new ConnectorHost(values, Now);
    }

    public static ConnectorRequest Request(string account = FacebookReplay.PageId, string? cursor = null, string? token = FacebookReplay.Token, int maxItems = 500, int maxRequests = 50, string platform = "facebook") => new(
        new ChannelDefinition { ClientId = "brunetti", Id = "fb", Platform = platform, Account = account, SecretName = token is null ? null : "brunetti-fb" },
        cursor,
        new PageBudget(maxItems, maxRequests),
        ChannelSettings.Default,
        token is null ? ChannelToken.None : ChannelToken.Of("brunetti-fb", token));
}
