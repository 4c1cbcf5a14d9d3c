using System.CommandLine;
using Engagement.Cli.Hosting;
using Engagement.Ml.Training;

namespace Engagement.Cli.Commands;

/// <summary><c>engage train</c>: retrain the classifier, keeping the old model unless the new one is at least as good.</summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var data = new Option<FileInfo>("--data") { Description = "Your own labelled JSON Lines, merged with the base corpus." };
        var corpus = new Option<DirectoryInfo>("--corpus")
        {
            Description = "Folder of the base corpus (default: ml/data/corpus of this repository).",
            DefaultValueFactory = _ => new DirectoryInfo(FindInRepository("ml", "data", "corpus") ?? Path.Combine("ml", "data", "corpus")),
        };
        var output = new Option<FileInfo>("--output")
        {
            Description = "Model file to write; the model already there is the one to beat (default: ml/model/engagement-model.zip).",
            DefaultValueFactory = _ => new FileInfo(FindInRepository("ml", "model", "engagement-model.zip") ?? Path.Combine("ml", "model", "engagement-model.zip")),
        };
        var force = new Option<bool>("--force") { Description = "Replace the model even if the new one is worse on the held-out brands." };
        var compare = new Option<bool>("--compare") { Description = "Also cross-validate every candidate learner and record the comparison (slower)." };
        var command = new Command("train", "Train the classifier and write a new model version with its metrics.") { data, corpus, output, force, compare };
        command.SetAction(async (parse, ct) =>
        {
            var corpusDir = parse.GetValue(corpus)!;
            if (!corpusDir.Exists)
            {
                return Shared.Fail($"corpus folder {corpusDir.FullName} does not exist");
            }

            if (parse.GetValue(data) is { Exists: false } missing)
            {
                return Shared.Fail($"{missing.FullName} does not exist");
            }

            var options = new TrainingOptions
            {
                CorpusDirectory = corpusDir.FullName,
                ExtraDataPath = parse.GetValue(data)?.FullName,
                OutputModelPath = parse.GetValue(output)!.FullName,
                Force = parse.GetValue(force),
                Compare = parse.GetValue(compare),
            };
            var report = await ConsoleProgress.RunAsync("Training", update =>
                ModelTrainer.TrainAsync(options, new SyncProgress<TrainingProgress>(p => update(p.Done, p.Total, p.Stage)), ct));
            Console.WriteLine(report.Summary);
            if (report.Replaced)
            {
                Console.WriteLine($"Model {report.ModelVersion} written to {report.ModelPath}; rebuild, or set Engagement__ModelPath to it, so the hosts load it.");
            }

            // 3 tells a script the run worked but the model in place was kept, being at least as good.
            return report.Replaced ? 0 : 3;
        });
        return command;
    }

    private static string? FindInRepository(params string[] parts)
    {
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Engagement.sln")))
            {
                return Path.Combine([dir.FullName, .. parts]);
            }
        }

        return null;
    }
}
