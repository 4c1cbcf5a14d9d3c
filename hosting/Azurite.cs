using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Engagement.LocalHost;

/// <summary>
/// Starts the Azure Storage emulator from the npm package pinned in <c>tools/azurite</c>, installing it first
/// when needed. Shared by <c>engage</c> and the test fixtures, so both run the same emulator the same way.
/// </summary>
public sealed partial class Azurite : IAsyncDisposable
{
    /// <summary>The emulator's well-known development account: public, documented, not a secret.</summary>
    public const string AccountName = "devstoreaccount1";

    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    public const int DefaultBlobPort = 10000;
    public const int DefaultQueuePort = 10001;
    public const int DefaultTablePort = 10002;

    private readonly Process _process;

    private Azurite(Process process, int blobPort, int queuePort, int tablePort)
    {
        _process = process;
        BlobPort = blobPort;
        QueuePort = queuePort;
        TablePort = tablePort;
    }

    /// <summary>The emulator's process id, for a caller that measures its CPU.</summary>
    public int ProcessId => _process.Id;

    public int BlobPort { get; }

    public int QueuePort { get; }

    public int TablePort { get; }

    public string ConnectionString => ConnectionStringFor(BlobPort, QueuePort, TablePort);

    private static string ConnectionStringFor(int blobPort, int queuePort, int tablePort) =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{blobPort}/{AccountName};" +
        $"QueueEndpoint=http://127.0.0.1:{queuePort}/{AccountName};" +
        $"TableEndpoint=http://127.0.0.1:{tablePort}/{AccountName};";

