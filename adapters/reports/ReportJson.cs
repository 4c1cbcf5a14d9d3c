using System.Text.Json;
using System.Text.Json.Serialization;
using Engagement.Core.Interchange;

namespace Engagement.Reports;

/// <summary>
/// Reports as JSON: the interchange conventions (snake_case), except that nulls are written, since a null figure
/// means "no data" and a reader should see it said rather than find the field missing.
/// </summary>
public static class ReportJson
{
    public static JsonSerializerOptions Options { get; } = new(InterchangeJson.Options)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        WriteIndented = true,
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);
}
