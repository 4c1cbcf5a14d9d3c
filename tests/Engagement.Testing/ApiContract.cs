using System.Text.Json;
using System.Text.RegularExpressions;
using Engagement.Core.Access;
using Engagement.Core.Ports;
using Engagement.Http;
using Engagement.LocalHost;
using Xunit;

namespace Engagement.Testing;

/// <summary>One HTTP answer, as either host gave it.</summary>
public sealed record ApiResponse(int Status, string MediaType, string Body)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;
}

/// <summary>
/// The HTTP contract both hosts keep: the Functions app and <c>engage serve</c> run these same tests, so routes,
/// bodies and status codes cannot drift apart.
/// </summary>
public abstract partial class ApiContract : IAsyncLifetime
{
    /// <summary>The admin key of the hosts under test; only its hash is configured.</summary>
    public const string AdminKey = "test-admin-key-not-a-secret";

    protected ApiContract(AzuriteFixture azurite) =>
        Pipeline = new TestPipeline(azurite, settings: new Dictionary<string, string?> { ["Engagement:AdminKeyHash"] = ApiKeys.Hash(AdminKey) });

    protected TestPipeline Pipeline { get; }

    /// <summary>
    /// Sends a request to the host under test with <paramref name="key"/> as the request's key (none when null).
    /// <paramref name="path"/> starts with <c>/api/</c>.
    /// </summary>
    protected abstract Task<ApiResponse> SendAsync(HttpMethod method, string path, string? body, string? key);

    /// <summary>Sends a request with the admin key.</summary>
    protected Task<ApiResponse> SendAsync(HttpMethod method, string path, string? body = null) => SendAsync(method, path, body, AdminKey);

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual async Task DisposeAsync() => await Pipeline.DisposeAsync();

    [Fact]
    public async Task ScoreAnswersOneItemWithLabelProbabilityAndSignals()
    {
        var response = await SendAsync(HttpMethod.Post, "/api/score", """{"text":"Nuova collezione autunno: -30% su tutto, link in bio!","kind":"post","author_is_brand":true}""");

        Assert.Equal(200, response.Status);
        Assert.Equal("application/json", response.MediaType);
        Assert.Equal("broadcast", response.Json.GetProperty("label").GetString());
        Assert.InRange(response.Json.GetProperty("relational_probability").GetDouble(), 0, 0.5);
        Assert.NotEmpty(response.Json.GetProperty("signals").EnumerateArray());
        Assert.False(string.IsNullOrEmpty(response.Json.GetProperty("model_version").GetString()));
    }

    [Fact]
    public async Task ScoreAnswersABatchInOrder()
    {
        var response = await SendAsync(HttpMethod.Post, "/api/score", """
            {"items":[
              {"id":"a","text":"Thanks so much Tom, sorry about the wait! Your order ships tomorrow 🙏","kind":"reply","author_is_brand":true},
              {"id":"b","text":"SALE! 50% off all mugs today only. Shop now: example-shop.com"}
            ]}
            """);

        Assert.Equal(200, response.Status);
        var results = response.Json.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(["a", "b"], results.Select(r => r.GetProperty("id").GetString()));
        Assert.Equal(["relational", "broadcast"], results.Select(r => r.GetProperty("label").GetString()));
    }

    [Fact]
    public async Task ScoreRefusesABatchOverTheLimit()
    {
        var items = string.Join(',', Enumerable.Repeat("""{"text":"hi"}""", 1_001));

        var response = await SendAsync(HttpMethod.Post, "/api/score", $"[{items}]");

        AssertProblem(response, 400, "items");
    }

    [Fact]
    public async Task ScoreRefusesItemsWithoutTextNamingEachOne()
    {
        var response = await SendAsync(HttpMethod.Post, "/api/score", """[{"text":"ok"},{"text":"  "},{"kind":"post"}]""");

        AssertProblem(response, 400, "items[1]");
        Assert.True(response.Json.GetProperty("errors").TryGetProperty("items[2]", out _));
    }

    [Fact]
    public async Task ScoreRefusesABodyThatIsNotJson()
    {
        var response = await SendAsync(HttpMethod.Post, "/api/score", "text=hello");

        AssertProblem(response, 400, "body");
    }