    /// <summary>
    /// Starts Azurite. <paramref name="location"/> null keeps data in memory (tests); a folder persists it (the demo).
    /// Ports 0 pick free loopback ports.
    /// </summary>
    public static async Task<Azurite> StartAsync(
        string? location = null,
        int blobPort = 0,
        int queuePort = 0,
        int tablePort = 0,
        IProgress<string>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var package = FindPackageDirectory()
            ?? throw new InvalidOperationException("tools/azurite was not found above the current folder or the program's folder; run from the repository, or start Azurite yourself.");
        await InstallAsync(package, progress, cancellationToken).ConfigureAwait(false);

        blobPort = blobPort == 0 ? FreePort() : blobPort;
        queuePort = queuePort == 0 ? FreePort() : queuePort;
        tablePort = tablePort == 0 ? FreePort() : tablePort;
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            Path.Combine(package, "node_modules", "azurite", "dist", "src", "azurite.js"),
            "--blobHost", "127.0.0.1", "--blobPort", blobPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--queueHost", "127.0.0.1", "--queuePort", queuePort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--tableHost", "127.0.0.1", "--tablePort", tablePort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--skipApiVersionCheck", "--disableProductStyleUrl", "--disableTelemetry", "--silent",
            // Idle keep-alive connections hold up a graceful stop; short ones let SIGINT finish in a second or two.
            "--blobKeepAliveTimeout", "1", "--queueKeepAliveTimeout", "1", "--tableKeepAliveTimeout", "1",
        })
        {
            start.ArgumentList.Add(argument);
        }

        if (location is null)
        {
            start.ArgumentList.Add("--inMemoryPersistence");
        }
        else
        {
            Directory.CreateDirectory(location);
            start.ArgumentList.Add("--location");
            start.ArgumentList.Add(location);
        }

        progress?.Report($"Starting Azurite on 127.0.0.1:{blobPort}-{tablePort}");
        var process = Process.Start(start) ?? throw new InvalidOperationException("node could not be started; is Node.js 20+ on the PATH?");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var azurite = new Azurite(process, blobPort, queuePort, tablePort);
        var deadline = Stopwatch.StartNew();
        while (!(IsListening(blobPort) && IsListening(queuePort) && IsListening(tablePort)))
        {
            if (process.HasExited || deadline.Elapsed > TimeSpan.FromSeconds(60))
            {
                await azurite.DisposeAsync().ConfigureAwait(false);
                throw new InvalidOperationException($"Azurite did not start listening on ports {blobPort}, {queuePort}, {tablePort}: another program may hold them; stop it, or start Azurite yourself and set AzureWebJobsStorage.");
            }

            try
            {
                await Task.Delay(100, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C while it starts: it must not outlive us.
                await azurite.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }

        return azurite;
    }

    public static bool IsListening(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>The folder holding the pinned package.json, searched above the working and program folders.</summary>
    public static string? FindPackageDirectory()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "tools", "azurite");
                if (File.Exists(Path.Combine(candidate, "package.json")))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    /// <summary>
    /// Kills the emulator at once (SIGKILL), as a crash or a power cut would: what it had not yet written to its folder is
    /// lost. The fault tests use it to kill storage mid-ingest; <see cref="DisposeAsync"/> is the graceful stop.
    /// </summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: false);
            await _process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>Stops with SIGINT so Azurite flushes its data, then kills it if it lingers.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _ = Kill(_process.Id, SigInt);
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await _process.WaitForExitAsync(wait.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }

        _process.Dispose();
    }

    /// <summary>How long <c>npm ci</c> may take: minutes on a slow line, forever without a registry, hence the limit.</summary>
    public static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(5);

    /// <summary>
    /// npm ci from the committed lock file, once, even when several test processes start together. It cannot hang: after
    /// <paramref name="timeout"/> (default <see cref="InstallTimeout"/>), or when cancelled (Ctrl+C), npm and every
    /// process it started are killed, and the error says how to install Azurite by hand.
    /// </summary>
    internal static async Task InstallAsync(string package, IProgress<string>? progress, CancellationToken cancellationToken, TimeSpan? timeout = null, string npmCommand = "npm")
    {
        var marker = Path.Combine(package, "node_modules", "azurite", "package.json");
        if (File.Exists(marker))
        {
            return;
        }

        await using var gate = await AcquireLockAsync(Path.Combine(package, ".install.lock"), cancellationToken).ConfigureAwait(false);
        if (File.Exists(marker))
        {
            return;
        }

        progress?.Report("Installing Azurite from tools/azurite/package-lock.json (npm ci)");
        var start = new ProcessStartInfo(npmCommand, "ci --no-audit --no-fund --loglevel=error")
        {
            WorkingDirectory = package,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        Process npm;
        try
        {
            npm = Process.Start(start) ?? throw new InvalidOperationException(ByHand(package, "npm could not be started"));
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new InvalidOperationException(ByHand(package, "npm could not be started (is Node.js 20+ on the PATH?)"));
        }

        using (npm)
        using (var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            var allowed = timeout ?? InstallTimeout;
            limit.CancelAfter(allowed);
            var errors = npm.StandardError.ReadToEndAsync(CancellationToken.None);
            var output = npm.StandardOutput.ReadToEndAsync(CancellationToken.None);
            try
            {
                await npm.WaitForExitAsync(limit.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                npm.Kill(entireProcessTree: true);
                await npm.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
                throw new InvalidOperationException(ByHand(package, $"npm ci did not finish within {allowed.TotalMinutes:0.##} minutes (is the npm registry reachable?)"));
            }

            _ = await output.ConfigureAwait(false);
            if (npm.ExitCode != 0)
            {
                var first = (await errors.ConfigureAwait(false)).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
                throw new InvalidOperationException(ByHand(package, $"npm ci failed ({first ?? $"exit code {npm.ExitCode}"})"));
            }
        }
    }

    private static string ByHand(string package, string reason) =>
        $"{reason}: install Azurite by hand with 'npm ci' in {package} (or 'npm install -g azurite' and run 'azurite --location .azurite' yourself), then run again";

    private static async Task<FileStream> AcquireLockAsync(string path, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException)
            {
                await Task.Delay(250, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private const int SigInt = 2;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
