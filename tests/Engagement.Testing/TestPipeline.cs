using Engagement.LocalHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Engagement.Testing;

/// <summary>
/// The real pipeline wired to a test's Azurite, with its own tables and queue (so tests never see each other's
/// rows), a fake clock, and an import root of its own.
/// </summary>
public sealed class TestPipeline : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    public TestPipeline(
        AzuriteFixture azurite,
        DateTimeOffset? now = null,
        IDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? configure = null)
    {
        Prefix = AzuriteFixture.UniquePrefix();
        ImportRoot = Directory.CreateTempSubdirectory("engagement-imports-").FullName;
        Time = new FakeTimeProvider(now ?? new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero));
        var values = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["Engagement:TablePrefix"] = Prefix,
            ["Engagement:IngestQueueName"] = "jobs-" + Prefix.ToLowerInvariant(),
            ["Engagement:ImportRoot"] = ImportRoot,

            // Beside the import root, so the pipeline's key goes with it and no test writes into the user's profile.
            ["Engagement:PseudonymKeyPath"] = Path.Combine(ImportRoot + "-key", "pseudonym.key"),
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        Configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(Time);
        services.AddSingleton(Configuration);
        services.AddEngagementLocalHost(Configuration);
        configure?.Invoke(services);
        _services = services.BuildServiceProvider();
    }

    public string Prefix { get; }

    public string ImportRoot { get; }

    public FakeTimeProvider Time { get; }

    public IConfiguration Configuration { get; }

    public IServiceProvider Services => _services;

    public T Get<T>()
        where T : notnull => _services.GetRequiredService<T>();

    /// <summary>Writes an import file under this pipeline's import root and returns its relative path.</summary>
    public string WriteImport(string relativePath, IEnumerable<string> lines)
    {
        var full = Path.Combine(ImportRoot, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllLines(full, lines);
        return relativePath;
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        Directory.Delete(ImportRoot, recursive: true);
        if (Directory.Exists(ImportRoot + "-key"))
        {
            Directory.Delete(ImportRoot + "-key", recursive: true);
        }
    }
}
