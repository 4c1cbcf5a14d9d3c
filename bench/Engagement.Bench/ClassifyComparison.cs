using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Engagement.Ml;
using Engagement.Ml.Corpus;
using Engagement.Ml.Features;
using Engagement.Ml.Training;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Engagement.Bench;

/// <summary>
/// <c>classify</c>: the shipped classifier against the bare ML.NET text pipeline (FeaturizeText + SDCA, trained here on
/// the same training brands) in items per CPU-second of this process, on the same inputs and the same threads.
/// </summary>
/// <remarks>
/// Wall time on a shared machine says more about the neighbours than about the code, and a parallel side would look
/// faster per wall-second only by burning more cores; process CPU time charges each side for every thread it used,
/// GC and JIT included. Both sides run under one harness (the batch cut into one share per thread, each share scored
/// by one call on its own thread) and alternate within each repetition, so a change of load hits both.
/// </remarks>
internal static class ClassifyComparison
{
    private const int BatchSize = 1000;

    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(6);

    public static int Run(string[] args, BenchSummary summary)
    {
        var repetitions = IntOption(args, "--repetitions", 5);
        var loops = IntOption(args, "--loops", 5);
        var threadCounts = new[] { 1, Math.Max(2, Environment.ProcessorCount) };
        Console.WriteLine($"machine: {Options.Machine()}; load average {Options.LoadAverage()}");

        var setup = Stopwatch.StartNew();
        using var classifier = EngagementClassifier.Load(Paths.Model);
        var holdout = ModelTrainer.HoldoutItems(Paths.Corpus);
        var inputs = Enumerable.Range(0, BatchSize).Select(i => holdout[i % holdout.Count].ToInput()).ToArray();
        if (args.Contains("--stages"))
        {
            return Stages(classifier, inputs, loops);
        }

        var ml = new MLContext(seed: 1);
        var baseline = Baseline.Train(ml, LabelledData.ReadDirectory(Paths.Corpus).Items.Where(i => !GroupSplit.IsHoldout(i.Group)));
        var rows = inputs.Select(i => new BaselineRow { Text = i.Text }).ToArray();
        // An engine is not thread-safe; each share borrows one, as a host would pool them.
        var engines = new ConcurrentBag<PredictionEngine<BaselineRow, BaselinePrediction>>(
            threadCounts.SelectMany(_ => threadCounts).Select(_ => ml.Model.CreatePredictionEngine<BaselineRow, BaselinePrediction>(baseline)));
        Console.WriteLine($"setup (model load, baseline training): {setup.Elapsed.TotalSeconds:F1} s; {BatchSize} held-out inputs, {loops} batches per measurement, {repetitions} repetitions");

        var sides = new Side[]
        {
            new("Engagement, with signals", share => classifier.ClassifyBatch(Slice(inputs, share), Sequential).Count),
            new("Engagement, no signals", share => classifier.ClassifyBatch(Slice(inputs, share), SequentialNoSignals).Count),
            new("Baseline, one Transform per share", share => ScoreBaseline(ml, baseline, Slice(rows, share))),
            new("Baseline, PredictionEngine per item", share => PredictBaseline(engines, Slice(rows, share))),
        };

        // Tiered JIT and the first collections belong to start-up, not to the steady state compared here. The JIT
        // promotes hot methods on a background thread, in batches, after a delay that each newly called method restarts,
        // and process CPU charges that work to whichever side is being measured: three batches of each side left the
        // first one or two repetitions at a quarter to a half of the others. So warm up for a few seconds, not rounds.
        var warmUp = Stopwatch.StartNew();
        do
        {
            foreach (var threads in threadCounts)
            {
                foreach (var side in sides)
                {
                    Measure(side, threads, 3);
                }
            }
        }
        while (warmUp.Elapsed < WarmUp);

        var results = new Dictionary<(string, int), List<Measurement>>();
        for (var r = 0; r < repetitions; r++)
        {
            foreach (var threads in threadCounts)
            {
                // Alternate the order so neither side always runs right after the other's garbage or a load spike.
                var order = r % 2 == 0 ? sides : sides.Reverse().ToArray();
                foreach (var side in order)
                {
                    var key = (side.Name, threads);
                    (results.TryGetValue(key, out var list) ? list : results[key] = []).Add(Measure(side, threads, loops));
                }
            }
        }

        Console.WriteLine();
        Console.WriteLine("| threads | side | items per CPU-second (median, min-max) | allocated per item | CPU per item |");
        Console.WriteLine("|---:|---|---:|---:|---:|");
        foreach (var threads in threadCounts)
        {
            foreach (var side in sides)
            {
                var m = results[(side.Name, threads)];
                var rates = m.Select(x => x.ItemsPerCpuSecond).Order().ToList();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {threads} | {side.Name} | {Options.Median(rates):N0} ({rates[0]:N0}-{rates[^1]:N0}) | {Options.Median(m.Select(x => x.BytesPerItem).Order().ToList()) / 1024:F1} KB | {1e6 / Options.Median(rates):F1} µs |"));
            }
        }

        Console.WriteLine();
        Console.WriteLine("| threads | Engagement with signals / Transform baseline (per repetition) | with signals / PredictionEngine baseline | no signals / Transform | no signals / PredictionEngine |");
        Console.WriteLine("|---:|---:|---:|---:|---:|");
        foreach (var threads in threadCounts)
        {
            string Ratio(Side side, Side baselineSide, bool each)
            {
                var ratios = Ratios(results[(side.Name, threads)], results[(baselineSide.Name, threads)]);
                var median = Options.Median(ratios.Order().ToList()).ToString("F2", CultureInfo.InvariantCulture) + "×";
                return each ? $"**{median}** ({string.Join(", ", ratios.Select(x => x.ToString("F2", CultureInfo.InvariantCulture)))})" : median;
            }

            Console.WriteLine($"| {threads} | {Ratio(sides[0], sides[2], true)} | {Ratio(sides[0], sides[3], true)} | {Ratio(sides[1], sides[2], false)} | {Ratio(sides[1], sides[3], false)} |");
            summary.Add($"classify with signals / bare ML.NET (faster side) per CPU-second, {threads} thread(s)", Options.Median(Ratios(results[(sides[0].Name, threads)], results[(sides[3].Name, threads)]).Order().ToList()), "×", 1.0, higherIsBetter: true);
        }

        Console.WriteLine();
        Console.WriteLine($"load average after: {Options.LoadAverage()}; whole run {setup.Elapsed.TotalSeconds:F0} s");
        return 0;
    }

