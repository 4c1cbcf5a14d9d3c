using System.Text.Json.Nodes;
using WireMock.Logging;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Engagement.Testing;

/// <summary>
/// A loopback server that replays the platforms' recorded exchanges (<c>tests/Engagement.Connectors.Tests/Fixtures</c>):
/// each fixture's request (method, path, query) answered with its status, headers and body. The real host in paging
/// links (<c>Link</c> headers) is rewritten to this server, as the fixtures' README asks.
/// </summary>
public sealed class PlatformReplay : IDisposable
{
    private int _scenario;

    private PlatformReplay(WireMockServer server) => Server = server;

    public WireMockServer Server { get; }

    /// <summary>The server's root, <c>http://localhost:PORT</c>.</summary>
    public Uri Url => new(Server.Url!);

    /// <summary>Every request the server received, in order.</summary>
    public IReadOnlyList<ILogEntry> Requests => Server.LogEntries.ToList();

    public static string FixtureRoot => RepositoryPaths.Combine("tests", "Engagement.Connectors.Tests", "Fixtures");

    public static PlatformReplay Start() => new(WireMockServer.Start());

    /// <summary>A fixture as written, to read or to change a copy of before serving it.</summary>
    public static JsonObject Load(string platform, string name) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(FixtureRoot, platform, name + ".json")))!.AsObject();

    /// <summary>
    /// An exchange the fixtures do not hold, written by a test in the same shape: a GET of <paramref name="path"/>
    /// (with <paramref name="query"/>) answered with <paramref name="body"/>.
    /// </summary>
    public static JsonObject Exchange(string path, JsonNode? body, int status = 200, IReadOnlyDictionary<string, string>? query = null) => new()
    {
        ["description"] = "written by the test",
        ["request"] = new JsonObject
        {
            ["method"] = "GET",
            ["path"] = path,
            ["query"] = new JsonObject((query ?? new Dictionary<string, string>()).Select(q => KeyValuePair.Create<string, JsonNode?>(q.Key, q.Value))),
        },
        ["response"] = new JsonObject
        {
            ["status"] = status,
            ["headers"] = new JsonObject { ["Content-Type"] = "application/json; charset=utf-8" },
            ["body"] = body?.DeepClone(),
        },
    };

    /// <summary>Serves a fixture for as long as the server runs; <paramref name="origin"/> is the real host its links carry.</summary>
    public PlatformReplay Serve(string platform, string name, string? origin = null) => Serve(Load(platform, name), origin);

    /// <summary>Serves a fixture; <paramref name="priority"/> (lower wins) settles two that match one request.</summary>
    public PlatformReplay Serve(JsonObject fixture, string? origin = null, int? priority = null)
    {
        Map(fixture, origin, null, null, last: true, priority);
        return this;
    }

    /// <summary>
    /// Serves the fixtures one after the other for the same request, the last one from then on (a 429, then a
    /// success); they win over fixtures served for the same request with <see cref="Serve(JsonObject, string?, int?)"/>.
    /// </summary>
    public PlatformReplay ServeInTurn(string? origin, params JsonObject[] fixtures)
    {
        var scenario = $"turns-{Interlocked.Increment(ref _scenario)}";
        for (var i = 0; i < fixtures.Length; i++)
        {
            Map(fixtures[i], origin, scenario, i, last: i == fixtures.Length - 1, priority: 10);
        }

        return this;
    }

    public void Dispose() => Server.Stop();

    private void Map(JsonObject fixture, string? origin, string? scenario, int? turn, bool last, int? priority = null)
    {
        var request = fixture["request"]!.AsObject();
        var response = fixture["response"]!.AsObject();
        var query = request["query"]?.AsObject() ?? [];
        var matcher = Request.Create()
            .UsingMethod(request["method"]?.GetValue<string>() ?? "GET")
            .WithPath(request["path"]!.GetValue<string>());
        foreach (var (name, value) in query)
        {
            // The fixtures show names decoded (types[]); the server sees them as sent (types%5B%5D).
            var key = Uri.EscapeDataString(name);
            matcher = value is JsonArray values
                ? matcher.WithParam(key, values.Select(v => v!.GetValue<string>()).ToArray())
                : matcher.WithParam(key, value!.GetValue<string>());
        }

        var answer = Response.Create().WithStatusCode(response["status"]!.GetValue<int>());
        foreach (var (name, value) in response["headers"]?.AsObject() ?? [])
        {
            var text = value!.GetValue<string>();
            answer = answer.WithHeader(name, origin is null ? text : text.Replace(origin, Url.GetLeftPart(UriPartial.Authority), StringComparison.Ordinal));
        }

        if (response["body"] is { } body)
        {
            answer = answer.WithBody(body.ToJsonString());
        }

        // The more query parameters a fixture names, the more specific it is: page 2 wins over page 1.
        var mapping = Server.Given(matcher).AtPriority(priority ?? 100 - query.Count);
        if (scenario is not null)
        {
            var state = turn == 0 ? null : $"turn-{turn}";
            mapping = state is null ? mapping.InScenario(scenario) : mapping.InScenario(scenario).WhenStateIs(state);
            if (!last)
            {
                mapping = mapping.WillSetStateTo($"turn-{turn + 1}");
            }
        }

        mapping.RespondWith(answer);
    }
}
