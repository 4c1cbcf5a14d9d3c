using System.Diagnostics;
using System.Globalization;
using Xunit;

namespace Engagement.Testing;

/// <summary>
/// An npm that never finishes (as with a registry out of reach) beside a tools/azurite without node_modules: it and a
/// child of its own record their process ids, so a test can prove both are gone.
/// </summary>
public sealed class StandInNpm : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("engagement-npm-");

    public StandInNpm()
    {
        Package = Path.Combine(_folder.FullName, "tools", "azurite");
        Directory.CreateDirectory(Package);
        File.WriteAllText(Path.Combine(Package, "package.json"), "{}");
        Npm = Path.Combine(_folder.FullName, "bin", "npm");
        Directory.CreateDirectory(Path.GetDirectoryName(Npm)!);
        File.WriteAllText(Npm, $"#!/bin/sh\necho $$ > '{Pids}'\nsleep 600 &\necho $! >> '{Pids}'\nwait\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(Npm, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    /// <summary>A folder whose tools/azurite has no Azurite installed: engage started here installs it.</summary>
    public string WorkingDirectory => _folder.FullName;

    public string Package { get; }

    public string Npm { get; }

    /// <summary>PATH with this npm first.</summary>
    public string SearchPath => Path.GetDirectoryName(Npm) + ":" + Environment.GetEnvironmentVariable("PATH");

    private string Pids => Path.Combine(_folder.FullName, "npm.pids");

    /// <summary>npm's process id and its child's, once it has started.</summary>
    public async Task<int[]> WaitForStartAsync()
    {
        for (var i = 0; i < 600; i++)
        {
            if (File.Exists(Pids) && ReadPids() is { Length: 2 } pids)
            {
                return pids;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("the stand-in npm never started");
    }

    public async Task AssertAllGoneAsync()
    {
        var pids = ReadPids();
        for (var i = 0; i < 50 && pids.Any(IsAlive); i++)
        {
            await Task.Delay(100);
        }

        Assert.All(pids, pid => Assert.False(IsAlive(pid), $"process {pid} is still running"));
    }

    public void Dispose()
    {
        foreach (var pid in File.Exists(Pids) ? ReadPids() : [])
        {
            if (IsAlive(pid))
            {
                using var kill = Process.Start("kill", ["-KILL", pid.ToString(CultureInfo.InvariantCulture)]);
                kill.WaitForExit();
            }
        }

        _folder.Delete(recursive: true);
    }

    private int[] ReadPids() => File.ReadAllLines(Pids).Where(l => l.Length > 0).Select(l => int.Parse(l, CultureInfo.InvariantCulture)).ToArray();

    // A zombie waiting for its parent to reap it runs nothing: it counts as gone.
    private static bool IsAlive(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            return text[(text.LastIndexOf(')') + 2)..][0] != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }
}
