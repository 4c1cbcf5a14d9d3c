using System.Globalization;
using System.Text;
using System.Text.Json;
using Engagement.Connectors.Platforms;
using Engagement.Core.Domain;
using Engagement.Ml.Vocabulary;

namespace Engagement.Connectors.Bluesky;

/// <summary>The brand whose channel is read: its DID, resolved once.</summary>
internal sealed record BlueskyBrand(string Did);

/// <summary>The posts of one <c>getPostThread</c> answer, its bad records, and the replies whose own replies lie deeper than it went.</summary>
internal sealed record BlueskyThread(IReadOnlyList<Interaction> Items, IReadOnlyList<string> BadRecords, IReadOnlyList<string> Deeper, bool Gone);

/// <summary>
/// Maps Bluesky views and records to interactions, with no I/O. The rules:
/// <list type="bullet">
/// <item>text: the record's plain text; a link facet whose visible text is the link shortened (Bluesky shows
/// <c>example.com/long-pa...</c>) becomes the full URL, mentions and tags stay as written; facet offsets are UTF-8
/// bytes, and one that does not fall on the text's characters is ignored; a post of media alone keeps an empty text;</item>
/// <item>the brand is told apart by DID, never by handle (handles change, and read <c>handle.invalid</c> when unverified);</item>
/// <item>kind: the brand's top-level post is a post, anyone else's top-level post (a mention, a quote) a comment; a
/// reply whose parent is a brand post at the root of its thread is a comment, any deeper reply a reply;</item>
/// <item><c>ParentId</c> and <c>ThreadId</c> are the record's own <c>reply.parent</c> and <c>reply.root</c> URIs, so
/// every path (feed, thread, notification) writes the same thread;</item>
/// <item>reposts are recognised (<c>reason #reasonRepost</c>) and skipped: the words are someone else's;</item>
/// <item>time: <c>createdAt</c> is set by the client, so it is bounded by the server's <c>indexedAt</c>: the earlier of
/// the two, Bluesky's own <c>sortAt</c>, which is also the order of its listings. A clock ahead (or a post dated in the
/// future) is brought back to when the server saw the post; a post dated before it (an import) keeps its date, as
/// Bluesky shows it; a date before 1970, or one that does not parse, gives way to <c>indexedAt</c>;</item>
/// <item>metrics: likes, direct replies, reposts and quotes as shares; Bluesky has no reach.</item>
/// </list>
/// </summary>
internal static class BlueskyMapper
{
    public const string Platform = "bluesky";

    private const string Repost = "app.bsky.feed.defs#reasonRepost";
    private const string Pin = "app.bsky.feed.defs#reasonPin";
    private const string Link = "app.bsky.richtext.facet#link";
    private const string ThreadViewPost = "app.bsky.feed.defs#threadViewPost";

    /// <summary>An entry of the brand's author feed: a post stored now, with its thread to read; a repost skipped.</summary>
    public static SourceEntry ToListedEntry(JsonElement element, BlueskyBrand brand)
    {
        BlueskyFeedItem? item;
        try
        {
            item = element.Deserialize(BlueskyJson.Default.BlueskyFeedItem);
        }
        catch (JsonException e)
        {
            var uri = UriOf(element, "post");
            return SourceEntry.Bad(uri ?? "?", null, Where(uri), Unreadable(e));
        }

        var post = item?.Post;
        var key = post?.Uri ?? "?";
        if (item?.Reason?.Type == Repost)
        {
            return new SourceEntry(key, ParseTime(item.Reason.IndexedAt) ?? ParseTime(post?.IndexedAt)) { Skipped = true };
        }

        if (post is null)
        {
            return SourceEntry.Bad(key, null, Where(null), "it carries no post");
        }

        if (Check(post.Uri, post.Author, post.Record, post.IndexedAt) is { } problem)
        {
            return SourceEntry.Bad(key, SortTime(post.Record?.CreatedAt, post.IndexedAt), Where(post.Uri), problem);
        }

        var interaction = ToInteraction(post, brand);

        // A pinned post is not in the feed's order: it neither ends the listing nor moves the watermark.
        return new SourceEntry(post.Uri!, item!.Reason?.Type == Pin ? null : interaction.CreatedAt)
        {
            Item = interaction,
            ThreadKey = post.Record!.Reply is null ? BlueskyThreadKeys.Under(post.Uri!) : BlueskyThreadKeys.Around(post.Uri!),
            ReplyCount = post.ReplyCount ?? 0,

            // A reply of the brand: its thread tells what it answered (the parent), read once and again when it gets replies.
            ReadThreadOnce = post.Record.Reply is not null,
        };
    }

