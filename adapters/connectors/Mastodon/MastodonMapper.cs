using System.Text.Json;
using Engagement.Connectors.Platforms;
using Engagement.Core.Domain;
using Engagement.Ml.Vocabulary;

namespace Engagement.Connectors.Mastodon;

/// <summary>The brand whose channel is read: its stable account id on its own server, and that server's host.</summary>
internal sealed record MastodonBrand(string AccountId, string Host);

/// <summary>The thread a status was read in: its root, and whether the brand wrote the root.</summary>
internal sealed record MastodonThread(string RootId, bool RootIsBrand);

/// <summary>
/// Maps Mastodon statuses to interactions, with no I/O. The rules:
/// <list type="bullet">
/// <item>text: the content warning, then the HTML content as plain text (<see cref="HtmlText"/>); a status of media
/// alone keeps an empty text and is labelled by its metadata only (the core's rule for every connector);</item>
/// <item>the brand is told apart by account id, never by handle;</item>
/// <item>kind: the brand's own top-level status is a post; anyone else's top-level status in the channel (a mention,
/// a quote, a post the brand answered) is a comment, a customer message addressed to the brand; a reply to a brand
/// post is a comment, any deeper reply a reply; a <c>direct</c> status is a DM;</item>
/// <item><c>ParentId</c> is <c>in_reply_to_id</c>; <c>ThreadId</c> is the thread's root, known only when the status was
/// read in its thread (a top-level status is its own root);</item>
/// <item>a boost is recognised and skipped: its text is someone else's words, with no counters of its own;</item>
/// <item>metrics: favourites as likes, replies, reblogs as shares; Mastodon has no reach.</item>
/// </list>
/// </summary>
internal static class MastodonMapper
{
    public const string Platform = "mastodon";

    /// <summary>Reads one raw status; a status that does not deserialise is returned as the problem.</summary>
    public static (MastodonStatus? Status, string? Problem) Read(JsonElement element)
    {
        try
        {
            return (element.Deserialize(MastodonJson.Default.MastodonStatus), null);
        }
        catch (JsonException e)
        {
            return (null, $"unreadable ({e.Path}: {FirstLine(e.Message)})");
        }
    }

    /// <summary>An entry of the brand's statuses: a top-level post is stored now; a reply is stored through its thread, which tells its root.</summary>
    public static SourceEntry ToListedEntry(JsonElement element, MastodonBrand brand)
    {
        var (status, problem) = Read(element);
        var id = status?.Id ?? IdOf(element);
        if (status is null)
        {
            return SourceEntry.Bad(id ?? "?", null, Where(id), problem!);
        }

        if (status.Reblog is not null)
        {
            return new SourceEntry(id ?? "?", status.CreatedAt) { Skipped = true };
        }

        if (Check(status) is { } bad)
        {
            return SourceEntry.Bad(id ?? "?", status.CreatedAt, Where(id), bad);
        }

        if (status.InReplyToId is not null)
        {
            return new SourceEntry(status.Id!, status.CreatedAt)
            {
                ThreadKey = ThreadKeys.OfStatus(status.Id!),
                ReadThreadOnce = true,
                ReplyCount = status.RepliesCount ?? 0,
            };
        }

        return new SourceEntry(status.Id!, status.CreatedAt)
        {
            Item = ToInteraction(status, brand, new MastodonThread(status.Id!, status.Account!.Id == brand.AccountId)),
            ThreadKey = ThreadKeys.OfRoot(status.Id!),
            ReplyCount = status.RepliesCount ?? 0,
        };
    }

    /// <summary>An entry of the notifications (mentions, quotes): a top-level status is stored now, a reply through its thread.</summary>
    public static SourceEntry ToInboundEntry(JsonElement element, MastodonBrand brand)
    {
        MastodonNotification? notification;
        try
        {
            notification = element.Deserialize(MastodonJson.Default.MastodonNotification);
        }
        catch (JsonException e)
        {
            var nid = IdOf(element);
            return SourceEntry.Bad(nid ?? "?", null, $"mastodon notification {nid ?? "?"}", $"unreadable ({FirstLine(e.Message)})");
        }

        var key = notification?.Id ?? "?";
        if (notification?.Status is not { ValueKind: JsonValueKind.Object } raw)
        {
            return SourceEntry.Bad(key, notification?.CreatedAt, $"mastodon notification {key}", "it carries no status");
        }

        var (status, problem) = Read(raw);
        var id = status?.Id ?? IdOf(raw);
        if (status is null || Check(status) is not null)
        {
            return SourceEntry.Bad(key, notification.CreatedAt, Where(id), problem ?? Check(status!)!);
        }

        if (status.Reblog is not null)
        {
            return new SourceEntry(key, notification.CreatedAt ?? status.CreatedAt) { Skipped = true };
        }

        if (status.InReplyToId is not null)
        {
            return new SourceEntry(key, notification.CreatedAt ?? status.CreatedAt)
            {
                ThreadKey = ThreadKeys.OfStatus(status.Id!),
                ReadThreadOnce = true,
            };
        }

        return new SourceEntry(key, notification.CreatedAt ?? status.CreatedAt)
        {
            Item = ToInteraction(status, brand, new MastodonThread(status.Id!, status.Account!.Id == brand.AccountId)),
        };
    }

