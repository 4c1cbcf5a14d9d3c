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

        // People read these bodies and files (an apostrophe in Italian text, a quote in a problem): write them as
        // written, not as \u0027. They are JSON, served as JSON, never pasted into HTML.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
