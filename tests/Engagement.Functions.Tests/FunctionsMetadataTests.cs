using System.Text.Json;
using Engagement.Testing;

namespace Engagement.Functions.Tests;

/// <summary>The function index the Functions host reads, as the build wrote it.</summary>
public sealed class FunctionsMetadataTests
{
    private static readonly JsonElement[] Functions = Load();

    [Theory]
    [InlineData("Score", "post", "score")]
    [InlineData("UpsertClient", "put", "clients/{clientId}")]
    [InlineData("ClientReport", "get", "clients/{clientId}/report")]
    [InlineData("RunClient", "post", "clients/{clientId}/runs")]
    [InlineData("ListClients", "get", "clients")]
    [InlineData("GetClient", "get", "clients/{clientId}")]
    [InlineData("ListRuns", "get", "clients/{clientId}/runs")]
    [InlineData("ClientInbox", "get", "clients/{clientId}/inbox")]
    [InlineData("CorrectLabel", "put", "clients/{clientId}/interactions/{interactionId}/label")]
    public void HttpFunctionsNeedAFunctionKeyOnTheirRoute(string name, string method, string route)
    {
        var trigger = Trigger(name, "httpTrigger");

        Assert.Equal("Function", trigger.GetProperty("authLevel").GetString());
        Assert.Equal([method], trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal(route, trigger.GetProperty("route").GetString());
    }

    [Fact]
    public void EveryHttpFunctionIsDrivenWithBadInput()
    {
        var routes = Functions
            .SelectMany(f => f.GetProperty("bindings").EnumerateArray())
            .Where(b => b.GetProperty("type").GetString() == "httpTrigger")
            .Select(b => b.GetProperty("route").GetString()!)
            .Order(StringComparer.Ordinal);

        Assert.Equal(routes, BadInputs.Routes.Order(StringComparer.Ordinal));
        Assert.All(BadInputs.Routes.Except(BadInputs.WithoutInput), r => Assert.Contains(BadInputs.All, b => b.Route == r));
    }

    [Fact]
    public void TheMetaWebhookIsAnonymousBecauseMetaSignsInsteadOfSendingAKey()
    {
        var trigger = Trigger("MetaWebhook", "httpTrigger");

        Assert.Equal("Anonymous", trigger.GetProperty("authLevel").GetString());
        Assert.Equal(["get", "post"], trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal("webhooks/meta", trigger.GetProperty("route").GetString());
    }

    [Fact]
    public void ScheduleTickRunsOnTheScheduleSetting()
    {
        var trigger = Trigger("ScheduleTick", "timerTrigger");

        Assert.Equal("%Engagement:ScheduleTickCron%", trigger.GetProperty("schedule").GetString());
    }

    [Fact]
    public void IngestChannelReadsTheIngestQueueFromStorage()
    {
        var trigger = Trigger("IngestChannel", "queueTrigger");

        Assert.Equal("%Engagement:IngestQueueName%", trigger.GetProperty("queueName").GetString());
        Assert.Equal("AzureWebJobsStorage", trigger.GetProperty("connection").GetString());
    }

    [Fact]
    public void TheAppHasExactlyItsTwelveFunctions() =>
        Assert.Equal(
            ["ClientInbox", "ClientReport", "CorrectLabel", "GetClient", "IngestChannel", "ListClients", "ListRuns", "MetaWebhook", "RunClient", "ScheduleTick", "Score", "UpsertClient"],
            Functions.Select(f => f.GetProperty("name").GetString()).Order());

    [Fact]
    public void HostJsonRetriesAMessageFiveTimesBeforePoisoningIt()
    {
        using var host = JsonDocument.Parse(File.ReadAllText(RepositoryPaths.Combine("host.json")));
        var queues = host.RootElement.GetProperty("extensions").GetProperty("queues");

        Assert.Equal(5, queues.GetProperty("maxDequeueCount").GetInt32());
        Assert.Equal("base64", queues.GetProperty("messageEncoding").GetString());
    }

    private static JsonElement Trigger(string function, string type) =>
        Functions.Single(f => f.GetProperty("name").GetString() == function)
            .GetProperty("bindings").EnumerateArray()
            .Single(b => b.GetProperty("type").GetString() == type);

    private static JsonElement[] Load()
    {
        // The build writes functions.metadata beside the app.
        var path = Path.Combine(FunctionsBuild.OutputFolder, "functions.metadata");
        return JsonDocument.Parse(File.ReadAllText(path)).RootElement.EnumerateArray().ToArray();
    }
}