    /// <summary>An entry of the notifications (replies, mentions, quotes): the record is all there is to map, so it is stored now.</summary>
    public static SourceEntry ToInboundEntry(JsonElement element, BlueskyBrand brand)
    {
        BlueskyNotification? notification;
        try
        {
            notification = element.Deserialize(BlueskyJson.Default.BlueskyNotification);
        }
        catch (JsonException e)
        {
            var uri = UriOf(element, null);
            return SourceEntry.Bad(uri ?? "?", null, Where(uri), Unreadable(e));
        }

        var key = notification?.Uri ?? "?";
        var sortAt = ParseTime(notification?.IndexedAt);
        if (notification?.Reason is not ("reply" or "mention" or "quote"))
        {
            // Not asked for (likes, follows): nothing to store, nothing to report.
            return new SourceEntry(key, sortAt);
        }

        if (Check(notification.Uri, notification.Author, notification.Record, notification.IndexedAt) is { } problem)
        {
            return SourceEntry.Bad(key, sortAt, Where(notification.Uri), problem);
        }

        var createdAt = SortTime(notification.Record!.CreatedAt, notification.IndexedAt)!.Value;
        return new SourceEntry(key, sortAt ?? createdAt) { Item = Build(notification.Uri!, notification.Author!, notification.Record, createdAt, brand, view: null) };
    }

    /// <summary>
    /// Every post of a <c>getPostThread</c> answer: the anchor, its parents, and its replies at every level returned.
    /// A reply that has replies but came without them (the depth ran out) is listed in <see cref="BlueskyThread.Deeper"/>.
    /// </summary>
    public static BlueskyThread ToThread(JsonElement? thread, BlueskyBrand brand)
    {
        var items = new List<Interaction>();
        var bad = new List<string>();
        var deeper = new List<string>();
        if (thread is not { ValueKind: JsonValueKind.Object } anchor || TypeOf(anchor) is { } type && type != ThreadViewPost)
        {
            return new BlueskyThread(items, bad, deeper, Gone: true);
        }

        var parent = Walk(anchor, isReply: false)?.Parent;
        while (parent is { ValueKind: JsonValueKind.Object } up && TypeOf(up) is null or ThreadViewPost)
        {
            var node = Take(up);
            parent = node?.Parent;
        }

        return new BlueskyThread(items, bad, deeper, Gone: false);

        BlueskyThreadNode? Walk(JsonElement element, bool isReply)
        {
            var node = Take(element);
            if (node is null)
            {
                return null;
            }

            if (isReply && node.Replies is null && node.Post?.ReplyCount > 0 && node.Post.Uri is { } uri)
            {
                deeper.Add(uri);
            }

            foreach (var reply in node.Replies ?? [])
            {
                // #notFoundPost and #blockedPost hold no post to store.
                if (reply.ValueKind == JsonValueKind.Object && TypeOf(reply) is null or ThreadViewPost)
                {
                    Walk(reply, isReply: true);
                }
            }

            return node;
        }

        BlueskyThreadNode? Take(JsonElement element)
        {
            BlueskyThreadNode? node;
            try
            {
                node = element.Deserialize(BlueskyJson.Default.BlueskyThreadNode);
            }
            catch (JsonException e)
            {
                var uri = UriOf(element, "post");
                bad.Add($"{Where(uri)}: {Unreadable(e)}");
                return null;
            }

            if (node?.Post is not { } post)
            {
                return node;
            }

            if (Check(post.Uri, post.Author, post.Record, post.IndexedAt) is { } problem)
            {
                bad.Add($"{Where(post.Uri)}: {problem}");
            }
            else
            {
                items.Add(ToInteraction(post, brand));
            }

            return node;
        }
    }

    /// <summary>One checked post view as an interaction, with its counters.</summary>
    public static Interaction ToInteraction(BlueskyPostView post, BlueskyBrand brand) =>
        Build(post.Uri!, post.Author!, post.Record!, SortTime(post.Record!.CreatedAt, post.IndexedAt)!.Value, brand, post);

