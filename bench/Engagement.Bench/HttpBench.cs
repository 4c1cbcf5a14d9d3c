using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Engagement.Core.Access;
using Engagement.LocalHost;
using Engagement.Ml.Training;
using Engagement.Ml.Vocabulary;

namespace Engagement.Bench;

/// <summary>
/// <c>http</c>: <c>engage serve</c> (the Release CLI, as a child process on a free loopback port) timed from process
/// start to its first scored answer, then loaded with <c>POST /api/score</c> at a fixed rate by an open-loop client.
/// </summary>
/// <remarks>
/// Each request is sent at its due time t0 + i/rate whatever happened to the earlier ones, and its latency counts from
/// that due time, so a stall of the server (or of this client) shows as the latency of every request it held up
/// rather than as fewer requests sent (no coordinated omission). Storage is a fresh Azurite started here the way the
/// product starts it, on free ports, so serve's start is timed without Azurite's.
/// </remarks>
internal static class HttpBench
{
    public static async Task<int> RunAsync(string[] args, BenchSummary summary)
    {
        var rate = Options.Int(args, "--rate", 500);
        var seconds = Options.Int(args, "--seconds", 20);
        var warmUp = Options.Int(args, "--warmup", 2);
        var runs = Options.Int(args, "--runs", 3);
        var settle = !args.Contains("--no-settle");
        if (rate <= 0 || seconds <= 0 || runs <= 0 || warmUp < 0)
        {
            Console.Error.WriteLine("--rate, --seconds and --runs take a whole number above 0, --warmup one of 0 or more.");
            return 2;
        }

        Console.WriteLine($"http: {Options.Machine()}; load average {Options.LoadAverage()}");
        Console.WriteLine($"{rate} req/s for {seconds} s after {warmUp} s of warm-up at the same rate, {runs} runs, each on a fresh serve process");

        // --variant 'name:KEY=VALUE,KEY=VALUE' (repeatable) runs serve with that environment (DOTNET_gcServer=0,
        // Engagement__WarmUp=false, ...) or, with engage=path/to/engage.dll, another build of the CLI; the variants
        // take turns within each run, so a change of load on the machine hits them all alike.
        var variants = Options.All(args, "--variant").Select(Variant.Parse).ToList();
        if (variants.Count == 0)
        {
            variants.Add(new Variant("this build", null, new Dictionary<string, string>()));
        }

        string? built = null;
        if (variants.Any(v => v.Engage is null) && (built = await BuildCliAsync()) is null)
        {
            return 1;
        }

        var bodies = ModelTrainer.HoldoutItems(Paths.Corpus).Select(Body).ToArray();
        await using var azurite = await Azurite.StartAsync();
        var results = variants.ToDictionary(v => v, _ => new List<RunResult>());

        // One round that is not counted: this process's own client code and Azurite are compiled and warm in it, so
        // the first measured run does not charge the load generator's JIT to serve. Each run still starts a fresh
        // serve, so serve's own start-up stays in every run.
        if (settle)
        {
            var settling = await RunOnceAsync(variants[0].Engage ?? built!, azurite.ConnectionString, variants[0].Environment, bodies, rate, Math.Min(seconds, 5), warmUp);
            if (settling is null)
            {
                return 1;
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"settling round (not counted): p99 {settling.Latency.P99:F2} ms, p99.9 {settling.Latency.P999:F2} ms"));
        }