    [Fact]
    public async Task ScoreReadsChannelAliasesAndScoresAnUnknownChannelAsUnknownWithAWarning()
    {
        var response = await SendAsync(HttpMethod.Post, "/api/score", """
            [{"id":"alias","text":"Grazie mille, a presto!","channel":"Twitter"},
             {"id":"x","text":"Grazie mille, a presto!","channel":"x"},
             {"id":"unknown","text":"Grazie mille, a presto!","channel":"tiktok"},
             {"id":"none","text":"Grazie mille, a presto!"}]
            """);

        Assert.Equal(200, response.Status);
        var results = response.Json.GetProperty("results").EnumerateArray().ToDictionary(r => r.GetProperty("id").GetString()!);
        Assert.Equal(results["x"].GetProperty("relational_probability").GetDouble(), results["alias"].GetProperty("relational_probability").GetDouble());
        Assert.Equal(results["none"].GetProperty("relational_probability").GetDouble(), results["unknown"].GetProperty("relational_probability").GetDouble());
        Assert.Contains("'tiktok'", results["unknown"].GetProperty("warnings")[0].GetString(), StringComparison.Ordinal);
        Assert.False(results["alias"].TryGetProperty("warnings", out _));
    }

    [Fact]
    public async Task ScoreAnswersOneItemWithAWarningAboutItsUnknownChannel()
    {
        var response = await SendAsync(HttpMethod.Post, "/api/score", """{"text":"ciao","channel":"myspace"}""");

        Assert.Equal(200, response.Status);
        Assert.Single(response.Json.GetProperty("warnings").EnumerateArray());
    }

    [Fact]
    public async Task CorrectingALabelStoresItAndTheReportUsesItAtOnce()
    {
        await RegisterAsync(
            "acme",
            Line("p1", "2026-11-02T09:00:00Z", kind: "post", brand: true, text: "Black Friday: -40% su tutti i divani! Acquista ora, link in bio"),
            Line("p2", "2026-11-02T12:00:00Z", kind: "post", brand: true, text: "Saldi: -20% sulle sedie, solo online"));
        await Pipeline.Get<PipelineRunner>().RunAsync(["acme"], tick: false);
        var model = (await Pipeline.Get<IInteractionStore>().FindAsync("acme", "instagram_p1"))!.ModelLabel;
        var (label, shift) = model == "broadcast" ? ("relational", 1) : ("broadcast", -1);
        var before = await SendAsync(HttpMethod.Get, "/api/clients/acme/report?from=2026-11-02&to=2026-11-02");

        var response = await SendAsync(HttpMethod.Put, "/api/clients/acme/interactions/instagram_p1/label", $$"""{"label":"{{label}}","by":"giulia","note":"a story, not an ad"}""");

        Assert.Equal(200, response.Status);
        Assert.Equal("application/json", response.MediaType);
        Assert.Equal("instagram_p1", response.Json.GetProperty("interaction_id").GetString());
        Assert.Equal(label, response.Json.GetProperty("label").GetString());
        Assert.Equal(model, response.Json.GetProperty("model_label").GetString());
        Assert.Equal("giulia", response.Json.GetProperty("corrected_by").GetString());
        Assert.Equal(["2026-11-02"], response.Json.GetProperty("days_recomputed").EnumerateArray().Select(d => d.GetString()));
        var after = await SendAsync(HttpMethod.Get, "/api/clients/acme/report?from=2026-11-02&to=2026-11-02");
        Assert.Equal(before.Json.GetProperty("total").GetProperty("relational").GetInt32() + shift, after.Json.GetProperty("total").GetProperty("relational").GetInt32());
    }

    [Theory]
    [InlineData("nobody", "instagram_p1", """{"label":"relational"}""", 404, null)]
    [InlineData("acme", "instagram_p404", """{"label":"relational"}""", 404, null)]
    [InlineData("acme", "instagram_p1", """{"label":"maybe"}""", 400, "label")]
    [InlineData("acme", "instagram_p1", """{"by":"giulia"}""", 400, "label")]
    [InlineData("acme", "instagram_p1", "relational", 400, "body")]
    [InlineData("Acme!", "instagram_p1", """{"label":"relational"}""", 400, "clientId")]
    public async Task CorrectingALabelRefusesWhatItCannotFindOrRead(string clientId, string interactionId, string body, int status, string? field)
    {
        await RegisterAsync("acme", Line("p1", "2026-11-02T09:00:00Z", brand: true));
        await Pipeline.Get<PipelineRunner>().RunAsync(["acme"], tick: false);

        var response = await SendAsync(HttpMethod.Put, $"/api/clients/{Uri.EscapeDataString(clientId)}/interactions/{interactionId}/label", body);

        Assert.Equal(status, response.Status);
        Assert.Equal("application/problem+json", response.MediaType);
        if (field is not null)
        {
            AssertProblem(response, status, field);
        }
    }

