using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Engagement.Connectors.Platforms;

/// <summary>
/// Reading one raw item of a listing on its own, so that an item that does not deserialise is that item's bad record
/// and the rest of the page is kept.
/// </summary>
internal static class RawItems
{
    /// <summary>The item, or why it cannot be read (the JSON path and the reader's first line).</summary>
    public static (T? Item, string? Problem) Read<T>(JsonElement element, JsonTypeInfo<T> info)
        where T : class
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return (null, "unreadable (not a JSON object)");
        }

        try
        {
            return (element.Deserialize(info), null);
        }
        catch (JsonException e)
        {
            return (null, $"unreadable ({e.Path}: {e.Message.Split('\n', 2)[0].Trim()})");
        }
    }

    /// <summary>The item's id as written (a string or a number), to name it in a bad record; null when it has none.</summary>
    public static string? IdOf(JsonElement element, string property = "id") =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var id) && id.ValueKind is JsonValueKind.String or JsonValueKind.Number
            ? id.ToString()
            : null;
}
