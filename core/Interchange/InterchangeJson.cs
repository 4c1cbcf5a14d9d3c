using System.Text.Json;
using System.Text.Json.Serialization;

namespace Engagement.Core.Interchange;

/// <summary>The JSON conventions of the interchange format, the API and outbound events: snake_case, nulls left out.</summary>
public static class InterchangeJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };
}
