namespace Engagement.Ml.Vocabulary;

/// <summary>What an interaction is: the one kind vocabulary of the interchange format, the API, storage and the model.</summary>
/// <remarks>
/// <see cref="Unknown"/> is a value of its own, as it is for the model: text alone is an input it was trained on,
/// not a post with its metadata forgotten. Stored and serialised as the lowercase name.
/// </remarks>
public enum InteractionKind
{
    Unknown,
    Post,
    Comment,
    Reply,
    Dm,
}

/// <summary>Reads and names <see cref="InteractionKind"/> values.</summary>
public static class InteractionKinds
{
    /// <summary>The names a request or an import file may give, in the order the format documents them.</summary>
    public static IReadOnlyList<string> Names { get; } = ["post", "comment", "reply", "dm"];

    /// <summary>Reads one of <see cref="Names"/> (any case, trimmed); anything else is refused.</summary>
    public static bool TryParse(string? text, out InteractionKind kind)
    {
        kind = text?.Trim().ToLowerInvariant() switch
        {
            "post" => InteractionKind.Post,
            "comment" => InteractionKind.Comment,
            "reply" => InteractionKind.Reply,
            "dm" => InteractionKind.Dm,
            _ => InteractionKind.Unknown,
        };
        return kind != InteractionKind.Unknown;
    }

    /// <summary>
    /// Reads a kind as labelled data may spell it, platform words included (a <c>status</c> or <c>caption</c> is a
    /// post, an <c>answer</c> a reply, a <c>message</c> a DM); anything else is <see cref="InteractionKind.Unknown"/>.
    /// </summary>
    public static InteractionKind FromAnyName(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "post" or "status" or "caption" => InteractionKind.Post,
        "comment" => InteractionKind.Comment,
        "reply" or "answer" => InteractionKind.Reply,
        "dm" or "message" or "direct" => InteractionKind.Dm,
        _ => InteractionKind.Unknown,
    };

    /// <summary>The lowercase name as stored and served: <c>post</c>, <c>comment</c>, <c>reply</c>, <c>dm</c> or <c>unknown</c>.</summary>
    public static string Name(this InteractionKind kind) => kind switch
    {
        InteractionKind.Post => "post",
        InteractionKind.Comment => "comment",
        InteractionKind.Reply => "reply",
        InteractionKind.Dm => "dm",
        _ => "unknown",
    };
}
