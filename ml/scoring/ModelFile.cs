using System.IO.Compression;
using System.Text.Json;
using Engagement.Ml.Features;
using Microsoft.ML;

namespace Engagement.Ml;

/// <summary>What the model zip says about itself, stored as an extra entry beside ML.NET's own.</summary>
/// <param name="Calibration">The Platt map of each <see cref="SpeakerContext"/>, by name.</param>
internal sealed record ModelManifest(
    string ModelVersion,
    string FeaturizerVersion,
    string Trainer,
    IReadOnlyDictionary<string, PlattCalibration> Calibration,
    DateTimeOffset CreatedAt,
    int TrainingItems)
{
    public static IReadOnlyDictionary<string, PlattCalibration> Describe(ContextCalibration calibration) =>
        Enum.GetValues<SpeakerContext>().ToDictionary(c => c.ToString(), c => calibration.ByContext[(int)c], StringComparer.Ordinal);

    public ContextCalibration ContextCalibration() => new(
        Enum.GetValues<SpeakerContext>().Select(c => Calibration is not null && Calibration.TryGetValue(c.ToString(), out var p)
            ? p
            : throw new InvalidDataException($"Model {ModelVersion} has no calibration for {c}.")).ToArray());
}

/// <summary>Reads the shipped model: the ML.NET zip plus <see cref="ManifestEntry"/> with version and calibration (training writes it).</summary>
/// <remarks>
/// The version lives inside the zip so it can never drift from the weights it names, whatever happens to the
/// metrics file beside it. ML.NET reads only the entries it wrote, so the extra entry is invisible to it.
/// </remarks>
internal static class ModelFile
{
    public const string ManifestEntry = "engagement/manifest.json";

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static (ITransformer Model, ModelManifest Manifest) Load(MLContext ml, string path)
    {
        var bytes = File.ReadAllBytes(path);
        // The layout is checked before the rest of the manifest is read: an older model's manifest has another shape.
        using (var document = ReadManifestDocument(bytes, path))
        {
            var featurizerVersion = document.RootElement.TryGetProperty("featurizerVersion", out var v) ? v.GetString() : null;
            if (featurizerVersion != Featurizer.Version)
            {
                throw new InvalidDataException(
                    $"Model '{path}' was trained on features '{featurizerVersion}' but this library builds '{Featurizer.Version}'; retrain it.");
            }
        }

        var manifest = ReadManifest(bytes, path);
        using var stream = new MemoryStream(bytes, writable: false);
        return (ml.Model.Load(stream, out _), manifest);
    }

    /// <summary>The version a model file names, whatever its layout; what a host or a retraining reports as "before".</summary>
    public static string ReadVersion(string path)
    {
        using var document = ReadManifestDocument(File.ReadAllBytes(path), path);
        return document.RootElement.TryGetProperty("modelVersion", out var version) && version.GetString() is { } text
            ? text
            : throw new InvalidDataException($"Model '{path}' names no version in {ManifestEntry}.");
    }

    public static ModelManifest ReadManifest(string path) => ReadManifest(File.ReadAllBytes(path), path);

    private static ModelManifest ReadManifest(byte[] bytes, string path)
    {
        using var document = ReadManifestDocument(bytes, path);
        try
        {
            return document.Deserialize<ModelManifest>(Json) ?? throw new InvalidDataException($"Model '{path}' has an empty {ManifestEntry}.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"Model '{path}' has a {ManifestEntry} this library cannot read ({e.Message}); retrain it.", e);
        }
    }

    private static JsonDocument ReadManifestDocument(byte[] bytes, string path)
    {
        using var archive = new ZipArchive(new MemoryStream(bytes, writable: false), ZipArchiveMode.Read);
        var entry = archive.GetEntry(ManifestEntry)
            ?? throw new InvalidDataException($"Model '{path}' has no {ManifestEntry}; it was not written by engage train.");
        using var stream = entry.Open();
        try
        {
            return JsonDocument.Parse(stream);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"Model '{path}' has an unreadable {ManifestEntry}: {e.Message}", e);
        }
    }
}
