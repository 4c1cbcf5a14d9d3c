using System.IO.Compression;
using System.Text.Json;
using Engagement.Ml.Features;
using Microsoft.ML;

namespace Engagement.Ml;

/// <summary>What the model zip says about itself, stored as an extra entry beside ML.NET's own.</summary>
internal sealed record ModelManifest(
    string ModelVersion,
    string FeaturizerVersion,
    string Trainer,
    double PlattA,
    double PlattB,
    DateTimeOffset CreatedAt,
    int TrainingItems)
{
    public PlattCalibration Calibration => new(PlattA, PlattB);
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
        var manifest = ReadManifest(bytes, path);
        if (manifest.FeaturizerVersion != Featurizer.Version)
        {
            throw new InvalidDataException(
                $"Model '{path}' was trained on features '{manifest.FeaturizerVersion}' but this library builds '{Featurizer.Version}'; retrain it.");
        }

        using var stream = new MemoryStream(bytes, writable: false);
        return (ml.Model.Load(stream, out _), manifest);
    }

    public static ModelManifest ReadManifest(string path) => ReadManifest(File.ReadAllBytes(path), path);

    private static ModelManifest ReadManifest(byte[] bytes, string path)
    {
        using var archive = new ZipArchive(new MemoryStream(bytes, writable: false), ZipArchiveMode.Read);
        var entry = archive.GetEntry(ManifestEntry)
            ?? throw new InvalidDataException($"Model '{path}' has no {ManifestEntry}; it was not written by engage train.");
        using var stream = entry.Open();
        return JsonSerializer.Deserialize<ModelManifest>(stream, Json)
            ?? throw new InvalidDataException($"Model '{path}' has an empty {ManifestEntry}.");
    }
}
