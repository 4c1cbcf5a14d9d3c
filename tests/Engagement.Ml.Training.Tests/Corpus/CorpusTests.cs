using Engagement.Ml.Corpus;
using Engagement.Ml.Features;
using Engagement.Ml.Vocabulary;

namespace Engagement.Ml.Training.Tests.Corpus;

/// <summary>The committed corpus against the targets of issues 3 and 8.</summary>
public sealed class CorpusTests
{
    private static readonly Lazy<LabelledDataSet> Corpus = new(() => LabelledData.ReadDirectory(RepositoryPaths.Corpus));

    [Fact]
    public void EveryCorpusLineParsesWithALabelAGroupAndAHardFlag()
    {
        Assert.Empty(Corpus.Value.Problems);
        Assert.All(Corpus.Value.Items, i => Assert.False(string.IsNullOrWhiteSpace(i.Group)));
        Assert.Equal(Corpus.Value.Items.Count, Corpus.Value.Items.Select(i => i.Id).Distinct().Count());
    }

    [Fact]
    public void CorpusMeetsTheSizeLanguageAndLabelTargets()
    {
        var summary = CorpusSummary.Of(Corpus.Value.Items);

        Assert.True(summary.Items >= 6500, $"{summary.Items} items");
        Assert.True(summary.Share("it") >= 0.40, $"Italian {summary.Share("it"):P1}");
        Assert.True(summary.Share("en") >= 0.40, $"English {summary.Share("en"):P1}");
        var others = summary.Languages.GetValueOrDefault("es") + summary.Languages.GetValueOrDefault("fr") + summary.Languages.GetValueOrDefault("de");
        Assert.True(others >= 600, $"{others} es/fr/de items");
        Assert.True(summary.Relational >= 0.40 * summary.Items, $"{summary.Relational} relational");
        Assert.True(summary.Broadcast >= 0.40 * summary.Items, $"{summary.Broadcast} broadcast");
    }

    /// <remarks>
    /// Writers a-f wrote four relational brand posts in ten (issue 3 asked for a third); g-i wrote them in real-feed
    /// proportions (about one in five, the hard ones). Training reweights every slice to real-feed priors
    /// (RealFeedPriors), so what the corpus must provide is coverage of the rare case, not its share.
    /// </remarks>
    [Fact]
    public void BrandPostsAreMostlyBroadcastAndTheRelationalOnesStayWellCovered()
    {
        var summary = CorpusSummary.Of(Corpus.Value.Items);

        Assert.True(summary.BrandPosts >= 0.40 * summary.Items, $"{summary.BrandPosts} brand posts of {summary.Items}");
        Assert.True(summary.BrandPosts - summary.RelationalBrandPosts >= 0.6 * summary.BrandPosts, $"{summary.RelationalBrandPosts} relational of {summary.BrandPosts} brand posts");
        Assert.True(summary.RelationalBrandPosts >= 1000, $"{summary.RelationalBrandPosts} relational brand posts");
    }

    [Fact]
    public void EveryCategoryOfIssue8IsWrittenManyWaysInItalianAndEnglish()
    {
        string[] categories =
        [
            "product-bait", "customer-tag-link", "staff-story-link", "slogan", "csr-event", "self-promo", "giveaway",
            "giveaway-entry", "slang", "reply-with-code", "question-mark-product", "trade-fair", "public-body", "scraped",
        ];

        foreach (var category in categories)
        {
            foreach (var language in new[] { "it", "en" })
            {
                var count = Corpus.Value.Items.Count(i => i.Category == category && i.Language == language);
                Assert.True(count >= 15, $"{count} {language} items of category {category}");
            }
        }
    }

    [Fact]
    public void LinksAndHashtagsAppearOnRelationalItemsAndQuestionsOnBroadcastOnes()
    {
        var tagged = Corpus.Value.Items.Count(i => i.IsRelational && TextNormalizer.Normalize(i.Text).Counts is { } c && c.Urls + c.Hashtags > 0);
        var asking = Corpus.Value.Items.Count(i => !i.IsRelational && Questions.IsQuestion(i.Text));

        Assert.True(tagged >= 250, $"{tagged} relational items carry a link or a hashtag");
        Assert.True(asking >= 250, $"{asking} broadcast items ask a question");
    }

    [Fact]
    public void CorpusSpansThirtySectorsAndEveryKindFromBrandsAndOthers()
    {
        var items = Corpus.Value.Items;

        Assert.True(CorpusSummary.Of(items).Sectors >= 30, $"{CorpusSummary.Of(items).Sectors} sectors");
        foreach (var kind in new[] { InteractionKind.Post, InteractionKind.Comment, InteractionKind.Reply, InteractionKind.Dm })
        {
            foreach (var brand in new[] { true, false })
            {
                Assert.True(
                    items.Any(i => i.Kind == kind && i.AuthorIsBrand == brand),
                    $"no {kind} with author_is_brand={brand}");
            }
        }
    }

    [Fact]
    public void NoNearDuplicateCrossesBrandsSoNoneCanStraddleAFold()
    {
        var crossing = NearDuplicates.Find(Corpus.Value.Items).Where(p => p.CrossesGroups).ToList();

        Assert.True(crossing.Count == 0, string.Join("\n", crossing.Take(10).Select(p => $"{p.Original.Id} ~ {p.Duplicate.Id} ({p.Similarity:0.00})")));
    }
}
