using System.Net;
using System.Net.Sockets;
using Engagement.Cli.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;

namespace Engagement.Cli.Tests;

/// <summary><c>engage serve</c>'s app started in the test process on a free loopback port, with a client that presents its key.</summary>
internal sealed class LocalServe : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LocalServe(WebApplication app, HttpClient http)
    {
        _app = app;
        Http = http;
    }

    public HttpClient Http { get; }

    public static async Task<LocalServe> StartAsync(IConfiguration configuration, string adminKey)
    {
        var url = $"http://127.0.0.1:{FreePort()}";
        var app = ServeApp.Build(configuration, url, adminKey, triggers: false);
        await app.StartAsync();
        var http = new HttpClient { BaseAddress = new Uri(url) };
        http.DefaultRequestHeaders.Add("x-functions-key", adminKey);
        return new LocalServe(app, http);
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.DisposeAsync();
    }
}
