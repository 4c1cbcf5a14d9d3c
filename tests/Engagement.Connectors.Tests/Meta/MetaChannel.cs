using Engagement.Core.Domain;
using Engagement.Core.Ports;
using Engagement.Testing;

namespace Engagement.Connectors.Tests.Meta;

/// <summary>A Facebook or Instagram channel of Forno Brunetti on the replay server, as a job would ask for it.</summary>
internal static class MetaChannel
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

    public static ConnectorRequest Facebook(string account = FacebookReplay.PageId, string? cursor = null, string? token = FacebookReplay.Token, int maxRequests = 50) =>
        Request("facebook", account, cursor, token, maxRequests);

    public static ConnectorRequest Instagram(string account = InstagramReplay.AccountId, string? cursor = null, string? token = InstagramReplay.Token, int maxRequests = 50) =>
        Request("instagram", account, cursor, token, maxRequests);

    private static ConnectorRequest Request(string platform, string account, string? cursor, string? token, int maxRequests) => new(
        new ChannelDefinition { ClientId = "brunetti", Id = platform[..2], Platform = platform, Account = account, SecretName = token is null ? null : "brunetti-meta" },
        cursor,
        new PageBudget(500, maxRequests),
        ChannelSettings.Default,
        token is null ? ChannelToken.None : ChannelToken.Of("brunetti-meta", token));
}
