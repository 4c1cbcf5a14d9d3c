using System.Text;
using System.Text.Json;
using Engagement.Core.Corrections;
using Engagement.Core.Tests.Fakes;
using Engagement.Ml.Vocabulary;

namespace Engagement.Core.Tests.Corrections;

public sealed class LabelCorrectionServiceTests
{
    private static readonly DateOnly Day = new(2026, 11, 2);
    private readonly CoreHarness _core = new();

    [Fact]
    public async Task ACorrectionIsStoredWithTheModelsVerdictAndBecomesTheRowsLabel()
    {
        await IngestAsync();
        var before = _core.Interactions.Row("acme", "instagram", "p1");
        var label = Opposite(before.ModelLabel);

        var outcome = await _core.LabelCorrections.CorrectAsync("acme", "instagram_p1", new(label.ToUpperInvariant(), " Giulia ", "a story, not an ad"));

        Assert.Equal(CorrectionStatus.Corrected, outcome.Status);
        var stored = Assert.Single(_core.Corrections.All);
        Assert.Equal(("acme", "instagram_p1", "instagram"), (stored.ClientId, stored.InteractionId, stored.ChannelId));
        Assert.Equal(label, stored.Label);
        Assert.Equal(before.ModelLabel, stored.ModelLabel);
        Assert.Equal(before.RelationalProbability, stored.ModelRelationalProbability);
        Assert.Equal(before.ModelVersion, stored.ModelVersion);
        Assert.Equal("Giulia", stored.CorrectedBy);
        Assert.Equal("a story, not an ad", stored.Note);
        Assert.Equal(_core.Time.GetUtcNow(), stored.CorrectedAt);
        var after = _core.Interactions.Row("acme", "instagram", "p1");
        Assert.Equal((label, before.ModelLabel, true), (after.Label, after.ModelLabel, after.LabelCorrected));
    }

    [Fact]
    public async Task DailyFiguresAndReportsUseTheCorrectedLabelAtOnce()
    {
        await IngestAsync();
        var model = _core.Interactions.Row("acme", "instagram", "p1").ModelLabel;
        var reportBefore = (await _core.Reports.GetAsync("acme", Day, Day))!.Total;

        var outcome = await _core.LabelCorrections.CorrectAsync("acme", "instagram_p1", new(Opposite(model)));

        Assert.Equal([Day], outcome.Days);
        var reportAfter = (await _core.Reports.GetAsync("acme", Day, Day))!.Total;
        var shift = model == EngagementLabels.Broadcast ? 1 : -1;
        Assert.Equal(reportBefore.Relational + shift, reportAfter.Relational);
        Assert.Equal(reportBefore.Broadcast - shift, reportAfter.Broadcast);
        Assert.NotEqual(reportBefore.BrandRelationalShare, reportAfter.BrandRelationalShare);
        Assert.Equal(reportBefore.Interactions, reportAfter.Interactions);
    }

    [Fact]
    public async Task CorrectingAgainKeepsTheModelsFirstVerdict()
    {
        await IngestAsync();
        var model = _core.Interactions.Row("acme", "instagram", "p1").ModelLabel;

        await _core.LabelCorrections.CorrectAsync("acme", "instagram_p1", new(Opposite(model)));
        await _core.LabelCorrections.CorrectAsync("acme", "instagram_p1", new(model, "Marco"));

        var stored = Assert.Single(_core.Corrections.All);
        Assert.Equal((model, model, "Marco"), (stored.Label, stored.ModelLabel, stored.CorrectedBy));
        Assert.True(_core.Interactions.Row("acme", "instagram", "p1").LabelCorrected);
    }

    [Theory]
    [InlineData("acme", "instagram_p1", "neutral", "label")]
    [InlineData("acme", "instagram_p1", null, "label")]
    [InlineData("Acme!", "instagram_p1", "relational", "clientId")]
    [InlineData("acme", "instagram/p1", "relational", "interactionId")]
    public async Task ABadRequestIsRefusedNamingTheFieldAndChangesNothing(string clientId, string interactionId, string? label, string field)
    {
        await IngestAsync();

        var outcome = await _core.LabelCorrections.CorrectAsync(clientId, interactionId, new(label));

        Assert.Equal(CorrectionStatus.Invalid, outcome.Status);
        Assert.True(outcome.Errors.ContainsKey(field), string.Join(", ", outcome.Errors.Keys));
        Assert.Empty(_core.Corrections.All);
    }

    [Fact]
    public async Task AnUnknownClientOrInteractionIsNotFound()
    {
        await IngestAsync();

        Assert.Equal(CorrectionStatus.ClientNotFound, (await _core.LabelCorrections.CorrectAsync("nobody", "instagram_p1", new("relational"))).Status);
        Assert.Equal(CorrectionStatus.InteractionNotFound, (await _core.LabelCorrections.CorrectAsync("acme", "instagram_p404", new("relational"))).Status);
        Assert.Equal(CorrectionStatus.InteractionNotFound, (await _core.LabelCorrections.CorrectAsync("acme", "facebook_p1", new("relational"))).Status);
        Assert.Empty(_core.Corrections.All);
    }

    [Fact]
    public async Task FeedbackIsEveryClientsCorrectionsWithTheStoredTextAndMetadataOneGroupPerClient()
    {
        await IngestAsync();
        _core.Connector.Add("bistro/fb", CoreHarness.Item("x1", "2026-11-03T12:00:00Z", InteractionKind.Unknown, brand: null, parent: "x0", text: "Buonissimo, grazie!") with { Platform = null, Language = "it" });
        await _core.RegisterAsync("bistro", ("facebook", "bistro/fb"));
        await _core.Schedule.RunNowAsync("bistro");
        await _core.DrainAsync();
        await _core.LabelCorrections.CorrectAsync("acme", "instagram_p1", new("relational"));
        await _core.LabelCorrections.CorrectAsync("acme", "instagram_c1", new("relational"));
        await _core.LabelCorrections.CorrectAsync("bistro", "facebook_x1", new("relational"));

        var feedback = await _core.LabelCorrections.FeedbackAsync();

        Assert.Equal(["feedback-acme", "feedback-acme", "feedback-bistro"], feedback.Select(f => f.Group).Order());
        var post = feedback.Single(f => f.Id == "feedback-acme:instagram_p1");
        Assert.Equal(("relational", "post", "instagram", (bool?)true), (post.Label, post.Kind, post.Channel, post.AuthorIsBrand));
        Assert.StartsWith("Black Friday", post.Text, StringComparison.Ordinal);
        var unknown = feedback.Single(f => f.Group == "feedback-bistro");
        Assert.Equal((null, null, (bool?)null, "it", "x0"), (unknown.Kind, unknown.Channel, unknown.AuthorIsBrand, unknown.Lang, unknown.ParentId));

        using var output = new MemoryStream();
        await LabelCorrectionService.WriteJsonLinesAsync([post, unknown], output);
        var lines = Encoding.UTF8.GetString(output.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(["id", "group", "text", "label", "kind", "channel", "author_is_brand"], lines[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal(["id", "group", "text", "label", "lang", "parent_id"], lines[1].EnumerateObject().Select(p => p.Name));
    }

    private async Task IngestAsync()
    {
        _core.Connector.Add("acme/ig", CoreHarness.Conversation());
        await _core.RegisterAsync("acme", ("instagram", "acme/ig"));
        await _core.Schedule.RunNowAsync("acme");
        await _core.DrainAsync();
    }

    private static string Opposite(string label) => label == EngagementLabels.Broadcast ? EngagementLabels.Relational : EngagementLabels.Broadcast;
}