    /// <summary>
    /// The record's text with each link whose visible text is the link itself, shortened, written out in full; a link
    /// over words (<c>[our menu](https://…)</c> in some clients) keeps its words. Nothing else is changed: the text is
    /// plain already, and an ampersand or a <c>&lt;3</c> in it is what the person typed.
    /// </summary>
    public static string TextOf(BlueskyPostRecord record)
    {
        var text = record.Text ?? "";
        if (text.Length == 0 || record.Facets is not { Count: > 0 } facets)
        {
            return text.Trim();
        }

        var bytes = Encoding.UTF8.GetBytes(text);
        var links = new List<(int Start, int End, string Uri)>();
        foreach (var element in facets)
        {
            if (LinkOf(element, bytes) is { } link)
            {
                links.Add(link);
            }
        }

        var result = new StringBuilder(text.Length + 32);
        var at = 0;
        foreach (var (start, end, uri) in links.OrderBy(l => l.Start))
        {
            if (start < at)
            {
                continue; // overlapping facets: the first wins
            }

            result.Append(Encoding.UTF8.GetString(bytes, at, start - at));
            var shown = Encoding.UTF8.GetString(bytes, start, end - start);
            result.Append(IsShortened(shown, uri) ? uri : shown);
            at = end;
        }

        result.Append(Encoding.UTF8.GetString(bytes, at, bytes.Length - at));
        return result.ToString().Trim();
    }

    /// <summary>A time as the AT Protocol writes it (RFC 3339, any offset, any number of fractional digits), or null.</summary>
    public static DateTimeOffset? ParseTime(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return DateTimeOffset.TryParse(text.Trim().ToUpperInvariant(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at) ? at : null;
    }

    /// <summary>
    /// When a post counts as written, and where listings sort it: the earlier of the client's <c>createdAt</c> and the
    /// server's <c>indexedAt</c>; <c>indexedAt</c> alone when <c>createdAt</c> is missing, unreadable or before 1970.
    /// </summary>
    public static DateTimeOffset? SortTime(string? createdAt, string? indexedAt)
    {
        var created = ParseTime(createdAt);
        var indexed = ParseTime(indexedAt);
        if (created is { } c && c < DateTimeOffset.UnixEpoch)
        {
            created = null;
        }

        return created is null ? indexed : indexed is null ? created : created < indexed ? created : indexed;
    }

    /// <summary>The handle as people write it, <c>@name.bsky.social</c>; the DID when the handle is unverified or missing.</summary>
    public static string? HandleOf(BlueskyProfile author) =>
        string.IsNullOrWhiteSpace(author.Handle) || author.Handle == "handle.invalid" ? author.Did : "@" + author.Handle.Trim().ToLowerInvariant();

    /// <summary>The DID that wrote the post an <c>at://</c> URI names (its authority), or null.</summary>
    public static string? AuthorOf(string? atUri) =>
        atUri is not null && atUri.StartsWith("at://", StringComparison.Ordinal) ? atUri[5..].Split('/', 2)[0] : null;

    private static Interaction Build(string uri, BlueskyProfile author, BlueskyPostRecord record, DateTimeOffset createdAt, BlueskyBrand brand, BlueskyPostView? view)
    {
        var isBrand = author.Did == brand.Did;
        var parent = record.Reply?.Parent?.Uri;
        var root = record.Reply?.Root?.Uri ?? parent;
        return new Interaction
        {
            PlatformId = uri,
            Text = TextOf(record),
            Kind = parent is null ? isBrand ? InteractionKind.Post : InteractionKind.Comment
                : parent == root && AuthorOf(root) == brand.Did ? InteractionKind.Comment : InteractionKind.Reply,
            Platform = Channel.Bluesky,
            Author = HandleOf(author),
            AuthorIsBrand = isBrand,
            Language = record.Langs?.FirstOrDefault(l => !string.IsNullOrWhiteSpace(l))?.Trim().ToLowerInvariant(),
            CreatedAt = createdAt,
            ParentId = parent,
            ThreadId = root ?? uri,
            Likes = view?.LikeCount,
            Replies = view?.ReplyCount,
            Shares = view?.RepostCount is null && view?.QuoteCount is null ? null : (view.RepostCount ?? 0) + (view.QuoteCount ?? 0),
            Url = PermalinkOf(uri),
        };
    }

    /// <summary>The post's page on bsky.app (<c>at://did/app.bsky.feed.post/rkey</c> → <c>/profile/did/post/rkey</c>), or null for another URI.</summary>
    public static string? PermalinkOf(string atUri)
    {
        var parts = atUri.StartsWith("at://", StringComparison.Ordinal) ? atUri[5..].Split('/') : [];
        return parts.Length == 3 && parts[1] == "app.bsky.feed.post" && IsPathSafe(parts[0]) && IsPathSafe(parts[2])
            ? PlatformUris.Permalink($"https://bsky.app/profile/{parts[0]}/post/{parts[2]}")
            : null;
    }

    /// <summary>A DID or record key, as the AT Protocol allows them: letters, digits and <c>. _ : ~ -</c>.</summary>
    private static bool IsPathSafe(string part) => part.Length > 0 && part.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or ':' or '~' or '-');

