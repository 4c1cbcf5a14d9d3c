namespace Engagement.Ml.Training.Tests;

/// <summary>Finds the repository's files from the test binaries, wherever the clone sits.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Corpus => Path.Combine(Root, "ml", "data", "corpus");

    /// <summary>Items by a writer who never saw the corpus; used only for evaluation.</summary>
    public static string IndependentSet => Path.Combine(Root, "ml", "data", "eval", "independent.jsonl");

    public static string ShippedModel => Path.Combine(Root, "ml", "model", "engagement-model.zip");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Engagement.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException("Engagement.sln not found above " + AppContext.BaseDirectory);
    }
}
