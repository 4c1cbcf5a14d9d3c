using System.Text.Json.Nodes;

namespace Engagement.Testing;

/// <summary>
/// Panificio Aurora on Bluesky as the fixtures record it, on two loopback servers: the public AppView (resolving the
/// handle, the author feed, threads) and the account's PDS (sessions and notifications). The exchanges the recordings
/// lack are the <c>written-*</c> fixtures, in the same shape and labelled as written.
/// </summary>
public static class BlueskyReplay
{
    public const string Handle = "panificioaurora.bsky.social";
    public const string BrandDid = "did:plc:pgbdsoij6k3l6nssyps2kbbf";
    public const string AccessJwt = "<accessJwt>";
    public const string P1 = "at://did:plc:pgbdsoij6k3l6nssyps2kbbf/app.bsky.feed.post/3n3bse2no3k2b";
    public const string Repost = "at://did:plc:clnzisy77u6bewxkmzhbolwv/app.bsky.feed.post/3n3a4g55y222b";
    public const string BrandReplyToMarco = "at://did:plc:pgbdsoij6k3l6nssyps2kbbf/app.bsky.feed.post/3n37ohcwhhk2b";
    public const string MarcosQuestion = "at://did:plc:qn2r32yn7ddcixiukueixzxj/app.bsky.feed.post/3n37moj4lw22b";
    public const string Photo = "at://did:plc:pgbdsoij6k3l6nssyps2kbbf/app.bsky.feed.post/3n34m5byy6c2b";
    public const string English = "at://did:plc:pgbdsoij6k3l6nssyps2kbbf/app.bsky.feed.post/3n332j2hoj22b";
    public const string OrphanReply = "at://did:plc:pgbdsoij6k3l6nssyps2kbbf/app.bsky.feed.post/3n2ouh7vtxs2b";
    public const string GiuliasQuestion = "at://did:plc:7dazs7nks7poqhybwzgd2p2t/app.bsky.feed.post/3n3bsmpfnos2b";
    public const string BrandAnswer = "at://did:plc:pgbdsoij6k3l6nssyps2kbbf/app.bsky.feed.post/3n3bt44waxs2b";
    public const string GiuliasThanks = "at://did:plc:7dazs7nks7poqhybwzgd2p2t/app.bsky.feed.post/3n3btatluxk2b";
    public const string EmmasReply = "at://did:plc:xbadr5skwrkorxazv2lzbxvu/app.bsky.feed.post/3n3btih6ip22b";
    public const string Unverified = "at://did:plc:haj4gkz52swt65excaokngv2/app.bsky.feed.post/3n3btqfg4k22b";
    public const string EmmaOnEnglish = "at://did:plc:xbadr5skwrkorxazv2lzbxvu/app.bsky.feed.post/3n333a2xqk22b";
    public const string AnswerBelowEmma = "at://did:plc:pgbdsoij6k3l6nssyps2kbbf/app.bsky.feed.post/3n333dkwvt22b";
    public const string MarcoOnEnglish = "at://did:plc:qn2r32yn7ddcixiukueixzxj/app.bsky.feed.post/3n333fq7ac22b";
    public const string GiuliasQuote = "at://did:plc:7dazs7nks7poqhybwzgd2p2t/app.bsky.feed.post/3n3btmvil622b";
    public const string MarcosMention = "at://did:plc:qn2r32yn7ddcixiukueixzxj/app.bsky.feed.post/3n3bpsn4omc2b";

    /// <summary>The public AppView: the handle, both feed pages and every thread a sweep reads.</summary>
    public static PlatformReplay ServeAppView(this PlatformReplay replay, JsonObject? page1 = null) => replay
        .Serve("bluesky", "resolve-handle")
        .Serve("bluesky", "get-profile")
        .Serve(page1 ?? PlatformReplay.Load("bluesky", "author-feed-page1"))
        .Serve("bluesky", "author-feed-page2-last")
        .Serve("bluesky", "post-thread")
        .Serve("bluesky", "written-post-thread-brand-reply")
        .Serve("bluesky", "written-post-thread-orphan-reply")
        .Serve("bluesky", "written-post-thread-english")
        .Serve("bluesky", "written-post-thread-below-emma");

    /// <summary>The account's PDS: a session whose DID document names this server, and two pages of notifications.</summary>
    public static PlatformReplay ServePds(this PlatformReplay replay, JsonObject? notifications = null) => replay
        .Serve(Session(replay.Url))
        .Serve(notifications ?? PlatformReplay.Load("bluesky", "list-notifications"))
        .Serve(PlatformReplay.Load("bluesky", "written-notifications-page2-last"), priority: 50);

    /// <summary>The recorded session, its PDS moved to <paramref name="pds"/> (the recording names the real host).</summary>
    public static JsonObject Session(Uri pds)
    {
        var session = PlatformReplay.Load("bluesky", "create-session");
        session["response"]!["body"]!["didDoc"]!["service"]![0]!["serviceEndpoint"] = pds.GetLeftPart(UriPartial.Authority);
        return session;
    }

    /// <summary>A recorded exchange whose answer is replaced by another recording's (an error for a request that succeeded).</summary>
    public static JsonObject Answering(string request, string response)
    {
        var exchange = PlatformReplay.Load("bluesky", request);
        exchange["response"] = PlatformReplay.Load("bluesky", response)["response"]!.DeepClone();
        return exchange;
    }
}
