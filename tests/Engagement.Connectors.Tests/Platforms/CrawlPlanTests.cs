using Engagement.Connectors.Platforms;
using Engagement.Core.Domain;
using Engagement.Core.Ports;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Engagement.Connectors.Tests.Platforms;

/// <summary>The shared crawl plan on a scripted source: horizons, watermarks, counters, budget, cursor.</summary>
public sealed class CrawlPlanTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Now);
    private readonly ScriptedSource _source = new();

    private CrawlPlan Plan => new(_time, Options.Create(new PlatformsOptions()), NullLogger<CrawlPlan>.Instance);

    [Fact]
    public async Task ANewChannelReadsBackToItsBackfillDepthAndNoFurther()
    {
        _source.Posts(Post("p1", 1), Post("p2", 29), Post("p3", 31), Post("p4", 60));

        var page = await Plan.RunAsync(_source, Request(settings: new ChannelSettings(30, 14)));

        Assert.Equal(["p1", "p2"], page.Items.Select(i => i.PlatformId));
        Assert.False(page.HasMore);
    }

    [Fact]
    public async Task ThreadsAreReadWhenFirstSeenWithRepliesAndAgainOnlyWhenTheirCounterMovesInsideTheWindow()
    {
        _source.Posts(Post("new", 1, replies: 2), Post("quiet", 2, replies: 0), Post("old", 20, replies: 5));

        var first = await Plan.RunAsync(_source, Request());
        Assert.Equal(["new", "old"], _source.ThreadsRead);

        _source.ThreadsRead.Clear();
        _source.Posts(Post("new", 1, replies: 3), Post("quiet", 2, replies: 1), Post("old", 20, replies: 9));
        var second = await Plan.RunAsync(_source, Request(first.NextCursor));

        // "old" is past the 14-day window: its counter moved, but its thread is no longer watched (nor listed).
        Assert.Equal(["new", "quiet"], _source.ThreadsRead);
        Assert.DoesNotContain(second.Items, i => i.PlatformId == "old");
    }

    [Fact]
    public async Task InboundItemsAreReadDownToTheLastSweepsWatermark()
    {
        _source.Posts(Post("p1", 1));
        _source.Inbound(Post("m1", 1), Post("m2", 3));
        var first = await Plan.RunAsync(_source, Request());

        _source.Inbound(Post("m0", 0.5), Post("m1", 1), Post("m2", 3));
        var second = await Plan.RunAsync(_source, Request(first.NextCursor));

        Assert.Equal(["m0", "m1"], second.Items.Select(i => i.PlatformId).Where(id => id.StartsWith('m')));
    }

    [Fact]
    public async Task TheBudgetEndsAJobAndTheCursorCarriesTheSweepOn()
    {
        _source.PageSize = 1;
        _source.Posts(Post("p1", 1, replies: 1), Post("p2", 2, replies: 1), Post("p3", 3));

        var pages = new List<ConnectorPage>();
        string? cursor = null;
        do
        {
            pages.Add(await Plan.RunAsync(_source, Request(cursor, maxRequests: 2)));
            cursor = pages[^1].NextCursor;
        }
        while (pages[^1].HasMore && pages.Count < 20);

        Assert.True(pages.Count > 2);
        Assert.All(pages.SkipLast(1), p => Assert.True(p.HasMore));
        Assert.Equal(["p1", "p2", "p3", "r-p1", "r-p2"], pages.SelectMany(p => p.Items).Select(i => i.PlatformId).Order(StringComparer.Ordinal));
        Assert.Equal(1, _source.Resolved);
    }

    [Fact]
    public async Task ACursorOfAnotherVersionOrUnreadableStartsAgain()
    {
        _source.Posts(Post("p1", 1));

        foreach (var cursor in new[] { "v0:abc", "v1:%%%", "42", "v1:" })
        {
            var page = await Plan.RunAsync(_source, Request(cursor));
            Assert.Equal(["p1"], page.Items.Select(i => i.PlatformId));
        }

        Assert.Equal(4, _source.Resolved);
    }

    [Fact]
    public void TheCursorIsVersionedAndRoundTrips()
    {
        var state = new CrawlState { Account = "109313316618244242", Watermark = Now, Counters = { ["r:1"] = [3, Now.ToUnixTimeSeconds()] } };

        var encoded = state.Encode();
        var decoded = CrawlState.Decode(encoded);

        Assert.StartsWith("v1:", encoded, StringComparison.Ordinal);
        Assert.Equal(("109313316618244242", Now, 3L), (decoded!.Account!, decoded.Watermark!.Value, decoded.Counters["r:1"][0]));
    }

    [Fact]
    public void AnOversizedCursorDropsItsOldestCountersToFit()
    {
        var state = new CrawlState();
        for (var i = 0; i < 20_000; i++)
        {
            state.Counters[$"r:{Guid.NewGuid():N}"] = [i, i];
        }

        var encoded = state.Encode();

        Assert.True(encoded.Length <= CrawlState.MaxEncodedLength);
        Assert.NotNull(CrawlState.Decode(encoded));
    }

    private static ConnectorRequest Request(string? cursor = null, int maxRequests = 100, ChannelSettings? settings = null) => new(
        new ChannelDefinition { ClientId = "c", Id = "ch", Platform = "scripted", Account = "brand" },
        cursor,
        new PageBudget(1_000, maxRequests),
        settings ?? ChannelSettings.Default,
        ChannelToken.None);

    private static (string Id, DateTimeOffset At, long Replies) Post(string id, double daysAgo, long replies = 0) => (id, Now.AddDays(-daysAgo), replies);

    /// <summary>A platform whose listings and threads the test writes.</summary>
    private sealed class ScriptedSource : ISocialSource
    {
        private List<(string Id, DateTimeOffset At, long Replies)> _posts = [];
        private List<(string Id, DateTimeOffset At, long Replies)> _inbound = [];

        public int PageSize { get; set; } = 100;

        public int Resolved { get; private set; }

        public List<string> ThreadsRead { get; } = [];

        public void Posts(params (string, DateTimeOffset, long)[] posts) => _posts = [.. posts];

        public void Inbound(params (string, DateTimeOffset, long)[] items) => _inbound = [.. items];

        public string? ValidateAccount(string account) => null;

        public Task<string> ResolveAccountAsync(SourceCall call, CancellationToken cancellationToken)
        {
            Resolved++;
            call.Tracker.Record(null);
            return Task.FromResult("brand-id");
        }

        public Task<SourcePage> ListPostsAsync(SourceCall call, string? pageToken, CancellationToken cancellationToken) => Task.FromResult(Page(call, _posts, pageToken, thread: true));

        public bool HasInbound(SourceCall call) => _inbound.Count > 0;

        public Task<SourcePage> ListInboundAsync(SourceCall call, string? pageToken, CancellationToken cancellationToken) => Task.FromResult(Page(call, _inbound, pageToken, thread: false));

        public Task<ThreadRead> ReadThreadAsync(SourceCall call, string threadKey, CancellationToken cancellationToken)
        {
            call.Tracker.Record(null);
            ThreadsRead.Add(threadKey);
            var post = _posts.Single(p => p.Id == threadKey);
            return Task.FromResult(new ThreadRead([Item("r-" + threadKey, post.At.AddHours(1))], []));
        }

        private SourcePage Page(SourceCall call, List<(string Id, DateTimeOffset At, long Replies)> list, string? pageToken, bool thread)
        {
            call.Tracker.Record(null);
            var skip = pageToken is null ? 0 : int.Parse(pageToken, System.Globalization.CultureInfo.InvariantCulture);
            var entries = list.Skip(skip).Take(PageSize)
                .Select(p => new SourceEntry(p.Id, p.At) { Item = Item(p.Id, p.At), ThreadKey = thread ? p.Id : null, ReplyCount = p.Replies })
                .ToList();
            var next = skip + PageSize < list.Count ? (skip + PageSize).ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
            return new SourcePage(entries, next);
        }

        private static Interaction Item(string id, DateTimeOffset at) => new() { PlatformId = id, Text = id, CreatedAt = at };
    }
}
