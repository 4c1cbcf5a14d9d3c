using Engagement.Ml.Corpus;

namespace Engagement.Ml.Training;

/// <summary>The corpus and an agency's extra data merged, de-duplicated and split into training and held-out brands.</summary>
internal sealed record TrainingSet(
    IReadOnlyList<LabelledItem> Train,
    IReadOnlyList<LabelledItem> Holdout,
    TrainingData Data)
{
    public static TrainingSet Build(string corpusDirectory, string? extraDataPath)
    {
        if (!Directory.Exists(corpusDirectory))
        {
            throw new DirectoryNotFoundException($"Corpus folder '{corpusDirectory}' does not exist.");
        }

        var corpus = LabelledData.ReadDirectory(corpusDirectory);
        var extra = extraDataPath is null ? new LabelledDataSet([], []) : LabelledData.ReadFile(extraDataPath);
        if (corpus.Items.Count == 0)
        {
            throw new InvalidDataException($"No labelled items under '{corpusDirectory}'.");
        }

        // Extra items come first so that, when an agency relabels something the corpus also has, the agency's label
        // wins; the one exception is a held-out corpus item, which stays so that before and after face the same test.
        var extraTagged = extra.Items.Select(i => i with { Source = "extra:" + i.Source }).ToList();
        var ordered = extraTagged.Concat(corpus.Items).ToList();
        var drop = new HashSet<LabelledItem>(ReferenceEqualityComparer.Instance);
        var replaced = 0;
        foreach (var pair in NearDuplicates.Find(ordered))
        {
            var originalIsExtra = pair.Original.Source.StartsWith("extra:", StringComparison.Ordinal);
            var duplicateIsExtra = pair.Duplicate.Source.StartsWith("extra:", StringComparison.Ordinal);
            if (originalIsExtra && !duplicateIsExtra)
            {
                if (GroupSplit.IsHoldout(pair.Duplicate.Group))
                {
                    // Before and after must face the same test: a held-out item keeps its corpus label.
                    drop.Add(pair.Original);
                }
                else
                {
                    drop.Add(pair.Duplicate);
                    replaced++;
                }
            }
            else if (pair.CrossesGroups || pair.Similarity >= 1.0)
            {
                // Within one brand a near-copy stays on one side of every split; across brands it would leak.
                drop.Add(pair.Duplicate);
            }
        }

        // Held-out brands are corpus brands. An agency's data always trains, unless it belongs to one of those brands,
        // in which case it joins the test side with its brand; otherwise a brand name that happened to hash into the
        // held-out share would silently keep the agency's examples out of the model.
        var holdoutGroups = corpus.Items.Select(i => i.Group).Where(GroupSplit.IsHoldout).ToHashSet(StringComparer.Ordinal);
        var kept = ordered.Where(i => !drop.Contains(i)).ToList();
        var train = kept.Where(i => !holdoutGroups.Contains(i.Group)).ToList();
        var holdout = kept.Where(i => holdoutGroups.Contains(i.Group)).ToList();
        var data = new TrainingData(
            corpus.Items.Count,
            extra.Items.Count,
            drop.Count - replaced,
            replaced,
            train.Count,
            holdout.Count,
            holdout.Select(i => i.Group).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(),
            CorpusSummary.Of(kept),
            corpus.Problems.Concat(extra.Problems).ToList());
        return new TrainingSet(train, holdout, data);
    }
}
