using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Engagement.Connectors.Platforms;

namespace Engagement.Connectors.Meta;

/// <summary>One raw Graph item (a post, media, comment) read alone, with its id and time checked.</summary>
internal readonly record struct GraphItem<T>(T? Item, string? Id, DateTimeOffset? At, string? Problem)
    where T : class;

/// <summary>Reading one raw Graph item: an item without an id or a readable time cannot be stored, and says why.</summary>
internal static class GraphItems
{
    /// <summary>
    /// <paramref name="element"/> as a <typeparamref name="T"/>, its id, and its time read from <paramref name="field"/>
    /// (Meta's <c>+0000</c> offsets included); <see cref="GraphItem{T}.Problem"/> says what keeps it from being stored.
    /// </summary>
    public static GraphItem<T> Read<T>(JsonElement element, JsonTypeInfo<T> info, Func<T, string?> id, string field, Func<T, string?> time)
        where T : class
    {
        var (item, problem) = RawItems.Read(element, info);
        var itemId = (item is null ? null : id(item)) ?? RawItems.IdOf(element);
        var written = item is null ? null : time(item);
        var at = GraphTime.Parse(written);
        problem ??= string.IsNullOrWhiteSpace(itemId) ? "it has no id"
            : string.IsNullOrWhiteSpace(written) ? $"{field} is missing"
            : at is null ? $"{field} '{written}' is not a time"
            : null;
        return new GraphItem<T>(problem is null ? item : null, itemId, at, problem);
    }
}