    [Fact]
    public async Task UpsertClientCreatesThenUpdatesKeepingTheCursor()
    {
        var account = Pipeline.WriteImport("acme/instagram.jsonl", [Line("1", "2026-11-01T10:00:00Z")]);
        var body = $$"""{"display_name":"Acme","time_zone":"Europe/Rome","channels":[{"id":"instagram","platform":"import","account":"{{account}}"}]}""";

        var created = await SendAsync(HttpMethod.Put, "/api/clients/acme", body);
        await Pipeline.Get<IClientStore>().RecordRunAsync("acme", "instagram", "1", "succeeded", null, Pipeline.Time.GetUtcNow());
        var updated = await SendAsync(HttpMethod.Put, "/api/clients/acme", body.Replace("Acme", "Acme S.r.l.", StringComparison.Ordinal));

        Assert.Equal(201, created.Status);
        Assert.Equal(200, updated.Status);
        Assert.Equal("Acme S.r.l.", updated.Json.GetProperty("display_name").GetString());
        Assert.Equal("0 0 6 * * *", updated.Json.GetProperty("schedule").GetString());
        Assert.Equal("1", updated.Json.GetProperty("channels")[0].GetProperty("cursor").GetString());
    }

    [Theory]
    [InlineData("Acme!", """{"display_name":"x","channels":[{"id":"a","platform":"import","account":"acme/f.jsonl"}]}""", "clientId")]
    [InlineData("acme", """{"channels":[{"id":"a","platform":"import","account":"acme/f.jsonl"}]}""", "display_name")]
    [InlineData("acme", """{"display_name":"x","time_zone":"Mars/Olympus","channels":[{"id":"a","platform":"import","account":"acme/f.jsonl"}]}""", "time_zone")]
    [InlineData("acme", """{"display_name":"x","schedule":"0 6 * * *","channels":[{"id":"a","platform":"import","account":"acme/f.jsonl"}]}""", "schedule")]
    [InlineData("acme", """{"display_name":"x","channels":[]}""", "channels")]
    [InlineData("acme", """{"display_name":"x","channels":[{"id":"a","platform":"myspace","account":"acme/f.jsonl"}]}""", "channels[0].platform")]
    [InlineData("acme", """{"display_name":"x","channels":[{"id":"a","platform":"import","account":"../../etc/passwd.jsonl"}]}""", "channels[0].account")]
    [InlineData("acme", """{"display_name":"x","channels":[{"id":"a","platform":"import","account":"/etc/hosts.csv"}]}""", "channels[0].account")]
    [InlineData("acme", """{"display_name":"x","channels":[{"id":"a","platform":"import","account":"acme/f.jsonl","secret_name":"EAAB token=abc/def"}]}""", "channels[0].secret_name")]
    [InlineData("acme", """{"display_name": 3""", "body")]
    public async Task UpsertClientRefusesInvalidDefinitionsNamingTheField(string clientId, string body, string field)
    {
        Pipeline.WriteImport("acme/f.jsonl", [Line("1", "2026-11-01T10:00:00Z")]);

        var response = await SendAsync(HttpMethod.Put, $"/api/clients/{Uri.EscapeDataString(clientId)}", body);

        AssertProblem(response, 400, field);
    }

    [Fact]
    public async Task ReportOfAnUnknownClientIsNotFound()
    {
        var response = await SendAsync(HttpMethod.Get, "/api/clients/nobody/report");

        Assert.Equal(404, response.Status);
        Assert.Equal("application/problem+json", response.MediaType);
    }

    [Fact]
    public async Task ReportRefusesDatesItCannotRead()
    {
        await RegisterAsync("acme", Line("1", "2026-11-01T10:00:00Z"));

        var response = await SendAsync(HttpMethod.Get, "/api/clients/acme/report?from=yesterday");

        AssertProblem(response, 400, "from");
    }

