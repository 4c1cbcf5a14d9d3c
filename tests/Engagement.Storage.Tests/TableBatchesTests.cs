using Azure;
using Azure.Data.Tables;

namespace Engagement.Storage.Tests;

public sealed class TableBatchesTests
{
    [Fact]
    public void BatchesHoldOnePartitionAndAtMostAHundredEntities()
    {
        var entities = Enumerable.Range(0, 250).Select(i => Entity($"p{i % 2}", $"r{i}")).ToList();

        var batches = TableBatches.Plan(entities, _ => 100).ToList();

        Assert.All(batches, b => Assert.Single(b.Select(e => e.PartitionKey).Distinct()));
        Assert.All(batches, b => Assert.InRange(b.Count, 1, TableBatches.MaxOperations));
        Assert.Equal(250, batches.Sum(b => b.Count));
        Assert.Equal(4, batches.Count);
    }

    [Fact]
    public void BatchesStayUnderThePayloadLimit()
    {
        var entities = Enumerable.Range(0, 40).Select(i => Entity("p", $"r{i}")).ToList();

        var batches = TableBatches.Plan(entities, _ => 256 * 1024).ToList();

        Assert.All(batches, b => Assert.True(b.Count * 256 * 1024 <= TableBatches.MaxPayloadBytes));
        Assert.Equal(40, batches.Sum(b => b.Count));
    }

    private static TableEntity Entity(string partition, string row) => new(partition, row) { ETag = ETag.All };
}
