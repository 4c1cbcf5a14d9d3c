using Engagement.Ml.Corpus;

namespace Engagement.Ml.Training.Tests.Corpus;

public sealed class NearDuplicatesTests
{
    [Fact]
    public void ACopyWithAnotherPriceHandleAndAccentsIsFound()
    {
        LabelledItem[] items =
        [
            new("1", "a", "Nuova giacca in lana cotta a 129 €, disponibile da oggi in negozio e online. Scrivi a @moda.anna per info!", false),
            new("2", "b", "nuova giacca in lana cotta a 99 euro, disponibile da oggi in negozio e online. Scrivi a @boutique_b per info", false),
            new("3", "c", "Cosa mettete in valigia per un weekend in montagna? Raccontatecelo qui sotto.", true),
        ];

        var pair = Assert.Single(NearDuplicates.Find(items));
        Assert.Equal("1", pair.Original.Id);
        Assert.Equal("2", pair.Duplicate.Id);
        Assert.True(pair.CrossesGroups);
    }

    [Fact]
    public void DifferentTextsSharingAFewWordsAreNotDuplicates()
    {
        LabelledItem[] items =
        [
            new("1", "a", "Grazie mille per la recensione, ci vediamo presto in osteria!", true),
            new("2", "b", "Grazie mille a tutti per gli auguri, che festa ieri sera in laboratorio!", true),
        ];

        Assert.Empty(NearDuplicates.Find(items));
    }
}
