using Engagement.Ml.Corpus;
using Engagement.Ml.Training;
using Engagement.Ml.Vocabulary;

namespace Engagement.Ml.Training.Tests.Training;

public sealed class RealFeedPriorsTests
{
    [Fact]
    public void WeightedCorpusHasTheRealFeedShareAndLabelMixOfEverySlice()
    {
        var items = LabelledData.ReadDirectory(RepositoryPaths.Corpus).Items;
        var weights = RealFeedPriors.Weights(items);
        var total = weights.Sum(w => (double)w);

        Assert.Equal(items.Count, total, 1);
        foreach (var (slice, (share, relational)) in RealFeedPriors.Table)
        {
            var mine = Enumerable.Range(0, items.Count).Where(i => RealFeedPriors.SliceOf(items[i]) == slice).ToList();
            var mass = mine.Sum(i => (double)weights[i]);
            Assert.Equal(share, mass / total, 3);
            Assert.Equal(relational, mine.Where(i => items[i].IsRelational).Sum(i => (double)weights[i]) / mass, 3);
        }
    }

    [Fact]
    public void TheTableIsAWholeFeedAndBrandPostsAreMostlyBroadcast()
    {
        Assert.Equal(1.0, RealFeedPriors.Table.Values.Sum(v => v.Share), 6);
        Assert.InRange(RealFeedPriors.Table[FeedSlice.BrandPost].Relational, 0.10, 0.15);
        Assert.True(RealFeedPriors.Table[FeedSlice.BrandConversation].Relational >= 0.85);
    }

    [Fact]
    public void ItemsWithoutKindOrAuthorKeepAWeightOfOne()
    {
        LabelledItem[] items =
        [
            new("1", "g", "a", true, InteractionKind.Post, AuthorIsBrand: true),
            new("2", "g", "b", false, InteractionKind.Post, AuthorIsBrand: true),
            new("3", "g", "c", false),
        ];

        var weights = RealFeedPriors.Weights(items);

        Assert.Equal(FeedSlice.Unknown, RealFeedPriors.SliceOf(items[2]));
        Assert.Equal(1f, weights[2]);
        Assert.True(weights[1] > 5 * weights[0], "a broadcast brand post outweighs a relational one about 88 to 12");
    }
}