    [Fact]
    public async Task ReportHasTotalsChannelsAndWeeksAfterIngestion()
    {
        await RegisterAsync(
            "acme",
            Line("p1", "2026-11-02T09:00:00Z", kind: "post", brand: true, text: "Black Friday: -40% su tutti i divani! Acquista ora, link in bio"),
            Line("c1", "2026-11-02T10:00:00Z", kind: "comment", parent: "p1", text: "Fate consegne a Bergamo?"),
            Line("r1", "2026-11-02T10:30:00Z", kind: "reply", brand: true, parent: "c1", text: "Ciao Anna! Sì, consegniamo a Bergamo in 5 giorni, ti scriviamo in DM per i dettagli 😊"));
        await Pipeline.Get<PipelineRunner>().RunAsync(["acme"], tick: false);

        var response = await SendAsync(HttpMethod.Get, "/api/clients/acme/report?from=2026-11-01&to=2026-11-15");

        Assert.Equal(200, response.Status);
        var total = response.Json.GetProperty("total");
        Assert.Equal(3, total.GetProperty("interactions").GetInt32());
        Assert.Equal(1, total.GetProperty("customer_messages").GetInt32());
        Assert.Equal(1.0, total.GetProperty("reply_rate").GetDouble());
        Assert.Equal(30.0, total.GetProperty("average_first_response_minutes").GetDouble());
        Assert.True(response.Json.GetProperty("channels").TryGetProperty("instagram", out _));
        Assert.Equal("2026-11-02", response.Json.GetProperty("weeks")[0].GetProperty("week_start").GetString());
    }

    [Fact]
    public async Task RunClientQueuesOneJobPerChannel()
    {
        await RegisterAsync("acme", Line("1", "2026-11-01T10:00:00Z"));

        var accepted = await SendAsync(HttpMethod.Post, "/api/clients/acme/runs");
        var missing = await SendAsync(HttpMethod.Post, "/api/clients/nobody/runs");

        Assert.Equal(202, accepted.Status);
        Assert.Equal(1, accepted.Json.GetProperty("jobs").GetInt32());
        Assert.Equal(404, missing.Status);
    }

