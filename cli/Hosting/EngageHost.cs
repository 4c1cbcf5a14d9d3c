using Engagement.LocalHost;
using Engagement.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Engagement.Cli.Hosting;

/// <summary>
/// The CLI's composition root: the local host's registrations (the Functions app's core and adapters plus the local
/// triggers), configured from environment variables (<c>AzureWebJobsStorage</c>, <c>Engagement__*</c>), with Azurite
/// started on demand.
/// </summary>
internal sealed class EngageHost : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly Azurite? _azurite;

    private EngageHost(IHost host, Azurite? azurite)
    {
        _host = host;
        _azurite = azurite;
    }

    public IServiceProvider Services => _host.Services;

    public T Get<T>()
        where T : notnull => _host.Services.GetRequiredService<T>();

    /// <summary>
    /// Builds the host. With the development storage setting and nothing listening on the table port, Azurite is
    /// started from tools/azurite with its data in <c>.azurite/</c> beside it, and stopped again on dispose.
    /// </summary>
    public static async Task<EngageHost> StartAsync(
        IDictionary<string, string?>? overrides = null,
        bool needsStorage = true,
        LogLevel logLevel = LogLevel.Warning,
        IProgress<string>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var configuration = new ConfigurationBuilder()
            .AddEnvironmentVariables()
            .AddInMemoryCollection(overrides ?? new Dictionary<string, string?>())
            .Build();

        var azurite = needsStorage ? await EnsureLocalStorageAsync(configuration, progress, cancellationToken).ConfigureAwait(false) : null;

        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { Configuration = new ConfigurationManager() });
        builder.Configuration.AddConfiguration(configuration);
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss ";
        });
        builder.Logging.SetMinimumLevel(logLevel);
        builder.Logging.AddFilter("Azure", LogLevel.Warning);
        builder.Services.AddEngagementLocalHost(builder.Configuration);
        var host = builder.Build();
        return new EngageHost(host, azurite);
    }

    /// <summary>Starts Azurite when storage is the development one and nothing serves it yet; null otherwise.</summary>
    public static async Task<Azurite?> EnsureLocalStorageAsync(IConfiguration configuration, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        var storage = StorageConnection.From(configuration);
        if (!storage.IsDevelopmentStorage || Azurite.IsListening(Azurite.DefaultTablePort))
        {
            return null;
        }

        var package = Azurite.FindPackageDirectory();
        var location = package is null ? null : Path.Combine(package, ".azurite");
        return await Azurite.StartAsync(location, Azurite.DefaultBlobPort, Azurite.DefaultQueuePort, Azurite.DefaultTablePort, progress, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        _host.Dispose();
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync().ConfigureAwait(false);
        }
    }
}
