using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using Engagement.Ml.Features;
using Engagement.Ml.Training;
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

/// <summary>Writes and reads the shipped model: the ML.NET zip plus <see cref="ManifestEntry"/> with version and calibration.</summary>
/// <remarks>
/// The version lives inside the zip so it can never drift from the weights it names, whatever happens to the
/// metrics file beside it. ML.NET reads only the entries it wrote, so the extra entry is invisible to it.
/// </remarks>
internal static class ModelFile
{
    public const string ManifestEntry = "engagement/manifest.json";

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>Saves the model and returns its version: the training date and a hash of the weights.</summary>
    public static ModelManifest Save(
        MLContext ml,
        ITransformer model,
        string trainer,
        PlattCalibration calibration,
        int trainingItems,
        DateTimeOffset createdAt,
        string path)
    {
        using var buffer = new MemoryStream();
        var schema = ml.Data.LoadFromEnumerable(Array.Empty<ModelRow>()).Schema;
        ml.Model.Save(model, schema, buffer);
        var hash = Convert.ToHexStringLower(SHA256.HashData(buffer.ToArray()))[..8];
        var manifest = new ModelManifest(
            $"{createdAt:yyyy.MM.dd}-{hash}",
            Featurizer.Version,
            trainer,
            calibration.A,
            calibration.B,
            createdAt,
            trainingItems);

        buffer.Position = 0;
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Update, leaveOpen: true))
        {
            var entry = archive.CreateEntry(ManifestEntry, CompressionLevel.Optimal);
            using var stream = entry.Open();
            JsonSerializer.Serialize(stream, manifest, Json);
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        // Write beside the target and rename, so a host loading the model never sees half a file.
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        File.WriteAllBytes(temporary, buffer.ToArray());
        File.Move(temporary, path, overwrite: true);
        return manifest;
    }

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
            ?? throw new InvalidDataException($"Model '{path}' has no {ManifestEntry}; it was not written by ModelTrainer.");
        using var stream = entry.Open();
        return JsonSerializer.Deserialize<ModelManifest>(stream, Json)
            ?? throw new InvalidDataException($"Model '{path}' has an empty {ManifestEntry}.");
    }
}
