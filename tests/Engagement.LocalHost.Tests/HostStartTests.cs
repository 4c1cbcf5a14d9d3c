using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Engagement.LocalHost.Tests;

/// <summary>Invalid <c>Engagement__*</c> settings stop a host at start, with the setting named, not at the first request.</summary>
public sealed class HostStartTests
{
    [Theory]
    [InlineData("Engagement:ScheduleTickCron", "0 * * * *", "ScheduleTickCron")]
    [InlineData("Engagement:DefaultTimeZone", "Mars/Olympus", "DefaultTimeZone")]
    [InlineData("Engagement:IngestPageSize", "0", "IngestPageSize")]
    [InlineData("Engagement:IngestQueueName", "Ingest_Jobs", "IngestQueueName")]
    [InlineData("Engagement:TablePrefix", "1bad", "TablePrefix")]
    [InlineData("Engagement:ModelPath", "/nowhere/model.zip", "ModelPath")]
    public async Task AnInvalidSettingFailsTheStartNamingIt(string key, string value, string named)
    {
        using var host = Build(new Dictionary<string, string?> { [key] = value });

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(named, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheDefaultsStart()
    {
        using var host = Build([]);

        await host.StartAsync();
        await host.StopAsync();
    }

    private static IHost Build(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddEngagementLocalHost(builder.Configuration);
        return builder.Build();
    }
}
