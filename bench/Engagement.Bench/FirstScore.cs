using System.Diagnostics;
using System.Globalization;
using Engagement.Ml.Corpus;
using Engagement.Ml.Training;
using Microsoft.ML;

namespace Engagement.Bench;

/// <summary>
/// <c>first</c>: process start to a first score, as someone running one command sees it: <c>engage score --text</c>
/// from the published CLI (ReadyToRun, as <c>dotnet publish</c> and <c>azd deploy</c> build it) and from
/// <c>dotnet build</c> output, against a bare ML.NET one-shot: a process that loads a saved FeaturizeText + SDCA model
/// and predicts one text. The sides take turns in each run, so a change of load hits them alike.
/// </summary>
internal static class FirstScore
{
    private const string Text = "Grazie mille per la risposta, passiamo sabato in negozio!";

    public static async Task<int> RunAsync(string[] args, BenchSummary summary)
    {
        var runs = Options.Int(args, "--runs", 5);
        Console.WriteLine($"machine: {Options.Machine()}; load average {Options.LoadAverage()}");
        var work = Directory.CreateTempSubdirectory("engagement-bench-first-");
        try
        {
            var published = Path.Combine(work.FullName, "publish");
            var cli = Path.Combine(Paths.Root, "cli", "Engagement.Cli.csproj");
            Console.WriteLine("publishing the CLI (ReadyToRun) and building it ...");
            if (!await Options.DotnetAsync("publish", cli, "-c", "Release", "-r", "linux-x64", "--self-contained", "false", "-o", published, "-nologo", "-v", "quiet")
                || !await Options.DotnetAsync("build", cli, "-c", "Release", "-nologo", "-v", "quiet"))
            {
                return 1;
            }

            var model = Path.Combine(work.FullName, "baseline.zip");
            SaveBaseline(model);
            var bench = typeof(FirstScore).Assembly.Location;
            var sides = new (string Name, string[] Command)[]
            {
                ("engage score, published ReadyToRun", [Path.Combine(published, "engage.dll"), "score", "--text", Text]),
                ("engage score, dotnet build output", [Path.Combine(Paths.Root, "cli", "bin", "Release", "net10.0", "engage.dll"), "score", "--text", Text]),
                ("bare ML.NET one-shot", [bench, "bare-score", model, Text]),
            };

            var times = sides.ToDictionary(s => s.Name, _ => new List<double>());
            for (var run = 0; run <= runs; run++)
            {
                foreach (var (name, command) in sides)
                {
                    var seconds = await TimeAsync(command);
                    if (seconds is null)
                    {
                        Console.Error.WriteLine($"{name} failed");
                        return 1;
                    }

                    // Run 0 only brings the files into the page cache.
                    if (run > 0)
                    {
                        times[name].Add(seconds.Value);
                    }
                }
            }

            Console.WriteLine($"| side | median of {runs} | fastest | slowest |");
            Console.WriteLine("|---|---:|---:|---:|");
            foreach (var (name, _) in sides)
            {
                var sorted = times[name].Order().ToList();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {Options.Median(sorted):F3} s | {sorted[0]:F3} s | {sorted[^1]:F3} s |"));
            }

            var publishedMedian = Options.Median([.. times[sides[0].Name].Order()]);
            var bare = Options.Median([.. times[sides[2].Name].Order()]);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"published engage score / bare ML.NET one-shot: {publishedMedian / bare:F2}"));
            Console.WriteLine($"load average after: {Options.LoadAverage()}");
            summary.Add($"first score after process start, published engage score, median of {runs}", publishedMedian, " s", 0.5, higherIsBetter: false);
            return 0;
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    /// <summary>The bare one-shot's process: load the saved baseline and predict one text (<c>bare-score MODEL TEXT</c>).</summary>
    public static int BareScore(string[] args)
    {
        var ml = new MLContext(seed: 1);
        var model = ml.Model.Load(args[1], out _);
        using var engine = ml.Model.CreatePredictionEngine<BaselineRow, BaselinePrediction>(model);
        var prediction = engine.Predict(new BaselineRow { Text = args[2] });
        Console.WriteLine(prediction.Probability.ToString("F3", CultureInfo.InvariantCulture));
        return 0;
    }

    private static void SaveBaseline(string path)
    {
        var ml = new MLContext(seed: 1);
        var model = Baseline.Train(ml, LabelledData.ReadDirectory(Paths.Corpus).Items.Where(i => !GroupSplit.IsHoldout(i.Group)));
        ml.Model.Save(model, ml.Data.LoadFromEnumerable(Array.Empty<BaselineRow>()).Schema, path);
    }

    private static async Task<double?> TimeAsync(string[] command)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in command)
        {
            start.ArgumentList.Add(argument);
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var seconds = clock.Elapsed.TotalSeconds;
        if (process.ExitCode != 0)
        {
            Console.Error.WriteLine($"{string.Join(' ', command)} exited with {process.ExitCode}: {await output}{await errors}");
            return null;
        }

        return seconds;
    }

}
