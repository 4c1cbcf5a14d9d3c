using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Engagement.Functions.Tests;

/// <summary>The worker exports telemetry only when Application Insights is configured, once, with the app's identity.</summary>
public sealed class TelemetryTests
{
    [Fact]
    public void WithoutAConnectionStringNothingIsExported()
    {
        var services = Register(new Dictionary<string, string?>());

        Assert.DoesNotContain(services, s => IsAzureMonitor(s.ServiceType) || IsAzureMonitor(s.ImplementationType));
    }

    [Fact]
    public void WithAConnectionStringTheAzureMonitorExporterIsAdded()
    {
        var services = Register(new Dictionary<string, string?>
        {
            [Telemetry.ConnectionStringSetting] = "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://example.invalid/",
        });

        Assert.Contains(services, s => IsAzureMonitor(s.ServiceType) || IsAzureMonitor(s.ImplementationType));
    }

    [Theory]
    [InlineData("ClientId=3f2c;Authorization=AAD", "3f2c")]
    [InlineData("Authorization=AAD", null)]
    [InlineData(null, null)]
    public void TheExportingIdentityIsTheClientIdOfTheAuthenticationString(string? authentication, string? clientId) =>
        Assert.Equal(clientId, Telemetry.ClientIdOf(authentication));

    private static ServiceCollection Register(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddEngagementTelemetry(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        return services;
    }

    private static bool IsAzureMonitor(Type? type) =>
        type?.FullName?.Contains("AzureMonitor", StringComparison.Ordinal) == true
        || (type?.IsGenericType == true && type.GetGenericArguments().Any(IsAzureMonitor));
}
