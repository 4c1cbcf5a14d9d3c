using System.Net;
using System.Text;
using System.Text.Json;
using Engagement.Cli.Hosting;
using Engagement.Core.Access;
using Engagement.Core.Interchange;
using Engagement.Core.Scoring;
using Engagement.Http;
using Engagement.Ml.Vocabulary;
using Engagement.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Configuration;

namespace Engagement.Cli.Tests;

/// <summary>The HTTP contract, run against <c>engage serve</c> over real loopback HTTP.</summary>
public sealed class ServeContractTests(AzuriteFixture azurite) : ApiContract(azurite), IClassFixture<AzuriteFixture>
{
    private WebApplication? _app;
    private HttpClient? _http;

    public override async Task InitializeAsync()
    {
        var url = $"http://127.0.0.1:{LocalServe.FreePort()}";
        _app = ServeApp.Build(Pipeline.Configuration, url, adminKey: null, triggers: false);
        await _app.StartAsync();
        _http = new HttpClient { BaseAddress = new Uri(url) };
    }

    public override async Task DisposeAsync()
    {
        _http?.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        await base.DisposeAsync();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-key")]
    public async Task RequestsWithoutTheFunctionKeyAreRefused(string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/score") { Content = new StringContent("""{"text":"hi"}""") };
        if (key is not null)
        {
            request.Headers.Add("x-functions-key", key);
        }

        using var response = await _http!.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task TheKeyMayComeAsTheCodeQueryParameter()
    {
        using var response = await _http!.PostAsync($"/api/score?code={AdminKey}", new StringContent("""{"text":"hi"}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public void ServeMapsEveryRouteOfTheListOnItsTemplate()
    {
        var endpoints = _app!.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => $"{e.DisplayName} {string.Join(',', e.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods)} {e.RoutePattern.RawText}")
            .Order();

        Assert.Equal(ApiRoutes.All.Select(r => $"{r.Name} {r.Method} /api/{r.Template}").Order(), endpoints);
    }

    [Fact]
    public void AnAdminKeyGivenToServeReplacesTheConfiguredHash()
    {
        using var app = ServeApp.Build(Pipeline.Configuration, "http://127.0.0.1:0", "another-admin-key", triggers: false);

        Assert.Equal(ApiKeys.Hash("another-admin-key"), app.Services.GetRequiredService<IOptions<AccessOptions>>().Value.AdminKeyHash);
    }

    [Fact]
    public async Task ServeAnswersAScoreStraightAfterStartAsItDidBeforeTheWarmUp()
    {
        var url = $"http://127.0.0.1:{LocalServe.FreePort()}";
        await using var app = ServeApp.Build(Pipeline.Configuration, url, adminKey: null, triggers: false);
        var requests = new ScoreRequest[]
        {
            new("Thanks for the quick reply! Can you tell me when the shop opens on Sunday?", "a", InteractionKind.Comment, Channel.Facebook, false, "en"),
            new("Our spring collection is live: https://example.com/spring #newin", "b", InteractionKind.Post, Channel.Instagram, true),
            new("Merci pour votre aide, tout est réglé 😊", "c", Language: "fr"),
        };
        // The answer of the app's own classifier before anything has warmed it up, written by reflection with the
        // interchange options: the warm-up must not change it, nor the generated serialiser the bytes.
        var scoring = app.Services.GetRequiredService<ScoringService>();
        var expected = JsonSerializer.Serialize(new ScoreBatchResult(scoring.ModelVersion, scoring.Score(requests)), InterchangeJson.Options);
        var warmUp = app.Services.GetRequiredService<ScoreWarmUp>();
        var before = warmUp.Requests;

        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(url) };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/score")
        {
            Content = new StringContent(
                """[{"id":"a","text":"Thanks for the quick reply! Can you tell me when the shop opens on Sunday?","kind":"comment","channel":"facebook","author_is_brand":false,"lang":"en"},{"id":"b","text":"Our spring collection is live: https://example.com/spring #newin","kind":"post","channel":"instagram","author_is_brand":true},{"id":"c","text":"Merci pour votre aide, tout est réglé 😊","lang":"fr"}]""",
                Encoding.UTF8,
                "application/json"),
        };
        request.Headers.Add(ApiRoutes.KeyHeader, AdminKey);
        using var response = await http.SendAsync(request);

        Assert.Equal(ScoreWarmUp.Rounds * 8, warmUp.Requests - before);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Equal(expected, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AStorageOutageAnswers503WithRetryAfterWithinSecondsAndOnlyACorrelationId()
    {
        var down = $"http://127.0.0.1:{LocalServe.FreePort()}/devstoreaccount1"; // nothing listens there
        var settings = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={Engagement.LocalHost.Azurite.AccountKey};TableEndpoint={down};QueueEndpoint={down};BlobEndpoint={down}",
        };
        var configuration = new ConfigurationBuilder().AddConfiguration(Pipeline.Configuration).AddInMemoryCollection(settings).Build();
        var url = $"http://127.0.0.1:{LocalServe.FreePort()}";
        await using var app = ServeApp.Build(configuration, url, adminKey: null, triggers: false);
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(url) };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/clients/acme/report");
        request.Headers.Add(ApiRoutes.KeyHeader, AdminKey);

        var started = TimeProvider.System.GetTimestamp();
        using var response = await http.SendAsync(request);
        var elapsed = TimeProvider.System.GetElapsedTime(started);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(10), response.Headers.RetryAfter?.Delta);
        Assert.InRange(elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(8));
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Matches("\"correlation_id\":\"[0-9a-f]{32}\"", body);
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
        Assert.DoesNotContain("127.0.0.1", body, StringComparison.Ordinal);
    }

    protected override async Task<ApiResponse> SendAsync(HttpMethod method, string path, string? body, string? key, IReadOnlyDictionary<string, string>? headers)
    {
        using var request = new HttpRequestMessage(method, path);
        if (key is not null)
        {
            request.Headers.Add(ApiRoutes.KeyHeader, key);
        }

        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        using var response = await _http!.SendAsync(request);
        return new ApiResponse((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType ?? "", await response.Content.ReadAsStringAsync());
    }

}
