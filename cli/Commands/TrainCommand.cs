using System.CommandLine;
using System.Globalization;
using Engagement.Cli.Hosting;
using Engagement.Core.Corrections;
using Engagement.Ml;
using Engagement.Ml.Corpus;
using Engagement.Ml.Training;

namespace Engagement.Cli.Commands;

/// <summary>
/// <c>engage train</c>: retrain the classifier, keeping the old model unless the new one is at least as good; the one
/// front end for model work (training, comparing learners, measuring a model on the held-out brands).
/// </summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var data = new Option<FileInfo>("--data") { Description = "Your own labelled JSON Lines, merged with the base corpus." };
        var feedback = new Option<bool>("--feedback")
        {
            Description = "Also train on every client's label corrections (engage label), read from storage; each client is one group, so no fold splits it.",
        };
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
        var evaluationSets = new Option<FileInfo[]>("--evaluation-set")
        {
            Description = "Labelled files measured before and after, never trained on; the new model must not be worse on them together (default: ml/data/eval/feeds-*.jsonl of this repository).",
            AllowMultipleArgumentsPerToken = true,
            DefaultValueFactory = _ => DefaultEvaluationSets(),
        };
        var force = new Option<bool>("--force") { Description = "Replace the model even if the new one is worse on the held-out brands or the evaluation sets." };
        var compare = new Option<bool>("--compare") { Description = "Also cross-validate every candidate learner, record the comparison and print its table (slower)." };
        var trainer = new Option<TrainerChoice>("--trainer")
        {
            Description = "The learner to ship; it must be linear, since explanations read its weights.",
            DefaultValueFactory = _ => TrainerChoice.LbfgsLogisticRegression,
        };
        var folds = new Option<int>("--folds") { Description = "Grouped cross-validation folds (default: 5).", DefaultValueFactory = _ => 5 };
        var evaluate = new Option<bool>("--evaluate") { Description = "Train nothing: measure the model at --output on the held-out brands and the evaluation sets, beside the structural rule." };
        var errors = new Option<bool>("--errors") { Description = "With --evaluate: list every held-out item the model gets wrong." };
        var baseline = new Option<bool>("--baseline") { Description = "With --evaluate: also measure ML.NET's bare FeaturizeText + SDCA pipeline on the same items." };
        var command = new Command("train", "Train the classifier and write a new model version with its metrics, or measure one with --evaluate.")
        {
            data, feedback, corpus, output, evaluationSets, force, compare, trainer, folds, evaluate, errors, baseline,
        };
        command.Validators.Add(result =>
        {
            if (!result.GetValue(evaluate) && (result.GetValue(errors) || result.GetValue(baseline)))
            {
                result.AddError("--errors and --baseline go with --evaluate.");
            }

            if (result.GetValue(evaluate) && result.GetValue(feedback))
            {
                result.AddError("--feedback trains; it does not go with --evaluate.");
            }
        });
        command.SetAction(async (parse, ct) =>
        {
            var corpusDir = parse.GetValue(corpus)!;
            if (!corpusDir.Exists)
            {
                return Shared.Fail($"corpus folder {corpusDir.FullName} does not exist");
            }

            var sets = parse.GetValue(evaluationSets) ?? [];
            if (sets.FirstOrDefault(f => !f.Exists) is { } absent)
            {
                return Shared.Fail($"{absent.FullName} does not exist");
            }

            if (parse.GetValue(evaluate))
            {
                return Evaluate(corpusDir.FullName, parse.GetValue(output)!, sets, parse.GetValue(errors), parse.GetValue(baseline));
            }

            if (parse.GetValue(data) is { Exists: false } missing)
            {
                return Shared.Fail($"{missing.FullName} does not exist");
            }

            // Corrections reach the trainer as extra labelled data, through the same --data path an agency's own file takes.
            using var extra = parse.GetValue(feedback)
                ? await FeedbackFile.WriteAsync(parse.GetValue(data), ct)
                : null;
            if (extra is not null)
            {
                Console.WriteLine(extra.Summary);
            }

            var options = new TrainingOptions
            {
                CorpusDirectory = corpusDir.FullName,
                ExtraDataPath = extra?.Path ?? parse.GetValue(data)?.FullName,
                OutputModelPath = parse.GetValue(output)!.FullName,
                Force = parse.GetValue(force),
                Compare = parse.GetValue(compare),
                Trainer = parse.GetValue(trainer),
                Folds = parse.GetValue(folds),
                EvaluationSets = sets.Select(f => f.FullName).ToList(),
            };
            TrainingReport report;
            try
            {
                report = await ConsoleProgress.RunAsync("Training", update =>
                    ModelTrainer.TrainAsync(options, new SyncProgress<TrainingProgress>(p => update(p.Done, p.Total, p.Stage)), ct));
            }
            catch (ArgumentException e)
            {
                return Shared.Fail(e.Message);
            }

            Console.WriteLine(report.Summary);
            if (report.Comparison is { } rows)
            {
                Console.WriteLine(ModelTrainer.MarkdownTable(rows));
            }

            if (report.Replaced)
            {
                Console.WriteLine($"Model {report.ModelVersion} written to {report.ModelPath}; rebuild, or set Engagement__ModelPath to it, so the hosts load it.");
            }

            // 3 tells a script the run worked but the model in place was kept, being at least as good.
            return report.Replaced ? 0 : 3;
        });
        return command;
    }

    private static int Evaluate(string corpusDirectory, FileInfo model, IReadOnlyList<FileInfo> sets, bool errors, bool baseline)
    {
        if (!model.Exists)
        {
            return Shared.Fail($"{model.FullName} does not exist");
        }

        using var classifier = EngagementClassifier.Load(model.FullName);
        var holdout = ModelTrainer.HoldoutItems(corpusDirectory);
        if (errors)
        {
            foreach (var miss in ModelTrainer.Misses(classifier, holdout))
            {
                var item = miss.Item;
                Console.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{item.Label} full={miss.FullProbability:0.00} text={miss.TextOnlyProbability:0.00} {(item.Hard ? "HARD " : "")}{item.Id}: {item.Text.ReplaceLineEndings(" ")} [{string.Join("; ", miss.Signals)}]"));
            }
        }

        // The evaluation sets are measured, never listed item by item: reading their texts would teach whoever tunes the model.
        var evaluations = sets.Select(f => (Name: Path.GetFileNameWithoutExtension(f.Name), LabelledData.ReadFile(f.FullName).Items)).ToList();
        if (evaluations.Count > 1)
        {
            evaluations.Add(("together", evaluations.SelectMany(e => e.Items).ToList()));
        }

        var gate = ModelTrainer.EvaluateOnHoldout(classifier, holdout);
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{classifier.ModelVersion} on {holdout.Count} held-out items: macro-F1 {gate.Full.MacroF1:0.0000} full, {gate.TextOnly.MacroF1:0.0000} text only, AUC {gate.Full.Auc:0.000}, ECE {gate.Full.ExpectedCalibrationError:0.0000}/{gate.TextOnly.ExpectedCalibrationError:0.0000} (weighted to real-feed proportions)"));
        Console.WriteLine(ModelTrainer.ComparisonTable(
            before: null,
            gate,
            evaluations.Select(e => new SetEvaluation(e.Name, e.Items.Count, null, ModelTrainer.Evaluate(classifier, e.Items))).ToList()));
        if (baseline)
        {
            var metrics = Baseline.EvaluateOnHoldout(corpusDirectory);
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"baseline (FeaturizeText + SDCA, text only, held-out brands as they are): macro-F1 {metrics.MacroF1:0.000}, AUC {metrics.Auc:0.000}, ECE {metrics.ExpectedCalibrationError:0.000}, brand posts {metrics.BrandPosts.MacroF1:0.000}"));
        }

        return 0;
    }

    private static FileInfo[] DefaultEvaluationSets() =>
        FindInRepository("ml", "data", "eval") is { } folder && Directory.Exists(folder)
            ? Directory.GetFiles(folder, "feeds-*.jsonl").Order(StringComparer.Ordinal).Select(f => new FileInfo(f)).ToArray()
            : [];

    /// <summary>Every client's corrections, with the agency's own --data file if any, in one temporary labelled file.</summary>
    private sealed class FeedbackFile : IDisposable
    {
        private FeedbackFile(string path, string summary)
        {
            Path = path;
            Summary = summary;
        }

        public string Path { get; }

        public string Summary { get; }

        public static async Task<FeedbackFile> WriteAsync(FileInfo? data, CancellationToken cancellationToken)
        {
            IReadOnlyList<FeedbackItem> items;
            await using (var host = await EngageHost.StartAsync(cancellationToken: cancellationToken))
            {
                items = await host.Get<LabelCorrectionService>().FeedbackAsync(cancellationToken);
            }

            var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"engage-feedback-{Guid.NewGuid():N}.jsonl");
            await using (var output = File.Create(path))
            {
                if (data is not null)
                {
                    await using (var input = data.OpenRead())
                    {
                        await input.CopyToAsync(output, cancellationToken);
                    }

                    output.WriteByte((byte)'\n');
                }

                await LabelCorrectionService.WriteJsonLinesAsync(items, output, cancellationToken);
            }

            var clients = items.Select(i => i.Group).Distinct(StringComparer.Ordinal).Count();
            return new FeedbackFile(path, $"feedback: {items.Count} corrections from {clients} clients, one training group per client");
        }

        public void Dispose() => File.Delete(Path);
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
