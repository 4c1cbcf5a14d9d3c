namespace Engagement.Infra.Tests;

/// <summary>The repository folder, found by walking up from the test binaries to the one holding Engagement.sln.</summary>
internal static class RepoRoot
{
    public static string Path { get; } = Find();

    public static string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Engagement.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Engagement.sln above {AppContext.BaseDirectory}.");
    }
}