        for (var run = 1; run <= runs; run++)
        {
            // Rotate the order so that no variant always runs first (or right after another's load).
            foreach (var variant in variants.Skip((run - 1) % variants.Count).Concat(variants.Take((run - 1) % variants.Count)))
            {
                var result = await RunOnceAsync(variant.Engage ?? built!, azurite.ConnectionString, variant.Environment, bodies, rate, seconds, warmUp);
                if (result is null)
                {
                    return 1;
                }

                results[variant].Add(result);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"run {run}, {variant.Name}: first score {result.FirstScore.TotalSeconds:F3} s at {result.FirstScoreRssMb:F0} MB; p50 {result.Latency.P50:F2} ms, p99 {result.Latency.P99:F2} ms, p99.9 {result.Latency.P999:F2} ms, max {result.Latency.Max:F1} ms; " +
                    $"{result.Errors} errors; {result.AchievedRate:F0} req/s; serve CPU {result.CpuMsPerRequest:F3} ms per request, client's {result.ClientCpuMsPerRequest:F3} ms; RSS {result.RssMb:F0} MB (highest sampled under load {result.MaxSampledRssMb:F0} MB, peak {result.PeakRssMb:F0} MB); load average {result.LoadAverage}"));
            }
        }

        Console.WriteLine();
        Console.WriteLine("| variant | run | first score | RSS then | p50 | p99 | p99.9 | max | errors | achieved | serve CPU per request | client CPU per request | RSS after load | peak RSS | load average (1/5/15 min) |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var variant in variants)
        {
            foreach (var (r, i) in results[variant].Select((r, i) => (r, i + 1)))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {variant.Name} | {i} | {r.FirstScore.TotalSeconds:F3} s | {r.FirstScoreRssMb:F0} MB | {r.Latency.P50:F2} ms | {r.Latency.P99:F2} ms | {r.Latency.P999:F2} ms | {r.Latency.Max:F1} ms | {r.Errors} | {r.AchievedRate:F0}/s | {r.CpuMsPerRequest:F3} ms | {r.ClientCpuMsPerRequest:F3} ms | {r.RssMb:F0} MB | {r.PeakRssMb:F0} MB | {r.LoadAverage} |"));
            }
        }

        // The summary judges the first variant: the build under test with its shipped settings unless told otherwise.
        var judged = results[variants[0]];
        summary.Add($"HTTP p99 at {rate} req/s, worst of {runs} run(s)", judged.Max(r => r.Latency.P99), " ms", 5, higherIsBetter: false);
        summary.Add($"HTTP p99.9 at {rate} req/s, worst of {runs} run(s)", judged.Max(r => r.Latency.P999), " ms", 20, higherIsBetter: false);
        summary.Add("HTTP errors, all runs", judged.Sum(r => r.Errors), "", 0, higherIsBetter: false);
        summary.Add("serve peak RSS, worst run", judged.Max(r => Math.Max(r.PeakRssMb, r.MaxSampledRssMb)), " MB", 155, higherIsBetter: false);
        return 0;
    }

    private static async Task<RunResult?> RunOnceAsync(string engage, string storage, IReadOnlyDictionary<string, string> environment, byte[][] bodies, int rate, int seconds, int warmUp)
    {
        var port = FreePort();
        var key = ApiKeys.CreateAdmin().Key;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { engage, "serve", "--url", $"http://127.0.0.1:{port}" })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["ENGAGE_API_KEY"] = key;
        start.Environment["AzureWebJobsStorage"] = storage;
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var client = new HttpClient(new SocketsHttpHandler
        {
            // One connection per request in flight: a pool limit would queue requests here and hide the server's tail.
            MaxConnectionsPerServer = int.MaxValue,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            UseProxy = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
        })
        {
            BaseAddress = new Uri($"http://127.0.0.1:{port}"),
            Timeout = TimeSpan.FromSeconds(30),
        };
        client.DefaultRequestHeaders.Add("x-functions-key", key);

        var clock = Stopwatch.StartNew();
        using var serve = Process.Start(start)!;
        var output = new List<string>();
        serve.OutputDataReceived += (_, e) => Keep(output, e.Data);
        serve.ErrorDataReceived += (_, e) => Keep(output, e.Data);
        serve.BeginOutputReadLine();
        serve.BeginErrorReadLine();
        try
        {
            // (a) Process start to the first 200 of POST /api/score: poll until serve listens and answers.
            TimeSpan? firstScore = null;
            while (firstScore is null)
            {
                if (serve.HasExited || clock.Elapsed > TimeSpan.FromSeconds(60))
                {
                    Console.Error.WriteLine($"engage serve did not answer a score within a minute (exit code {(serve.HasExited ? serve.ExitCode : "none")}); its last output:");
                    lock (output)
                    {
                        output.ForEach(Console.Error.WriteLine);
                    }

                    return null;
                }

                try
                {
                    using var response = await client.PostAsync("/api/score", Content(bodies[0]));
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        firstScore = clock.Elapsed;
                    }
                    else
                    {
                        Console.Error.WriteLine($"engage serve answered {(int)response.StatusCode} to the first score: {await response.Content.ReadAsStringAsync()}");
                        return null;
                    }
                }
                catch (HttpRequestException)
                {
                    await Task.Delay(2);
                }
            }

            var firstRss = Rss(serve.Id).Current;

            // (b) Open loop: warm-up at the rate, then the measured window, each request on its own schedule.
            if (warmUp > 0)
            {
                await OpenLoopAsync(client, bodies, rate, warmUp, null);
            }

            var sampled = 0.0;
            using var sampling = new CancellationTokenSource();
            var sampler = Task.Run(async () =>
            {
                while (!sampling.IsCancellationRequested)
                {
                    sampled = Math.Max(sampled, Rss(serve.Id).Current);
                    await Task.Delay(100, CancellationToken.None);
                }
            });
            var cpuBefore = Options.CpuTime(serve.Id);
            var clientCpuBefore = Environment.CpuUsage.TotalTime;
            var load = await OpenLoopAsync(client, bodies, rate, seconds, bodies.Length / 2);
            var cpuPerRequest = (Options.CpuTime(serve.Id) - cpuBefore).TotalMilliseconds / (rate * seconds);
            var clientCpuPerRequest = (Environment.CpuUsage.TotalTime - clientCpuBefore).TotalMilliseconds / (rate * seconds);
            await sampling.CancelAsync();
            await sampler;
            var (rss, peak) = Rss(serve.Id);
            return new RunResult(firstScore.Value, firstRss, load.Latency, load.Errors, load.AchievedRate, cpuPerRequest, clientCpuPerRequest, rss, Math.Max(sampled, rss), peak, Options.LoadAverage());
        }
        finally
        {
            await StopAsync(serve);
        }
    }

    private static async Task<LoadResult> OpenLoopAsync(HttpClient client, byte[][] bodies, int rate, int seconds, int? offset)
    {
        var count = rate * seconds;
        var latencies = new double[count];
        var failed = 0;
        var pending = new Task[count];
        var ticksPerRequest = (double)Stopwatch.Frequency / rate;
        var t0 = Stopwatch.GetTimestamp();
        for (var i = 0; i < count; i++)
        {
            var due = t0 + (long)(i * ticksPerRequest);
            Pacer.WaitUntil(due);

            var index = i;
            pending[i] = SendAsync(client, bodies[((offset ?? 0) + i) % bodies.Length], due, latency => latencies[index] = latency, () => Interlocked.Increment(ref failed));
        }

        await Task.WhenAll(pending);
        var elapsed = Stopwatch.GetElapsedTime(t0).TotalSeconds;
        return new LoadResult(Percentiles.Of(latencies), failed, (count - failed) / elapsed);
    }

    private static async Task SendAsync(HttpClient client, byte[] body, long due, Action<double> done, Action fail)
    {
        try
        {
            using var response = await client.PostAsync("/api/score", Content(body)).ConfigureAwait(false);
            await response.Content.LoadIntoBufferAsync().ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                fail();
            }
        }
        catch (HttpRequestException)
        {
            fail();
        }
        catch (TaskCanceledException)
        {
            fail();
        }

        // Failures count in the latency too: a fast error must not improve the percentiles by leaving a hole.
        done(Stopwatch.GetElapsedTime(due).TotalMilliseconds);
    }

    private static ByteArrayContent Content(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        return content;
    }

    /// <summary>One held-out corpus item as the API's request body, with the metadata the corpus knows.</summary>
    private static byte[] Body(Ml.Corpus.LabelledItem item)
    {
        var body = new Dictionary<string, object?> { ["id"] = item.Id, ["text"] = item.Text };
        if (item.Kind != InteractionKind.Unknown)
        {
            body["kind"] = item.Kind.Name();
        }

        if (item.Channel is { } channel)
        {
            body["channel"] = channel.ToString();
        }

        if (item.AuthorIsBrand is { } brand)
        {
            body["author_is_brand"] = brand;
        }

        if (item.Language is { } language)
        {
            body["lang"] = language;
        }

        return JsonSerializer.SerializeToUtf8Bytes(body);
    }

    /// <summary>Builds the Release CLI (quietly; a no-op when it is current) and returns its engage.dll.</summary>
    private static async Task<string?> BuildCliAsync()
    {
        Console.WriteLine("building the Release CLI ...");
        return await Options.DotnetAsync("build", Path.Combine(Paths.Root, "cli", "Engagement.Cli.csproj"), "-c", "Release", "-nologo", "-v", "quiet")
            ? Path.Combine(Paths.Root, "cli", "bin", "Release", "net10.0", "engage.dll")
            : null;
    }

    /// <summary>SIGINT first, as Ctrl+C would, so serve stops its host; killed if it lingers.</summary>
    private static async Task StopAsync(Process serve)
    {
        if (serve.HasExited)
        {
            return;
        }

        using (var signal = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-INT", serve.Id.ToString(CultureInfo.InvariantCulture) }, UseShellExecute = false }))
        {
            await signal!.WaitForExitAsync();
        }

        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await serve.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            serve.Kill(entireProcessTree: true);
            await serve.WaitForExitAsync(CancellationToken.None);
        }
    }

    /// <summary>VmRSS and VmHWM (the peak since the process started) of a process, in MB.</summary>
    private static (double Current, double Peak) Rss(int pid)
    {
        double Read(string[] lines, string field) =>
            lines.FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal)) is { } line
                ? double.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024
                : double.NaN;
        try
        {
            var lines = File.ReadAllLines($"/proc/{pid}/status");
            return (Read(lines, "VmRSS:"), Read(lines, "VmHWM:"));
        }
        catch (IOException)
        {
            return (double.NaN, double.NaN);
        }
    }

    private static void Keep(List<string> output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.Add(line);
            if (output.Count > 50)
            {
                output.RemoveAt(0);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>A way to run serve: a name, another CLI build (null: this one), extra environment variables.</summary>
    private sealed record Variant(string Name, string? Engage, IReadOnlyDictionary<string, string> Environment)
    {
        public static Variant Parse(string spec)
        {
            var (name, rest) = spec.IndexOf(':', StringComparison.Ordinal) is var colon and >= 0 ? (spec[..colon], spec[(colon + 1)..]) : (spec, "");
            var settings = rest.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);
            var engage = settings.Remove("engage", out var path) ? path : null;
            return new Variant(name, engage, settings);
        }
    }

    private sealed record RunResult(
        TimeSpan FirstScore,
        double FirstScoreRssMb,
        Percentiles Latency,
        int Errors,
        double AchievedRate,
        double CpuMsPerRequest,
        double ClientCpuMsPerRequest,
        double RssMb,
        double MaxSampledRssMb,
        double PeakRssMb,
        string LoadAverage);

    private sealed record LoadResult(Percentiles Latency, int Errors, double AchievedRate);
}

/// <summary>Latency percentiles in milliseconds, nearest rank.</summary>
internal sealed record Percentiles(double P50, double P99, double P999, double Max)
{
    public static Percentiles Of(double[] values)
    {
        var sorted = values.Order().ToArray();
        double At(double q) => sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)];
        return new Percentiles(At(0.50), At(0.99), At(0.999), sorted[^1]);
    }
}
