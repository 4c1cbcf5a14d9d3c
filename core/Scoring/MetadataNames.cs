using Engagement.Ml.Vocabulary;

namespace Engagement.Core.Scoring;

/// <summary>
/// How every input path (interchange files, HTTP requests, CLI flags) reads the metadata a person sends, so they accept
/// the same names and read the same gaps the same way: a missing value is unknown, never a default.
/// </summary>
public static class MetadataNames
{
    /// <summary>Reads a kind; nothing is <see cref="InteractionKind.Unknown"/>, a name outside the vocabulary is a problem.</summary>
    public static bool TryReadKind(string? text, out InteractionKind kind, out string? problem)
    {
        problem = null;
        kind = InteractionKind.Unknown;
        if (string.IsNullOrWhiteSpace(text) || InteractionKinds.TryParse(text, out kind))
        {
            return true;
        }

        problem = $"'kind' must be {string.Join(", ", InteractionKinds.Names.SkipLast(1))} or {InteractionKinds.Names[^1]}, not '{Shorten(text.Trim())}'";
        return false;
    }

    /// <summary>
    /// Reads a channel: a known name or an alias (<c>twitter</c>, <c>fb</c>, <c>ig</c>...) is that channel, nothing is
    /// unknown, and any other name is unknown too, with a <paramref name="warning"/>: a line is never refused for it.
    /// </summary>
    public static Channel? ReadChannel(string? text, out string? warning)
    {
        warning = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (Channel.TryParse(text, out var channel))
        {
            return channel;
        }

        warning = $"'channel' '{Shorten(text.Trim())}' is not a channel name Engagement knows, so the channel was read as unknown " +
            $"(names: {string.Join(", ", Channel.KnownNames)}; aliases: {string.Join(", ", Channel.Aliases.Keys.Order(StringComparer.Ordinal))})";
        return null;
    }

    /// <summary>A language tag as stored and scored: trimmed and lowercase, or null when none is given.</summary>
    public static string? ReadLanguage(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim().ToLowerInvariant();

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
