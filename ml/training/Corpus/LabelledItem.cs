using System.Text.Json;
using Engagement.Ml.Vocabulary;

namespace Engagement.Ml.Corpus;

/// <summary>One labelled interaction of the corpus or of an agency's extra data.</summary>
public sealed record LabelledItem(
    string Id,
    string Group,
    string Text,
    bool IsRelational,
    InteractionKind Kind = InteractionKind.Unknown,
    Channel? Channel = null,
    bool? AuthorIsBrand = null,
    string? Language = null,
    string? Sector = null,
    bool Hard = false,
    string Source = "",
    string? Category = null)
{
    public string Label => EngagementLabels.Of(IsRelational);

    /// <summary>
    /// The input the classifier sees for this item. The corpus has no parent ids, so the kind implies them; they only
    /// reach the model in training rows whose kind was dropped, which is exactly when a host's parent id matters.
    /// </summary>
    public ClassifierInput ToInput() => new(
        Text,
        Kind,
        Channel,
        AuthorIsBrand,
        Language,
        Kind switch
        {
            InteractionKind.Post => false,
            InteractionKind.Comment or InteractionKind.Reply => true,
            _ => null,
        });
}

/// <summary>Reads labelled JSON Lines (the corpus line format; the interchange format plus <c>label</c> and <c>group</c>).</summary>
public static class LabelledData
{
    /// <summary>Reads every <c>*.jsonl</c> under <paramref name="directory"/>, in path order so runs are repeatable.</summary>
    public static LabelledDataSet ReadDirectory(string directory)
    {
        var items = new List<LabelledItem>();
        var problems = new List<string>();
        foreach (var path in Directory.EnumerateFiles(directory, "*.jsonl", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            Read(path, items, problems);
        }

        return new LabelledDataSet(items, problems);
    }

    public static LabelledDataSet ReadFile(string path)
    {
        var items = new List<LabelledItem>();
        var problems = new List<string>();
        Read(path, items, problems);
        return new LabelledDataSet(items, problems);
    }

    private static void Read(string path, List<LabelledItem> items, List<string> problems)
    {
        var lineNumber = 0;
        var source = Path.GetFileName(path);
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                using var document = JsonDocument.Parse(line);
                var root = document.RootElement;
                var text = String(root, "text");
                var label = String(root, "label")?.Trim().ToLowerInvariant();
                if (string.IsNullOrWhiteSpace(text) || label is not (EngagementLabels.Broadcast or EngagementLabels.Relational))
                {
                    problems.Add($"{path}:{lineNumber}: missing text or a label other than broadcast/relational");
                    continue;
                }

                var id = String(root, "id") ?? $"{source}:{lineNumber}";
                items.Add(new LabelledItem(
                    id,
                    String(root, "group") ?? String(root, "client") ?? "ungrouped",
                    text,
                    label == EngagementLabels.Relational,
                    InteractionKinds.FromAnyName(String(root, "kind")),
                    String(root, "channel") is { } channel && !string.IsNullOrWhiteSpace(channel) ? new Channel(channel) : null,
                    Bool(root, "author_is_brand"),
                    String(root, "lang"),
                    String(root, "sector"),
                    Bool(root, "hard") ?? false,
                    source,
                    String(root, "category")));
            }
            catch (JsonException ex)
            {
                problems.Add($"{path}:{lineNumber}: {ex.Message}");
            }
        }
    }

    private static string? String(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static bool? Bool(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) ? value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => null,
        } : null;
}

/// <summary>Items read from labelled files, and the lines that could not be used.</summary>
public sealed record LabelledDataSet(IReadOnlyList<LabelledItem> Items, IReadOnlyList<string> Problems);
