using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using Engagement.Ml.Features;
using Microsoft.ML;

namespace Engagement.Ml.Training;

/// <summary>Writes a model file in the layout <see cref="ModelFile"/> reads: the ML.NET zip plus the manifest entry.</summary>
internal static class ModelWriter
{
    /// <summary>Saves the model and returns its version: the training date and a hash of the weights.</summary>
    public static ModelManifest Save(
        MLContext ml,
        ITransformer model,
        string trainer,
        ContextCalibration calibration,
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
            ModelManifest.Describe(calibration),
            createdAt,
            trainingItems);

        buffer.Position = 0;
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Update, leaveOpen: true))
        {
            var entry = archive.CreateEntry(ModelFile.ManifestEntry, CompressionLevel.Optimal);
            using var stream = entry.Open();
            JsonSerializer.Serialize(stream, manifest, ModelFile.Json);
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        // Write beside the target and rename, so a host loading the model never sees half a file.
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        File.WriteAllBytes(temporary, buffer.ToArray());
        File.Move(temporary, path, overwrite: true);
        return manifest;
    }
}
