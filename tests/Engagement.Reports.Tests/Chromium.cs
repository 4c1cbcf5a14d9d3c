using System.Diagnostics;

namespace Engagement.Reports.Tests;

/// <summary>What one headless Chromium run printed, and how long it took.</summary>
internal sealed record ChromiumRun(int ExitCode, TimeSpan Elapsed, string Output, string Errors);

/// <summary>
/// Debian's headless Chromium, one process per page: no sandbox (tests run as root in a container), no network
/// services, a throwaway profile. The test fails, never skips, when it is missing: .ci/run installs it.
/// </summary>
internal static class Chromium
{
    private static readonly string[] Candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

    private static readonly string[] Flags =
    [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--hide-scrollbars",
        "--force-device-scale-factor=1",
        "--log-level=3",
    ];

    public static string Binary =>
        Candidates.FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException("Chromium is not installed: run 'apt-get install -y chromium fonts-dejavu-core' (.ci/run does).");

    public static ChromiumRun Screenshot(string html, string png, int width, int height) =>
        Run([$"--screenshot={png}", $"--window-size={width},{height}", new Uri(html).AbsoluteUri]);

    public static ChromiumRun PrintToPdf(string html, string pdf) =>
        Run([$"--print-to-pdf={pdf}", "--no-pdf-header-footer", new Uri(html).AbsoluteUri]);

    /// <summary>The page's DOM as Chromium parsed it.</summary>
    public static ChromiumRun DumpDom(string html) => Run(["--dump-dom", new Uri(html).AbsoluteUri]);

    private static ChromiumRun Run(IEnumerable<string> arguments)
    {
        var profile = Directory.CreateTempSubdirectory("engagement-chromium-");
        var start = new ProcessStartInfo(Binary) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add($"--user-data-dir={profile.FullName}");
        foreach (var argument in Flags.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            var started = Stopwatch.GetTimestamp();
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException("Chromium did not finish within two minutes");
            }

            return new ChromiumRun(process.ExitCode, Stopwatch.GetElapsedTime(started), output.Result, errors.Result);
        }
        finally
        {
            profile.Delete(recursive: true);
        }
    }
}
