using Engagement.Ml.Corpus;

namespace Engagement.Ml.Training.Tests.Corpus;

public sealed class GroupSplitTests
{
    [Fact]
    public void FoldsNeverSplitABrandAndStayBalanced()
    {
        var items = Enumerable.Range(0, 300)
            .Select(i => new LabelledItem(i.ToString(System.Globalization.CultureInfo.InvariantCulture), "brand-" + (i % 23), "text " + i, i % 2 == 0))
            .ToList();

        var folds = GroupSplit.AssignFolds(items, 5);

        foreach (var group in items.Select((item, i) => (item.Group, Fold: folds[i])).GroupBy(x => x.Group))
        {
            Assert.Single(group.Select(x => x.Fold).Distinct());
        }

        var sizes = folds.GroupBy(f => f).Select(g => g.Count()).ToList();
        Assert.Equal(5, sizes.Count);
        Assert.True(sizes.Max() - sizes.Min() <= 14, string.Join(",", sizes));
    }

    [Fact]
    public void HoldoutMembershipDependsOnlyOnTheBrandName()
    {
        var names = Enumerable.Range(0, 1000).Select(i => $"brand-{i}").ToList();
        var share = names.Count(GroupSplit.IsHoldout) / 1000.0;

        Assert.InRange(share, 0.10, 0.20);
        Assert.All(names, n => Assert.Equal(GroupSplit.IsHoldout(n), GroupSplit.IsHoldout(new string(n.ToCharArray()))));
    }
}
