namespace Engagement.Testing;

/// <summary>Finds files of the repository from a test's output folder.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>The labelled corpus the model is trained on.</summary>
    public static string Corpus => Combine("ml", "data", "corpus");

    /// <summary>Items by a writer who never saw the corpus; used only for evaluation.</summary>
    public static string IndependentSet => Combine("ml", "data", "eval", "independent.jsonl");

    /// <summary>The model the hosts ship.</summary>
    public static string ShippedModel => Combine("ml", "model", "engagement-model.zip");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Engagement.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Engagement.sln was not found above " + AppContext.BaseDirectory);
    }
}
