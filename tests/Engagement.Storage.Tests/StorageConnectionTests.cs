using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Engagement.Storage.Tests;

/// <summary><c>AzureWebJobsStorage</c> read as the Functions host reads it, the identity branch included.</summary>
public sealed class StorageConnectionTests
{
    private static readonly Uri TableUri = new("https://engagementst.table.core.windows.net");
    private static readonly Uri QueueUri = new("https://engagementst.queue.core.windows.net");

    [Fact]
    public void ServiceUrisWithAClientIdMeanAUserAssignedIdentityAndNoConnectionString()
    {
        var storage = StorageConnection.From(Configuration(new()
        {
            ["AzureWebJobsStorage:tableServiceUri"] = TableUri.ToString(),
            ["AzureWebJobsStorage:queueServiceUri"] = QueueUri.ToString(),
            ["AzureWebJobsStorage:clientId"] = "0f5c3a52-0000-4000-8000-000000000001",
        }));

        Assert.True(storage.UsesIdentity);
        Assert.Null(storage.ConnectionString);
        Assert.Equal(TableUri, storage.TableServiceUri);
        Assert.Equal(QueueUri, storage.QueueServiceUri);
        Assert.Equal("0f5c3a52-0000-4000-8000-000000000001", storage.ClientId);
    }

    [Fact]
    public void WithIdentityTheClientsPointAtTheServiceUris()
    {
        var services = new ServiceCollection().AddLogging().AddEngagementStorage(Configuration(new()
        {
            ["AzureWebJobsStorage:tableServiceUri"] = TableUri.ToString(),
            ["AzureWebJobsStorage:queueServiceUri"] = QueueUri.ToString(),
        })).BuildServiceProvider();

        var tables = services.GetRequiredService<TableServiceClient>();
        var queues = services.GetRequiredService<QueueServiceClient>();

        Assert.Equal(TableUri.Host, tables.Uri.Host);
        Assert.Equal(QueueUri.Host, queues.Uri.Host);
    }

    [Fact]
    public void NothingSetMeansTheDevelopmentStorage()
    {
        var storage = StorageConnection.From(Configuration([]));

        Assert.True(storage.IsDevelopmentStorage);
        Assert.False(storage.UsesIdentity);
    }

    [Fact]
    public void OneUriWithoutTheOtherIsRefused()
    {
        var failure = Assert.Throws<InvalidOperationException>(() => StorageConnection.From(Configuration(new()
        {
            ["AzureWebJobsStorage:tableServiceUri"] = TableUri.ToString(),
        })));

        Assert.Contains("queueServiceUri", failure.Message, StringComparison.Ordinal);
    }

    private static IConfiguration Configuration(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();
}