    /// <summary>
    /// <c>classify --stages</c>: CPU per item of each cumulative stage of Engagement's scoring on one thread, to see which
    /// one to make cheaper (normalise; + cues; + structural values; + n-grams and the merged vector; + score; + signals).
    /// </summary>
    private static int Stages(EngagementClassifier classifier, ClassifierInput[] inputs, int loops)
    {
        var structural = new float[StructuralFeatures.Count];
        var scratch = FeatureScratch.Current;
        var stages = new (string Name, Action<ClassifierInput> Run)[]
        {
            ("normalise", i => TextNormalizer.Normalize(i.Text)),
            ("+ cues", i => Cues.Find(TextNormalizer.Normalize(i.Text), i.Language)),
            ("+ structural values", i =>
            {
                var text = TextNormalizer.Normalize(i.Text);
                StructuralFeatures.Fill(i, text, Cues.Find(text, i.Language), structural);
            }),
            ("+ n-grams, sorted and merged", i => Featurizer.FeaturizeForScoring(i, scratch)),
            ("+ score (no signals)", i => classifier.ClassifyBatch([i], SequentialNoSignals)),
            ("+ signals", i => classifier.ClassifyBatch([i], Sequential)),
        };
        for (var round = 0; round < 3; round++)
        {
            foreach (var (name, run) in stages)
            {
                GC.Collect();
                var allocated = GC.GetTotalAllocatedBytes(precise: true);
                var cpu = Environment.CpuUsage.TotalTime;
                for (var loop = 0; loop < loops; loop++)
                {
                    foreach (var input in inputs)
                    {
                        run(input);
                    }
                }

                var items = loops * inputs.Length;
                var micros = (Environment.CpuUsage.TotalTime - cpu).TotalMicroseconds / items;
                var bytes = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / (double)items;
                if (round > 0)
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"round {round}: {name,-30} {micros,6:F1} µs {bytes,8:F0} B per item"));
                }
            }
        }

        return 0;
    }

    private static readonly ClassifyOptions Sequential = new() { MaxDegreeOfParallelism = 1 };
    private static readonly ClassifyOptions SequentialNoSignals = new() { MaxDegreeOfParallelism = 1, Signals = false };

    /// <summary>The same repetition's measurements of two sides, paired, as a ratio of their rates.</summary>
    private static List<double> Ratios(List<Measurement> side, List<Measurement> baseline) =>
        side.Zip(baseline, (s, b) => s.ItemsPerCpuSecond / b.ItemsPerCpuSecond).ToList();

    private static Measurement Measure(Side side, int threads, int loops)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var shares = Enumerable.Range(0, threads).Select(t => (From: BatchSize * t / threads, To: BatchSize * (t + 1) / threads)).ToArray();
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var cpu = Environment.CpuUsage.TotalTime;
        var items = 0;
        for (var loop = 0; loop < loops; loop++)
        {
            if (threads == 1)
            {
                items += side.Score(shares[0]);
            }
            else
            {
                var counts = new int[threads];
                Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t => counts[t] = side.Score(shares[t]));
                items += counts.Sum();
            }
        }

        var seconds = (Environment.CpuUsage.TotalTime - cpu).TotalSeconds;
        var bytes = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        return new Measurement(items / seconds, (double)bytes / items);
    }

    private static int ScoreBaseline(MLContext ml, ITransformer model, ArraySegment<BaselineRow> rows)
    {
        var count = 0;
        foreach (var probability in model.Transform(ml.Data.LoadFromEnumerable(rows)).GetColumn<float>(nameof(BaselinePrediction.Probability)))
        {
            count += probability >= 0 ? 1 : 0;
        }

        return count;
    }

    private static int PredictBaseline(ConcurrentBag<PredictionEngine<BaselineRow, BaselinePrediction>> engines, ArraySegment<BaselineRow> rows)
    {
        if (!engines.TryTake(out var engine))
        {
            throw new InvalidOperationException("More shares than baseline engines.");
        }

        try
        {
            var count = 0;
            foreach (var row in rows)
            {
                count += engine.Predict(row).Probability >= 0 ? 1 : 0;
            }

            return count;
        }
        finally
        {
            engines.Add(engine);
        }
    }

    private static ArraySegment<T> Slice<T>(T[] items, (int From, int To) share) => new(items, share.From, share.To - share.From);


    private static int IntOption(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length && int.TryParse(args[at + 1], CultureInfo.InvariantCulture, out var value) ? value : fallback;
    }

    private sealed record Side(string Name, Func<(int From, int To), int> Score);

    private readonly record struct Measurement(double ItemsPerCpuSecond, double BytesPerItem);
}
