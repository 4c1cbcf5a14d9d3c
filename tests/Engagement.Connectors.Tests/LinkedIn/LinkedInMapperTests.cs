using System.Text.Json;
using Engagement.Connectors.LinkedIn;
using Engagement.Connectors.Platforms;
using Engagement.Ml.Vocabulary;

namespace Engagement.Connectors.Tests.LinkedIn;

/// <summary>LinkedIn's little text, the mapper and the account syntax alone: no I/O.</summary>
public sealed class LinkedInMapperTests
{
    private const string Organization = "urn:li:organization:89541236";

    [Theory]
    [InlineData("la farina di @[Mulino Rossi](urn:li:organization:76543210) \\(macinata a pietra\\).", "la farina di Mulino Rossi (macinata a pietra).")]
    [InlineData("Grazie! {hashtag|\\#|panettone} {hashtag|\\#|artigianato}", "Grazie! #panettone #artigianato")]
    [InlineData("Ciao @[Giulia \\[Torino\\]](urn:li:person:aB3dE5fG7h)!", "Ciao Giulia [Torino]!")]
    [InlineData("Sconto 10\\% \\* 2 \\_ \\~ \\< \\> \\| \\{ \\} \\@ \\\\", "Sconto 10% * 2 _ ~ < > | { } @ \\")]
    [InlineData("scrivi a info@fornobrunetti.it {non un modello}", "scrivi a info@fornobrunetti.it {non un modello}")]
    [InlineData("@[senza fine](urn:li:person:x", "@[senza fine](urn:li:person:x")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void LittleTextBecomesThePlainTextPeopleRead(string? little, string plain) => Assert.Equal(plain, LittleText.ToPlainText(little));

    [Fact]
    public void APostWhoseCountersAreMissingHasItsThreadReadOnce()
    {
        var entry = LinkedInMapper.ToPostEntry(Json("""{"id":"urn:li:share:1","author":"urn:li:organization:89541236","commentary":"Ciao","createdAt":1796489100000}"""), Organization, new Dictionary<string, LinkedInSocialMetadata>());

        Assert.Equal((true, 0L, (long?)null, (long?)null), (entry.ReadThreadOnce, entry.ReplyCount!.Value, entry.Item!.Likes, entry.Item.Replies));
    }

    [Fact]
    public void ReactionsOfEveryTypeAreLikesAndCommentsOfEveryLevelAreReplies()
    {
        var counters = LinkedInMapper.ToMetadata(JsonSerializer.Deserialize("""{"results":{"urn:li:share:1":{"reactionSummaries":{"LIKE":{"count":41},"PRAISE":{"count":6},"EMPATHY":{"count":3}},"commentSummary":{"count":5,"topLevelCount":3}},"urn:li:share:2":{"commentSummary":{"count":"odd"}}}}""", LinkedInJson.Default.LinkedInMetadataBatch));

        var entry = LinkedInMapper.ToPostEntry(Json("""{"id":"urn:li:share:1","author":"urn:li:organization:89541236","commentary":"","createdAt":1796489100000}"""), Organization, counters);

        Assert.Equal((50L, 5L, 5L, false), (entry.Item!.Likes!.Value, entry.Item.Replies!.Value, entry.ReplyCount!.Value, entry.ReadThreadOnce));
        Assert.False(counters.ContainsKey("urn:li:share:2")); // an odd entry is left out, and its post's thread read once
    }

    [Fact]
    public void ACommentWrittenAsThePageIsTheBrandsAndItsParentCommentMakesItAReply()
    {
        var thread = LinkedInMapper.ToThread(
            [
                Json("""{"actor":"urn:li:person:a","commentUrn":"urn:li:comment:(urn:li:activity:1,10)","created":{"time":1796490131000},"message":{"text":"Lo spedite?"}}"""),
                Json("""{"actor":"urn:li:organization:89541236","agent":"urn:li:person:admin","commentUrn":"urn:li:comment:(urn:li:activity:1,11)","created":{"actor":"urn:li:organization:89541236","impersonator":"urn:li:person:admin","time":1796491240000},"message":{"text":"Solo ritiro"},"parentComment":"urn:li:comment:(urn:li:activity:1,10)"}"""),
                Json("""{"actor":"urn:li:person:a","$URN":"urn:li:comment:(urn:li:activity:1,12)","created":{"time":1796491869000},"content":[{"type":"IMAGE"}]}"""),
                Json("""{"actor":"urn:li:person:a","commentUrn":"urn:li:comment:(urn:li:activity:1,10)","created":{"time":1796490131000},"message":{"text":"Lo spedite?"}}"""),
            ],
            "urn:li:share:9",
            Organization,
            []);

        Assert.Equal(3, thread.Items.Count);
        Assert.Equal((InteractionKind.Comment, "urn:li:share:9", false), (thread.Items[0].Kind, thread.Items[0].ParentId, thread.Items[0].AuthorIsBrand));
        Assert.Equal((InteractionKind.Reply, "urn:li:comment:(urn:li:activity:1,10)", "urn:li:share:9", true, Organization), (thread.Items[1].Kind, thread.Items[1].ParentId, thread.Items[1].ThreadId, thread.Items[1].AuthorIsBrand, thread.Items[1].Author));
        Assert.Equal(("urn:li:comment:(urn:li:activity:1,12)", ""), (thread.Items[2].PlatformId, thread.Items[2].Text));
    }

    [Fact]
    public void APostByAnotherAuthorIsNotTheBrands()
    {
        var entry = LinkedInMapper.ToPostEntry(Json("""{"id":"urn:li:ugcPost:1","author":"urn:li:person:x","commentary":"Hi","createdAt":1796489100000}"""), Organization, new Dictionary<string, LinkedInSocialMetadata>());

        Assert.Equal((false, InteractionKind.Comment), (entry.Item!.AuthorIsBrand, entry.Item.Kind));
    }

    [Theory]
    [InlineData("89541236", "89541236", null)]
    [InlineData("urn:li:organization:89541236", "89541236", null)]
    [InlineData("https://www.linkedin.com/company/89541236/", "89541236", null)]
    [InlineData("https://www.linkedin.com/company/forno-brunetti/", null, "forno-brunetti")]
    [InlineData("linkedin.com/showcase/forno-brunetti-academy", null, "forno-brunetti-academy")]
    [InlineData("forno-brunetti", null, "forno-brunetti")]
    public void AnOrganizationIsGivenByIdUrnVanityNameOrPageUrl(string account, string? id, string? vanity)
    {
        Assert.True(LinkedInAccount.TryParse(account, out var parsed, out var problem), problem);
        Assert.Equal(new LinkedInAccount(id, vanity), parsed);
    }

    [Theory]
    [InlineData("urn:li:person:aB3dE5fG7h")]
    [InlineData("https://www.linkedin.com/in/giulia-ferraro/")]
    [InlineData("forno brunetti")]
    [InlineData("")]
    public void AnythingElseIsRefusedWithTheSyntax(string account)
    {
        Assert.False(LinkedInAccount.TryParse(account, out _, out var problem));
        Assert.Contains(LinkedInAccount.Syntax, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void TheVersionMustBeAMonthAsLinkedInWritesIt()
    {
        Assert.Empty(new LinkedInOptions().Problems("Engagement__Platforms__LinkedIn"));
        Assert.Equal(["Engagement__Platforms__LinkedIn__Version must be a LinkedIn API version as YYYYMM, such as 202611."], new LinkedInOptions { Version = "2026-11" }.Problems("Engagement__Platforms__LinkedIn"));
        Assert.Contains(new PlatformsOptions { LinkedIn = { PageSize = 500 } }.Problems(), p => p.StartsWith("Engagement__Platforms__LinkedIn__PageSize", StringComparison.Ordinal));
    }

    private static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement.Clone();
}
