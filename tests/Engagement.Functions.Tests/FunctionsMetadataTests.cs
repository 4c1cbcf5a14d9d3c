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
            ApiRoutes.All.GroupBy(r => (r.Name, r.Template)).Select(g => $"{g.Key.Name} {string.Join(',', g.Select(r => r.Method.ToLowerInvariant()))} {g.Key.Template}").Order(),
            http.Select(f => $"{f.Name} {string.Join(',', f.Trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()))} {f.Trigger.GetProperty("route").GetString()}").Order());
    }

    [Fact]
    public void TheFunctionClassesDeclareTheSameRoutesAsTheMetadata() =>
        Assert.Equal(
            ApiRoutes.All.GroupBy(r => (r.Name, r.Template)).Select(g => $"{string.Join(',', g.Select(r => r.Method))} {g.Key.Template}").Order(),
            HttpFunctions.All.Select(f => $"{string.Join(',', f.Trigger.Methods!).ToUpperInvariant()} {f.Trigger.Route}").Order());

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
    public void TheAppHasTheTwoTriggersAndOneFunctionPerRoute() =>
        Assert.Equal(
            ApiRoutes.All.Select(r => r.Name).Distinct().Append("IngestChannel").Append("ScheduleTick").Order(),
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
