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

    /// <summary>The Meta webhook's secrets as the signed fixtures were made with them.</summary>
    public const string MetaAppSecret = "fixture-app-secret-not-real";
    public const string MetaVerifyToken = "fixture-verify-token";

    protected ApiContract(AzuriteFixture azurite) => Pipeline = new TestPipeline(azurite, settings: new Dictionary<string, string?>
    {
        ["Engagement:AdminKeyHash"] = ApiKeys.Hash(AdminKey),
        ["Engagement:Secrets:meta-app-secret"] = MetaAppSecret,
        ["Engagement:Secrets:meta-webhook-verify-token"] = MetaVerifyToken,
    });

    protected TestPipeline Pipeline { get; }

    /// <summary>
    /// Sends a request to the host under test with <paramref name="key"/> as the request's key (none when null) and
    /// <paramref name="headers"/> as given. <paramref name="path"/> starts with <c>/api/</c>.
    /// </summary>
    protected abstract Task<ApiResponse> SendAsync(HttpMethod method, string path, string? body, string? key, IReadOnlyDictionary<string, string>? headers);

    /// <summary>Sends a request with <paramref name="key"/> (none when null).</summary>
    protected Task<ApiResponse> SendAsync(HttpMethod method, string path, string? body, string? key) => SendAsync(method, path, body, key, null);

    /// <summary>
    /// Sends a request with the admin key, and <paramref name="headers"/>; to the Meta webhook with no key at all,
    /// since Meta sends none: its signature is the authentication.
    /// </summary>
    protected Task<ApiResponse> SendAsync(HttpMethod method, string path, string? body = null, IReadOnlyDictionary<string, string>? headers = null) =>
        SendAsync(method, path, body, path.StartsWith("/api/webhooks/", StringComparison.Ordinal) ? null : AdminKey, headers);

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
        Assert.Equal("application/json", response.MediaType);
        var total = response.Json.GetProperty("total");
        Assert.Equal(3, total.GetProperty("interactions").GetInt32());
        Assert.Equal(1, total.GetProperty("customer_messages").GetInt32());
        Assert.Equal(1.0, total.GetProperty("reply_rate").GetDouble());
        Assert.Equal(30.0, total.GetProperty("first_response").GetProperty("median_minutes").GetDouble());
        Assert.Equal("instagram", response.Json.GetProperty("channels")[0].GetProperty("channel_id").GetString());
        Assert.Equal("2026-11-02", response.Json.GetProperty("weeks")[0].GetProperty("week_start").GetString());
        // No data is said as null, never left out or zero: the previous period had nothing.
        Assert.Equal(JsonValueKind.Null, response.Json.GetProperty("previous").GetProperty("reply_rate").ValueKind);
    }

    [Theory]
    [InlineData("text/html", null, "text/html")]
    [InlineData("text/csv", null, "text/csv")]
    [InlineData("text/html;q=0.5, text/csv", null, "text/csv")]
    [InlineData("*/*", null, "application/json")]
    [InlineData("text/html", "csv", "text/csv")]
    public async Task ReportSpeaksHtmlCsvOrJsonAsAsked(string accept, string? format, string mediaType)
    {
        await RegisterAsync("acme", Line("p1", "2026-11-02T09:00:00Z", kind: "post", brand: true, text: "Nuova collezione!"));
        await Pipeline.Get<PipelineRunner>().RunAsync(["acme"], tick: false);

        var response = await SendAsync(HttpMethod.Get, "/api/clients/acme/report?from=2026-11-01&to=2026-11-15" + (format is null ? "" : "&format=" + format), headers: new Dictionary<string, string> { ["Accept"] = accept });

        Assert.Equal(200, response.Status);
        Assert.Equal(mediaType, response.MediaType);
        switch (mediaType)
        {
            case "text/html":
                Assert.StartsWith("<!DOCTYPE html>", response.Body, StringComparison.Ordinal);
                Assert.Contains("<svg", response.Body, StringComparison.Ordinal);
                break;
            case "text/csv":
                Assert.StartsWith("section,scope,period,item,metric,value", response.Body, StringComparison.Ordinal);
                Assert.Contains("figures,all,current,,interactions,1", response.Body, StringComparison.Ordinal);
                break;
            default:
                Assert.Equal(1, response.Json.GetProperty("total").GetProperty("interactions").GetInt32());
                break;
        }
    }

    [Fact]
    public async Task ReportRefusesAnUnknownFormat()
    {
        await RegisterAsync("acme", Line("1", "2026-11-01T10:00:00Z"));

        var response = await SendAsync(HttpMethod.Get, "/api/clients/acme/report?format=pdf");

        AssertProblem(response, 400, "format");
    }

    [Fact]
    public async Task ClientsCanBeListedAndReadBack()
    {
        await RegisterAsync("acme", Line("1", "2026-11-01T10:00:00Z"));
        await RegisterAsync("bravo", Line("1", "2026-11-01T10:00:00Z"));

        var list = await SendAsync(HttpMethod.Get, "/api/clients");
        var one = await SendAsync(HttpMethod.Get, "/api/clients/bravo");
        var missing = await SendAsync(HttpMethod.Get, "/api/clients/nobody");
        var invalid = await SendAsync(HttpMethod.Get, "/api/clients/Bad!");

        Assert.Equal(200, list.Status);
        Assert.Equal(["acme", "bravo"], list.Json.EnumerateArray().Select(c => c.GetProperty("id").GetString()));
        Assert.Equal(200, one.Status);
        Assert.Equal("instagram", one.Json.GetProperty("channels")[0].GetProperty("id").GetString());
        Assert.Equal(168, one.Json.GetProperty("reply_window_hours").GetInt32());
        Assert.Equal("en", one.Json.GetProperty("report_language").GetString());
        Assert.Equal(404, missing.Status);
        AssertProblem(invalid, 400, "clientId");
    }

    [Fact]
    public async Task ClientSettingsAreStoredAndRefusedWhenInvalid()
    {
        var account = Pipeline.WriteImport("acme/instagram.jsonl", [Line("1", "2026-11-01T10:00:00Z")]);
        var channels = $$"""[{"id":"instagram","platform":"import","account":"{{account}}"}]""";

        var saved = await SendAsync(HttpMethod.Put, "/api/clients/acme", $$"""{"display_name":"Acme","report_language":"it","reply_window_hours":48,"reply_needed_hours":4,"business_hours":"mon-fri 9:00-18:00","retention_days":90,"channels":{{channels}}}""");
        var badRetention = await SendAsync(HttpMethod.Put, "/api/clients/acme", $$"""{"display_name":"Acme","retention_days":36500,"channels":{{channels}}}""");
        var badHours = await SendAsync(HttpMethod.Put, "/api/clients/acme", $$"""{"display_name":"Acme","business_hours":"weekdays","channels":{{channels}}}""");
        var badThreshold = await SendAsync(HttpMethod.Put, "/api/clients/acme", $$"""{"display_name":"Acme","reply_window_hours":24,"reply_needed_hours":48,"channels":{{channels}}}""");
        var badLanguage = await SendAsync(HttpMethod.Put, "/api/clients/acme", $$"""{"display_name":"Acme","report_language":"fr","channels":{{channels}}}""");

        Assert.Equal(201, saved.Status);
        Assert.Equal("it", saved.Json.GetProperty("report_language").GetString());
        Assert.Equal(4, saved.Json.GetProperty("reply_needed_hours").GetInt32());
        Assert.Equal("Mon-Fri 09:00-18:00", saved.Json.GetProperty("business_hours").GetString());
        AssertProblem(badHours, 400, "business_hours");
        AssertProblem(badThreshold, 400, "reply_needed_hours");
        AssertProblem(badLanguage, 400, "report_language");
        Assert.Equal(90, saved.Json.GetProperty("retention_days").GetInt32());
        AssertProblem(badRetention, 400, "retention_days");
        Assert.Equal(90, (await SendAsync(HttpMethod.Get, "/api/clients/acme")).Json.GetProperty("retention_days").GetInt32());
    }

    [Fact]
    public async Task RunsOfAClientAreListedNewestFirst()
    {
        await RegisterAsync("acme", Line("1", "2026-11-01T10:00:00Z"));
        await Pipeline.Get<PipelineRunner>().RunAsync(["acme"], tick: false);

        var runs = await SendAsync(HttpMethod.Get, "/api/clients/acme/runs?take=5");
        var missing = await SendAsync(HttpMethod.Get, "/api/clients/nobody/runs");
        var badTake = await SendAsync(HttpMethod.Get, "/api/clients/acme/runs?take=0");

        Assert.Equal(200, runs.Status);
        var run = Assert.Single(runs.Json.EnumerateArray());
        Assert.Equal("succeeded", run.GetProperty("status").GetString());
        Assert.Equal(1, run.GetProperty("stored").GetInt32());
        Assert.Equal(404, missing.Status);
        AssertProblem(badTake, 400, "take");
    }

    [Fact]
    public async Task InboxListsUnansweredQuestionsAndDropsAnsweredOnes()
    {
        // The pipeline's clock is 27 November 09:00 UTC.
        await RegisterAsync(
            "acme",
            Line("p1", "2026-11-26T08:00:00Z", kind: "post", brand: true, text: "Nuovo divano in vetrina!"),
            Line("q1", "2026-11-26T09:00:00Z", kind: "comment", parent: "p1", text: "Quanto costa la consegna a Monza?"),
            Line("q2", "2026-11-27T08:00:00Z", kind: "comment", parent: "p1", text: "Avete il modello in verde?"),
            Line("a2", "2026-11-27T08:30:00Z", kind: "reply", brand: true, parent: "q2", text: "Sì Marta, arriva venerdì!"));
        await Pipeline.Get<PipelineRunner>().RunAsync(["acme"], tick: false);

        var inbox = await SendAsync(HttpMethod.Get, "/api/clients/acme/inbox");
        var missing = await SendAsync(HttpMethod.Get, "/api/clients/nobody/inbox");

        Assert.Equal(200, inbox.Status);
        var item = Assert.Single(inbox.Json.GetProperty("items").EnumerateArray());
        Assert.Equal("q1", item.GetProperty("platform_id").GetString());
        // Overdue on the pipeline's clock; engage serve answers on the real clock, by which it has expired.
        Assert.Contains(item.GetProperty("status").GetString(), new[] { "overdue", "expired" });
        Assert.True(item.GetProperty("question").GetBoolean());
        Assert.Contains("Monza", item.GetProperty("excerpt").GetString(), StringComparison.Ordinal);
        Assert.Equal(404, missing.Status);
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

        // Every keyed route of the one list (the signed webhook takes no key), aimed at beta with alpha's key: none answers with beta's data or changes it.
        foreach (var route in ApiRoutes.Keyed)
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
        Assert.Equal(WithoutAsOf(betaBefore.Body), WithoutAsOf(betaAfter.Body)); // the report says when it was made
        var betaKeys = await SendAsync(HttpMethod.Get, "/api/keys?client=beta");
        Assert.All(betaKeys.Json.EnumerateArray(), k => Assert.False(k.TryGetProperty("revoked_at", out _)));
    }

    [Fact]
    public async Task AClientKeyReadsItsOwnClientOnEveryReadRoute()
    {
        var (alphaKey, samples) = await TwoClientsAsync();
        var own = new Dictionary<string, string>(samples) { ["clientId"] = "alpha", ["interactionId"] = "instagram_a1" };

        foreach (var route in ApiRoutes.Keyed.Where(r => r.Access != RouteAccess.Admin))
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
        foreach (var route in ApiRoutes.Keyed)
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

        foreach (var route in ApiRoutes.Keyed)
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

    private static string WithoutAsOf(string report) => AsOf().Replace(report, "");

    [GeneratedRegex("\"as_of\":\\s*\"[^\"]*\"")]
    private static partial Regex AsOf();

    public static TheoryData<string> BadRequests => new(BadInputs.All.Select(b => b.ToString()));

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task EveryRouteRefusesBadInputWithAProblemNamingTheFieldNeverATypeAndWritesNothing(string request)
    {
        var bad = BadInputs.All.Single(b => b.ToString() == request);
        await RegisterAsync("acme", Line("1", "2026-11-01T10:00:00Z"));

        var response = await SendAsync(bad.Method, bad.Path, bad.Body);

        if (bad.Field is { } field)
        {
            AssertProblem(response, bad.Status, field);
        }
        else
        {
            Assert.Equal((bad.Status, ""), (response.Status, response.Body));
        }

        Assert.DoesNotContain("System.", response.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", response.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u0027", response.Body, StringComparison.Ordinal);
        Assert.Equal(404, (await SendAsync(HttpMethod.Get, "/api/clients/bad/report")).Status); // nothing registered
        Assert.Equal(0, await Pipeline.Get<IInteractionStore>().CountAsync("acme"));
    }

    [Fact]
    public async Task TheMetaWebhookHandshakeEchoesTheChallengeOnlyForOurVerifyToken()
    {
        var recorded = PlatformReplay.Load("facebook", "webhook-verify")["request"]!["query"]!;
        var query = $"hub.mode=subscribe&hub.challenge={recorded["hub.challenge"]}&hub.verify_token=";

        var answered = await SendAsync(HttpMethod.Get, "/api/webhooks/meta?" + query + recorded["hub.verify_token"]);
        var refused = await SendAsync(HttpMethod.Get, "/api/webhooks/meta?" + query + "guess");

        Assert.Equal((200, "text/plain", "1158201444"), (answered.Status, answered.MediaType, answered.Body));
        Assert.Equal((403, ""), (refused.Status, refused.Body));
    }

    [Theory]
    [InlineData("facebook", "webhook-feed-comment", "108457912345678")]
    [InlineData("instagram", "webhook-comments", "17841452210987654")]
    [InlineData("instagram", "webhook-mentions", "17841452210987654")]
    public async Task ASignedMetaNotificationQueuesAJobForTheChannelOfItsAccountOnly(string platform, string fixture, string account)
    {
        await RegisterPlatformAsync("brunetti", platform, account);
        await RegisterPlatformAsync("other", platform, "999999999999999");
        var recorded = PlatformReplay.Load(platform, fixture);

        var response = await SendAsync(HttpMethod.Post, "/api/webhooks/meta", recorded["rawBody"]!.GetValue<string>(), Signed(recorded));

        Assert.Equal(200, response.Status);
        Assert.Equal(1, response.Json.GetProperty("jobs").GetInt32());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("sha256=c574d60de7188ce5553508a67bd3ff946b8a81c452d461ffd46a3b07d4d217fd")]
    [InlineData("sha1=460fb5e9ce56fb003999d77170bdf1c9c7da4f31")]
    [InlineData("sha256=not-hex")]
    public async Task AMetaNotificationWithoutTheBodysSignatureIsRefusedWithNothingSaid(string? signature)
    {
        await RegisterPlatformAsync("brunetti", "facebook", "108457912345678");
        var recorded = PlatformReplay.Load("facebook", "webhook-feed-comment");
        var body = recorded["rawBody"]!.GetValue<string>();

        var response = await SendAsync(HttpMethod.Post, "/api/webhooks/meta", body, signature is null ? null : new Dictionary<string, string> { ["X-Hub-Signature-256"] = signature });
        var altered = await SendAsync(HttpMethod.Post, "/api/webhooks/meta", body.Replace("Marco", "Marta", StringComparison.Ordinal), Signed(recorded));

        Assert.Equal((401, ""), (response.Status, response.Body));
        Assert.Equal((401, ""), (altered.Status, altered.Body));
    }

    private static Dictionary<string, string> Signed(System.Text.Json.Nodes.JsonObject recorded) =>
        new() { ["X-Hub-Signature-256"] = recorded["request"]!["headers"]!["X-Hub-Signature-256"]!.GetValue<string>() };

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

    /// <summary>A client with one channel of a platform connector, registered through the API.</summary>
    protected async Task RegisterPlatformAsync(string clientId, string platform, string account)
    {
        var response = await SendAsync(HttpMethod.Put, $"/api/clients/{clientId}", $$"""{"display_name":"{{clientId}}","time_zone":"Europe/Rome","channels":[{"id":"{{platform}}","platform":"{{platform}}","account":"{{account}}","secret_name":"{{clientId}}-{{platform}}"}]}""");
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