    [Fact]
    public async Task AClientKeyReadsNothingOfAnotherClientOnAnyRoute()
    {
        var (alphaKey, samples) = await TwoClientsAsync();
        var betaBefore = await SendAsync(HttpMethod.Get, "/api/clients/beta/report?from=2026-11-01&to=2026-11-30");

        // Every route of the one list, aimed at beta with alpha's key: none answers with beta's data or changes it.
        foreach (var route in ApiRoutes.All)
        {
            var response = await SendAsync(new HttpMethod(route.Method), Path(route, samples), SampleBody(route), alphaKey);

            var scoped = route.Template.Contains("{clientId}", StringComparison.Ordinal) || route.Access == RouteAccess.Admin;
            if (scoped)
            {
                Assert.True(response.Status == 403, $"{route.Name} answered {response.Status} to a key of another client: {response.Body}");
            }
            else
            {
                Assert.True(response.Status is >= 200 and < 300, $"{route.Name} answered {response.Status}: {response.Body}");
            }

            Assert.DoesNotContain("beta", response.Body, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("Beta Bottega", response.Body, StringComparison.Ordinal);
        }

        var betaAfter = await SendAsync(HttpMethod.Get, "/api/clients/beta/report?from=2026-11-01&to=2026-11-30");
        Assert.Equal(betaBefore.Body, betaAfter.Body);
        var betaKeys = await SendAsync(HttpMethod.Get, "/api/keys?client=beta");
        Assert.All(betaKeys.Json.EnumerateArray(), k => Assert.False(k.TryGetProperty("revoked_at", out _)));
    }

    [Fact]
    public async Task AClientKeyReadsItsOwnClientOnEveryReadRoute()
    {
        var (alphaKey, samples) = await TwoClientsAsync();
        var own = new Dictionary<string, string>(samples) { ["clientId"] = "alpha", ["interactionId"] = "instagram_a1" };

        foreach (var route in ApiRoutes.All.Where(r => r.Access != RouteAccess.Admin))
        {
            var response = await SendAsync(new HttpMethod(route.Method), Path(route, own), SampleBody(route), alphaKey);

            Assert.True(response.Status is >= 200 and < 300, $"{route.Name} refused the client's own key: {response.Status} {response.Body}");
        }
    }

    [Fact]
    public async Task ARevokedKeyOpensNothingAtOnce()
    {
        var (alphaKey, samples) = await TwoClientsAsync();
        var own = new Dictionary<string, string>(samples) { ["clientId"] = "alpha", ["interactionId"] = "instagram_a1" };
        Assert.Equal(200, (await SendAsync(HttpMethod.Get, "/api/clients/alpha/report", null, alphaKey)).Status);
        ApiKeys.TryReadKeyId(alphaKey, out var keyId);

        var revoked = await SendAsync(HttpMethod.Delete, $"/api/keys/{keyId}");
        var again = await SendAsync(HttpMethod.Delete, $"/api/keys/{keyId}");

        Assert.Equal(200, revoked.Status);
        Assert.Equal(revoked.Json.GetProperty("revoked_at").GetString(), again.Json.GetProperty("revoked_at").GetString());
        foreach (var route in ApiRoutes.All)
        {
            var response = await SendAsync(new HttpMethod(route.Method), Path(route, own), SampleBody(route), alphaKey);

            Assert.True(response.Status == 401, $"{route.Name} answered {response.Status} to a revoked key");
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-key")]
    [InlineData("ek_000000000000_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task EveryRouteRefusesAMissingOrUnknownKey(string? key)
    {
        await RegisterAsync("acme", Line("1", "2026-11-01T10:00:00Z"));
        var samples = new Dictionary<string, string> { ["clientId"] = "acme", ["interactionId"] = "instagram_1", ["keyId"] = "000000000000", ["handle"] = "@someone" };

        foreach (var route in ApiRoutes.All)
        {
            var response = await SendAsync(new HttpMethod(route.Method), Path(route, samples), SampleBody(route), key);

            Assert.True(response.Status == 401, $"{route.Name} answered {response.Status} without a valid key");
            Assert.Equal("application/problem+json", response.MediaType);
        }
    }

    [Fact]
    public async Task KeysAreCreatedListedWithoutSecretsAndRefusedForAnUnknownClient()
    {
        await RegisterAsync("acme", Line("1", "2026-11-01T10:00:00Z"));

        var created = await SendAsync(HttpMethod.Post, "/api/clients/acme/keys", """{"name":"Power BI"}""");
        var unnamed = await SendAsync(HttpMethod.Post, "/api/clients/acme/keys");
        var missing = await SendAsync(HttpMethod.Post, "/api/clients/nobody/keys");
        var listed = await SendAsync(HttpMethod.Get, "/api/keys?client=acme");

        Assert.Equal(201, created.Status);
        var key = created.Json.GetProperty("key").GetString()!;
        Assert.StartsWith(ApiKeys.Prefix, key, StringComparison.Ordinal);
        Assert.Equal("Power BI", created.Json.GetProperty("name").GetString());
        Assert.Equal(201, unnamed.Status);
        Assert.Equal(404, missing.Status);
        Assert.Equal(2, listed.Json.GetArrayLength());
        Assert.DoesNotContain(key, listed.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(ApiKeys.Hash(key), listed.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ErasingAnAuthorRemovesTheirRowsOnceAndSaysHowMany()
    {
        await RegisterAsync("acme", Line("p1", "2026-11-02T09:00:00Z", brand: true), Line("c1", "2026-11-02T10:00:00Z", kind: "comment", parent: "p1"));
        await Pipeline.Get<PipelineRunner>().RunAsync(["acme"], tick: false);

        var erased = await SendAsync(HttpMethod.Delete, "/api/clients/acme/authors/%40customer-c1");
        var again = await SendAsync(HttpMethod.Delete, "/api/clients/acme/authors/%40customer-c1");
        var missing = await SendAsync(HttpMethod.Delete, "/api/clients/nobody/authors/%40customer-c1");

        Assert.Equal(200, erased.Status);
        Assert.Equal(1, erased.Json.GetProperty("removed").GetInt32());
        Assert.Equal(["2026-11-02"], erased.Json.GetProperty("days_recomputed").EnumerateArray().Select(d => d.GetString()));
        Assert.Equal(0, again.Json.GetProperty("removed").GetInt32());
        Assert.Equal(404, missing.Status);
        Assert.Equal(1, await Pipeline.Get<IInteractionStore>().CountAsync("acme"));
    }

    /// <summary>
    /// Two clients with data, alpha and beta (display name "Beta Bottega"), a key of alpha's, and a key of beta's whose
    /// id the samples carry; the samples name beta's things for every placeholder a route template has.
    /// </summary>
    protected async Task<(string AlphaKey, IReadOnlyDictionary<string, string> Samples)> TwoClientsAsync()
    {
        await RegisterAsync("alpha", Line("a1", "2026-11-02T09:00:00Z", brand: true), Line("a2", "2026-11-02T10:00:00Z", kind: "comment", parent: "a1"));
        var account = Pipeline.WriteImport("beta/instagram.jsonl", [Line("b1", "2026-11-02T09:00:00Z", brand: true), Line("b2", "2026-11-02T10:00:00Z", kind: "comment", parent: "b1")]);
        Assert.Equal(201, (await SendAsync(HttpMethod.Put, "/api/clients/beta", $$"""{"display_name":"Beta Bottega","channels":[{"id":"instagram","platform":"import","account":"{{account}}"}]}""")).Status);
        await Pipeline.Get<PipelineRunner>().RunAsync(["alpha", "beta"], tick: false);
        var alphaKey = (await SendAsync(HttpMethod.Post, "/api/clients/alpha/keys", """{"name":"alpha dashboard"}""")).Json.GetProperty("key").GetString()!;
        var betaKeyId = (await SendAsync(HttpMethod.Post, "/api/clients/beta/keys")).Json.GetProperty("key_id").GetString()!;
        return (alphaKey, new Dictionary<string, string>
        {
            ["clientId"] = "beta",
            ["interactionId"] = "instagram_b1",
            ["keyId"] = betaKeyId,
            ["handle"] = "@customer-b2",
        });
    }

    /// <summary>A route's path with each placeholder filled from <paramref name="samples"/>; a placeholder without a sample fails the test.</summary>
    protected static string Path(ApiRoute route, IReadOnlyDictionary<string, string> samples) =>
        "/api/" + Placeholder().Replace(route.Template, m =>
            samples.TryGetValue(m.Groups[1].Value, out var value)
                ? Uri.EscapeDataString(value)
                : throw new InvalidOperationException($"No sample value for {{{m.Groups[1].Value}}} of route {route.Name}: add one to the scope tests."));

    /// <summary>A body the route would accept from a caller allowed to call it.</summary>
    protected static string? SampleBody(ApiRoute route) => route.Name switch
    {
        nameof(ApiRoutes.Score) => """{"text":"Grazie mille, a presto!"}""",
        nameof(ApiRoutes.UpsertClient) => """{"display_name":"x","channels":[{"id":"instagram","platform":"import","account":"beta/instagram.jsonl"}]}""",
        nameof(ApiRoutes.CorrectLabel) => """{"label":"relational"}""",
        _ => route.Method is "POST" or "PUT" ? "{}" : null,
    };

    [GeneratedRegex(@"\{([A-Za-z]+)\}")]
    private static partial Regex Placeholder();

    protected static void AssertProblem(ApiResponse response, int status, string field)
    {
        Assert.Equal(status, response.Status);
        Assert.Equal("application/problem+json", response.MediaType);
        Assert.Equal(status, response.Json.GetProperty("status").GetInt32());
        Assert.True(response.Json.GetProperty("errors").TryGetProperty(field, out _), $"no error for '{field}' in {response.Body}");
    }

    protected async Task RegisterAsync(string clientId, params string[] lines)
    {
        var account = Pipeline.WriteImport($"{clientId}/instagram.jsonl", lines);
        var response = await SendAsync(HttpMethod.Put, $"/api/clients/{clientId}", $$"""{"display_name":"{{clientId}}","time_zone":"Europe/Rome","channels":[{"id":"instagram","platform":"import","account":"{{account}}"}]}""");
        Assert.Equal(201, response.Status);
    }

    /// <summary>One interchange line.</summary>
    public static string Line(string id, string createdAt, string kind = "post", bool brand = false, string? parent = null, string text = "Che bella foto!") =>
        JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["id"] = id,
            ["text"] = text,
            ["channel"] = "instagram",
            ["kind"] = kind,
            ["author"] = brand ? "@acme" : "@customer-" + id,
            ["author_is_brand"] = brand,
            ["created_at"] = createdAt,
            ["parent_id"] = parent,
        });
}
