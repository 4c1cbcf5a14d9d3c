using System.Collections.Concurrent;
using Engagement.Core.Domain;
using Engagement.Core.Ports;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Engagement.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Engagement.Connectors.Tests;

/// <summary>The connectors as a host registers them, on a fake clock, with settings and every log line kept.</summary>
internal sealed class ConnectorHost : IDisposable
{
    private readonly ServiceProvider _services;

    public ConnectorHost(IDictionary<string, string?>? settings = null, DateTimeOffset? now = null)
    {
        Time = new FakeTimeProvider(now ?? new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero));
        var values = new Dictionary<string, string?>
        {
            // The fixtures page by 5 statuses and 3 notifications; retries wait nothing on a fake clock.
            ["Engagement:Platforms:Mastodon:PageSize"] = "5",
            ["Engagement:Platforms:Mastodon:NotificationsPageSize"] = "3",
            ["Engagement:Platforms:RetryDelay"] = "00:00:00",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(new LogCapture(Logs)));
        services.AddSingleton<TimeProvider>(Time);
        services.AddEngagementConnectors(configuration);
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }

    public FakeTimeProvider Time { get; }

    public ConcurrentQueue<string> Logs { get; } = new();

    public IServiceProvider Services => _services;

    public IChannelConnector Connector(string platform) => _services.GetServices<IChannelConnector>().Single(c => c.Platform == platform);

    /// <summary>A request for a Mastodon channel on the replay server, as a job would make it.</summary>
    public static ConnectorRequest Request(Uri server, string? cursor = null, string? token = "user-token", int maxItems = 500, int maxRequests = 50, ChannelSettings? settings = null) => new(
        new ChannelDefinition { ClientId = "aurora", Id = "masto", Platform = "mastodon", Account = $"{server.GetLeftPart(UriPartial.Authority)}/@panificioaurora", SecretName = token is null ? null : "aurora-masto" },
        cursor,
        new PageBudget(maxItems, maxRequests),
        settings ?? ChannelSettings.Default,
        token is null ? ChannelToken.None : ChannelToken.Of("aurora-masto", token));

    public void Dispose() => _services.Dispose();
}
