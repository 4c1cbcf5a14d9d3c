using Engagement.Core.Ingestion;
using Engagement.Core.Tests.Fakes;
using Engagement.Ml.Vocabulary;

namespace Engagement.Core.Tests.Ingestion;

public sealed class TouchedDaysTests
{
    private static readonly TimeZoneInfo Rome = TimeZoneInfo.FindSystemTimeZoneById("Europe/Rome");

    [Fact]
    public void ABrandAnswerTouchesTheDayOfTheQuestionItAnswersEvenWhenThatIsStored()
    {
        var answer = CoreHarness.Item("r1", "2026-11-05T10:00:00Z", InteractionKind.Reply, brand: true, parent: "c1");
        var stored = new Dictionary<string, DateTimeOffset> { ["c1"] = new(2026, 11, 2, 10, 0, 0, TimeSpan.Zero) };

        var lookups = TouchedDays.ParentsToLookUp([answer]).ToList();
        var days = TouchedDays.Of([answer], Rome, stored);

        Assert.Equal([("c1", answer.CreatedAt)], lookups);
        Assert.Equal([new DateOnly(2026, 11, 2), new DateOnly(2026, 11, 5)], days.Order());
    }

    [Fact]
    public void AnAnswerOutsideTheResponseWindowTouchesOnlyItsOwnDay()
    {
        var answer = CoreHarness.Item("r1", "2026-11-20T10:00:00Z", InteractionKind.Reply, brand: true, parent: "c1");
        var stored = new Dictionary<string, DateTimeOffset> { ["c1"] = new(2026, 11, 2, 10, 0, 0, TimeSpan.Zero) };

        Assert.Equal([new DateOnly(2026, 11, 20)], TouchedDays.Of([answer], Rome, stored));
    }

    [Fact]
    public void ParentsInThePageAreNotLookedUp()
    {
        var question = CoreHarness.Item("c1", "2026-11-02T10:00:00Z", InteractionKind.Comment);
        var answer = CoreHarness.Item("r1", "2026-11-02T11:00:00Z", InteractionKind.Reply, brand: true, parent: "c1");

        Assert.Empty(TouchedDays.ParentsToLookUp([question, answer]));
    }
}
