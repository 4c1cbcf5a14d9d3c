using System.Text.Json;
using System.Text.Json.Serialization;

namespace Engagement.Connectors.Meta;

// What every Graph API answer shares (docs: graph-api/results, guides/error-handling). Lists are read as raw elements
// and each item is deserialised alone by its platform's mapper, so one odd item is that item's bad record.

/// <summary>A list edge: <c>{"data": [...], "paging": {"cursors": {...}, "next": "..."}}</c>.</summary>
internal sealed record GraphList
{
    public IReadOnlyList<JsonElement>? Data { get; init; }

    public GraphPaging? Paging { get; init; }
}

/// <summary>Cursor paging. Only a missing <c>next</c> ends a list; a short or even empty page may still have one.</summary>
internal sealed record GraphPaging
{
    public GraphCursors? Cursors { get; init; }

    public string? Next { get; init; }
}

internal sealed record GraphCursors
{
    public string? Before { get; init; }

    public string? After { get; init; }
}

/// <summary>Meta's error envelope, the same for every status: classify on <c>code</c> and <c>error_subcode</c>.</summary>
internal sealed record GraphErrorEnvelope
{
    public GraphError? Error { get; init; }
}

internal sealed record GraphError
{
    public string? Message { get; init; }

    public string? Type { get; init; }

    public int? Code { get; init; }

    public int? ErrorSubcode { get; init; }

    public bool? IsTransient { get; init; }

    public string? FbtraceId { get; init; }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(GraphList))]
[JsonSerializable(typeof(GraphErrorEnvelope))]
[JsonSerializable(typeof(JsonElement))]
internal sealed partial class GraphJson : JsonSerializerContext;
