using System.Text.Json;
using Engagement.Http;
using Engagement.Testing;

namespace Engagement.Functions.Tests;

/// <summary>The function index the Functions host reads, as the build wrote it.</summary>
public sealed class FunctionsMetadataTests
{
    private static readonly JsonElement[] Functions = Load();

    [Fact]
    public void TheHttpFunctionsAreExactlyTheRoutesOfTheListAndLeaveTheKeyCheckToTheApp()
    {
        var http = Functions
            .Select(f => (Name: f.GetProperty("name").GetString()!, Trigger: f.GetProperty("bindings").EnumerateArray().SingleOrDefault(b => b.GetProperty("type").GetString() == "httpTrigger")))
            .Where(f => f.Trigger.ValueKind == JsonValueKind.Object)
            .ToList();

        // The host knows only its own function keys, so it lets every request through and EngagementApi checks ours.
        Assert.All(http, f => Assert.Equal("Anonymous", f.Trigger.GetProperty("authLevel").GetString()));
        Assert.Equal(
            ApiRoutes.All.Select(r => $"{r.Name} {r.Method.ToLowerInvariant()} {r.Template}").Order(),
            http.Select(f => $"{f.Name} {string.Join(',', f.Trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()))} {f.Trigger.GetProperty("route").GetString()}").Order());
    }

    [Fact]
    public void TheFunctionClassesDeclareTheSameRoutesAsTheMetadata() =>
        Assert.Equal(
            ApiRoutes.All.Select(r => $"{r.Method} {r.Template}").Order(),
            HttpFunctions.All.Select(f => $"{string.Join(',', f.Trigger.Methods!).ToUpperInvariant()} {f.Trigger.Route}").Order());

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
    public void TheAppHasTheTwoTriggersAndOneFunctionPerRoute() =>
        Assert.Equal(
            ApiRoutes.All.Select(r => r.Name).Append("IngestChannel").Append("ScheduleTick").Order(),
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