    /// <summary>What makes a post unusable, or null: the fields every interaction needs.</summary>
    private static string? Check(string? uri, BlueskyProfile? author, BlueskyPostRecord? record, string? indexedAt) =>
        string.IsNullOrWhiteSpace(uri) ? "it has no uri"
        : string.IsNullOrWhiteSpace(author?.Did) ? "its author has no DID"
        : record is null ? "it has no record"
        : SortTime(record.CreatedAt, indexedAt) is null ? "neither createdAt nor indexedAt is a time"
        : null;

    private static (int Start, int End, string Uri)? LinkOf(JsonElement element, byte[] bytes)
    {
        BlueskyFacet? facet;
        try
        {
            facet = element.Deserialize(BlueskyJson.Default.BlueskyFacet);
        }
        catch (JsonException)
        {
            return null;
        }

        var uri = facet?.Features?.FirstOrDefault(f => f?.Type == Link && !string.IsNullOrWhiteSpace(f.Uri))?.Uri;
        if (uri is null || facet!.Index is not { ByteStart: { } start, ByteEnd: { } end } || start < 0 || end > bytes.Length || start >= end
            || !IsCharStart(bytes, start) || !IsCharStart(bytes, end))
        {
            return null;
        }

        return ((int)start, (int)end, uri.Trim());
    }

    // An offset inside a character (a UTF-8 continuation byte) does not name a range of the text.
    private static bool IsCharStart(byte[] bytes, long at) => at == bytes.Length || (bytes[at] & 0xC0) != 0x80;

    /// <summary>Whether <paramref name="shown"/> is <paramref name="uri"/> as Bluesky shortens it: no scheme, cut with an ellipsis.</summary>
    private static bool IsShortened(string shown, string uri)
    {
        var bare = shown.Trim().TrimEnd('…', '.');
        if (bare.Length == 0)
        {
            return false;
        }

        var target = uri;
        foreach (var scheme in new[] { "https://", "http://" })
        {
            if (target.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
            {
                target = target[scheme.Length..];
                break;
            }
        }

        return uri.StartsWith(bare, StringComparison.OrdinalIgnoreCase) || target.StartsWith(bare, StringComparison.OrdinalIgnoreCase)
            || (target.StartsWith("www.", StringComparison.OrdinalIgnoreCase) && target[4..].StartsWith(bare, StringComparison.OrdinalIgnoreCase));
    }

    private static string? TypeOf(JsonElement element) =>
        element.TryGetProperty("$type", out var type) && type.ValueKind == JsonValueKind.String ? type.GetString() : null;

    private static string? UriOf(JsonElement element, string? inside)
    {
        var holder = element;
        if (inside is not null && (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(inside, out holder)))
        {
            return null;
        }

        return holder.ValueKind == JsonValueKind.Object && holder.TryGetProperty("uri", out var uri) && uri.ValueKind == JsonValueKind.String ? uri.GetString() : null;
    }

    private static string Where(string? uri) => $"bluesky post {uri ?? "without uri"}";

    private static string Unreadable(JsonException e) => $"unreadable ({e.Path}: {e.Message.Split('\n', 2)[0].Trim()})";
}

/// <summary>
/// Thread keys of the Bluesky source: a post's URI alone reads the replies under it; prefixed with <c>^</c> it reads
/// them and the post it answers (the parent of a brand reply, which is what the reply is about).
/// </summary>
internal static class BlueskyThreadKeys
{
    private const string WithParent = "^";

    public static string Under(string uri) => uri;

    public static string Around(string uri) => WithParent + uri;

    public static (string Uri, int ParentHeight) Parse(string key) =>
        key.StartsWith(WithParent, StringComparison.Ordinal) ? (key[WithParent.Length..], 1) : (key, 0);
}
