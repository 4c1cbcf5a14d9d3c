using System.Text.Json;
using System.Text.Json.Serialization;
using Engagement.Core.Scoring;

namespace Engagement.Http;

/// <summary>
/// Serialisation code generated at build time for the bodies of the hot route (scoring) and of every refusal, so they
/// are written without reflection; other bodies fall back to reflection. The options repeat the interchange
/// conventions (<see cref="Core.Interchange.InterchangeJson"/>); <see cref="ApiResult.Json"/> applies the rest.
/// </summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DictionaryKeyPolicy = JsonKnownNamingPolicy.Unspecified,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ScoreItem))]
[JsonSerializable(typeof(ScoreResult))]
[JsonSerializable(typeof(ScoreBatchResult))]
[JsonSerializable(typeof(Problem))]
internal sealed partial class ApiJsonContext : JsonSerializerContext;