    /// <summary>
    /// The statuses of one thread, each mapped with the thread's root; bad ones are reported and the rest kept.
    /// <paramref name="statuses"/> are raw statuses, in any order; <paramref name="root"/> is the thread's root.
    /// </summary>
    public static ThreadRead ToThread(IEnumerable<JsonElement> statuses, MastodonThread root, MastodonBrand brand)
    {
        var items = new List<Interaction>();
        var bad = new List<string>();
        var skipped = 0;
        foreach (var element in statuses)
        {
            var (status, problem) = Read(element);
            var id = status?.Id ?? IdOf(element);
            if (status is null || Check(status) is not null)
            {
                bad.Add($"{Where(id)}: {problem ?? Check(status!)}");
            }
            else if (status.Reblog is not null)
            {
                skipped++;
            }
            else
            {
                items.Add(ToInteraction(status, brand, root));
            }
        }

        return new ThreadRead(items, bad, skipped);
    }

    /// <summary>One checked status as an interaction.</summary>
    public static Interaction ToInteraction(MastodonStatus status, MastodonBrand brand, MastodonThread? thread)
    {
        var isBrand = status.Account!.Id == brand.AccountId;
        return new Interaction
        {
            PlatformId = status.Id!,
            Text = TextOf(status),
            Kind = KindOf(status, isBrand, thread),
            Platform = Channel.Mastodon,
            Author = HandleOf(status.Account, brand.Host),
            AuthorIsBrand = isBrand,
            Language = string.IsNullOrWhiteSpace(status.Language) ? null : status.Language.Trim().ToLowerInvariant(),
            CreatedAt = status.CreatedAt!.Value,
            ParentId = status.InReplyToId,
            ThreadId = status.InReplyToId is null ? status.Id : thread?.RootId,
            Likes = status.FavouritesCount,
            Replies = status.RepliesCount,
            Shares = status.ReblogsCount,
            Url = PlatformUris.Permalink(status.Url),
        };
    }

    /// <summary>The content warning and the content as plain text; empty for a status of media alone.</summary>
    public static string TextOf(MastodonStatus status)
    {
        var content = HtmlText.ToPlainText(status.Content);
        var warning = status.SpoilerText?.Trim();
        return string.IsNullOrEmpty(warning) ? content : string.IsNullOrEmpty(content) ? warning : $"{warning}\n\n{content}";
    }

    /// <summary>The full handle <c>@user@host</c>: a local account's <c>acct</c> has no host, so the brand's server is added.</summary>
    public static string? HandleOf(MastodonAccountDto account, string host)
    {
        var acct = account.Acct ?? account.Username;
        if (string.IsNullOrWhiteSpace(acct))
        {
            return null;
        }

        acct = acct.Trim().TrimStart('@');
        return acct.Contains('@', StringComparison.Ordinal) ? "@" + acct : $"@{acct}@{host}";
    }

    private static InteractionKind KindOf(MastodonStatus status, bool isBrand, MastodonThread? thread)
    {
        if (string.Equals(status.Visibility, "direct", StringComparison.OrdinalIgnoreCase))
        {
            return InteractionKind.Dm;
        }

        if (status.InReplyToId is null)
        {
            return isBrand ? InteractionKind.Post : InteractionKind.Comment;
        }

        return thread is { RootIsBrand: true } && status.InReplyToId == thread.RootId ? InteractionKind.Comment : InteractionKind.Reply;
    }

    /// <summary>What makes a status unusable, or null: the fields every interaction needs.</summary>
    private static string? Check(MastodonStatus status) =>
        string.IsNullOrWhiteSpace(status.Id) ? "it has no id"
        : status.CreatedAt is null ? "created_at is missing"
        : status.Reblog is null && string.IsNullOrWhiteSpace(status.Account?.Id) ? "its account has no id"
        : null;

    private static string Where(string? id) => $"mastodon status {id ?? "without id"}";

    private static string? IdOf(JsonElement element) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty("id", out var id) && id.ValueKind is JsonValueKind.String or JsonValueKind.Number
            ? id.ToString()
            : null;

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();
}

/// <summary>Thread keys of the Mastodon source: a brand post's own thread, or the thread around any status.</summary>
internal static class ThreadKeys
{
    private const string Root = "r:";
    private const string Status = "s:";

    /// <summary>The thread under a top-level status that is already stored: one call (its context).</summary>
    public static string OfRoot(string id) => Root + id;

    /// <summary>
    /// The thread around a reply found outside it: the status, its ancestors (root first) and its descendants,
    /// all stored with the root as their thread.
    /// </summary>
    public static string OfStatus(string id) => Status + id;

    public static (bool IsRoot, string Id) Parse(string key) =>
        key.StartsWith(Root, StringComparison.Ordinal) ? (true, key[Root.Length..])
        : key.StartsWith(Status, StringComparison.Ordinal) ? (false, key[Status.Length..])
        : (false, key);
}
