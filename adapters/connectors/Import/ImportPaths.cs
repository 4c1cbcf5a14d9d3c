namespace Engagement.Connectors;

/// <summary>Real paths of import files: every symbolic link on the way followed, and '..' taken after it, as the OS does.</summary>
internal static class ImportPaths
{
    // More links than this on one path is a loop, or an attempt at one.
    private const int MaxLinks = 40;

    private static StringComparison Comparison => OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    /// <summary>The real path; a link loop leaves the path as it stands (it then opens nothing).</summary>
    public static string RealPath(string path) => TryRealPath(path, out var real) ? real : Path.GetFullPath(path);

    /// <summary>
    /// The real path of <paramref name="path"/>: each existing component is followed if it is a link, in order, so a
    /// '..' after a link climbs from where the link leads. Components that do not exist yet are kept as written.
    /// False for a link loop.
    /// </summary>
    public static bool TryRealPath(string path, out string real)
    {
        var links = 0;
        return TryWalk(Absolute(path, Environment.CurrentDirectory), ref links, out real);
    }

    /// <summary>Whether <paramref name="path"/> lies below <paramref name="folder"/> (both real paths).</summary>
    public static bool IsInside(string path, string folder) =>
        path.StartsWith(folder.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, Comparison);

    // Rooted as it stands, else below the base; never normalised, since '..' must be taken after the links before it.
    private static string Absolute(string path, string basePath) => Path.IsPathRooted(path) ? path : Path.Combine(basePath, path);

    private static bool TryWalk(string full, ref int links, out string real)
    {
        var current = Path.GetPathRoot(full)!;
        var parts = full[current.Length..].Split([Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar], StringSplitOptions.RemoveEmptyEntries);
        var pending = new Queue<string>(parts);
        while (pending.TryDequeue(out var part))
        {
            if (part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                current = Path.GetDirectoryName(current.TrimEnd(Path.DirectorySeparatorChar)) ?? current;
                continue;
            }

            var next = Path.Combine(current, part);
            FileSystemInfo info = Directory.Exists(next) ? new DirectoryInfo(next) : new FileInfo(next);
            if (info.LinkTarget is { } target)
            {
                if (++links > MaxLinks)
                {
                    real = "";
                    return false;
                }

                // The link's target, relative to the folder the link sits in, then the rest of the path after it.
                var resolved = Absolute(target, current);
                var rest = pending.ToArray();
                pending = new Queue<string>();
                if (!TryWalk(resolved, ref links, out var realTarget))
                {
                    real = "";
                    return false;
                }

                current = realTarget;
                foreach (var r in rest)
                {
                    pending.Enqueue(r);
                }

                continue;
            }

            current = next;
        }

        real = current;
        return true;
    }
}
