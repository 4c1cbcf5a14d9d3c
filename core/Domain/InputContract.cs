using System.Globalization;
using System.Text;

namespace Engagement.Core.Domain;

/// <summary>
/// The one input contract of every path (interchange files and ingestion, the HTTP API, the CLI): text over
/// <see cref="Interaction.MaxTextLength"/> is cut at a safe boundary, scored cut and flagged; the same field rules
/// refuse the same records, in the same words, whichever way they came.
/// </summary>
public static class InputContract
{
    /// <summary>Earliest creation date a record may carry; earlier ones are typing or clock errors, and overflow period arithmetic.</summary>
    public static readonly DateTimeOffset EarliestCreatedAt = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Latest creation date a record may carry.</summary>
    public static readonly DateTimeOffset LatestCreatedAt = new(2101, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Longest platform id: the Interactions table keeps ids up to this length whole.</summary>
    public const int MaxIdLength = 2_000;

    // A cut looks this far back from the limit for a space, so a text ends on a whole word when one is near.
    private const int WordLookBack = 200;

    /// <summary>Whether <paramref name="text"/> is over the limit, so it is cut and flagged.</summary>
    public static bool IsOverLimit(string? text) => text is not null && text.Length > Interaction.MaxTextLength;

    /// <summary>
    /// The text as it is scored and stored: unchanged up to the limit; beyond it, cut at the last word boundary within
    /// the last 200 characters before the limit, else at the last grapheme boundary before it, so a cut never splits a
    /// surrogate pair, an emoji sequence or a letter from its accents. The same text always cuts at the same place.
    /// </summary>
    public static string Cut(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length <= Interaction.MaxTextLength)
        {
            return text;
        }

        // The last grapheme boundary at or before the limit: walk whole text elements from the start.
        var boundary = 0;
        while (boundary < text.Length)
        {
            var next = boundary + StringInfo.GetNextTextElementLength(text, boundary);
            if (next > Interaction.MaxTextLength)
            {
                break;
            }

            boundary = next;
        }

        // Prefer a word boundary near the end; whitespace is a single UTF-16 unit and always a grapheme of its own.
        for (var i = boundary - 1; i >= Math.Max(1, boundary - WordLookBack); i--)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                var end = i;
                while (end > 0 && char.IsWhiteSpace(text[end - 1]))
                {
                    end--;
                }

                return end == 0 ? text[..boundary] : text[..end];
            }
        }

        return text[..boundary];
    }

    /// <summary>
    /// Why <paramref name="text"/> cannot be scored, or null: it is required and not blank, and holds no control
    /// character but tab and line breaks (storage refuses NUL, and people see none of them) and no half of a
    /// surrogate pair (a broken character that no encoding can carry).
    /// </summary>
    public static string? TextProblem(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "'text' is missing or empty";
        }

        return CharacterProblem(text, "text", allowLineBreaks: true);
    }

    /// <summary>Why <paramref name="id"/> (a platform or parent id) cannot be kept, or null; absent is allowed here.</summary>
    public static string? IdProblem(string? id, string field)
    {
        if (id is null)
        {
            return null;
        }

        if (id.Length > MaxIdLength)
        {
            return $"'{field}' may hold at most {MaxIdLength} characters";
        }

        return CharacterProblem(id, field, allowLineBreaks: false);
    }

    /// <summary>Why a short field such as an author or a language cannot be kept, or null.</summary>
    public static string? FieldProblem(string? value, string field) =>
        value is null ? null : CharacterProblem(value, field, allowLineBreaks: false);

    /// <summary>Why <paramref name="createdAt"/> is out of range, or null.</summary>
    public static string? CreatedAtProblem(DateTimeOffset createdAt) =>
        createdAt < EarliestCreatedAt || createdAt >= LatestCreatedAt
            ? $"'created_at' must be between {EarliestCreatedAt:yyyy-MM-dd} and {LatestCreatedAt.AddDays(-1):yyyy-MM-dd}, not {createdAt.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}"
            : null;

    /// <summary>
    /// Where <paramref name="bytes"/> stop being UTF-8, or null when all of them are: the message for a file line, a
    /// request body or standard input, which is refused rather than read with replacement characters.
    /// </summary>
    public static string? Utf8Problem(ReadOnlySpan<byte> bytes)
    {
        if (System.Text.Unicode.Utf8.IsValid(bytes))
        {
            return null;
        }

        var offset = FirstInvalidUtf8Byte(bytes);
        return $"holds bytes that are not UTF-8 (0x{bytes[offset]:X2} at byte {offset + 1})";
    }

    private static int FirstInvalidUtf8Byte(ReadOnlySpan<byte> bytes)
    {
        var index = 0;
        while (index < bytes.Length)
        {
            var status = Rune.DecodeFromUtf8(bytes[index..], out _, out var consumed);
            if (status != System.Buffers.OperationStatus.Done)
            {
                return index;
            }

            index += consumed;
        }

        return 0;
    }

    private static string? CharacterProblem(string value, string field, bool allowLineBreaks)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
                continue;
            }

            if (char.IsSurrogate(c))
            {
                return $"'{field}' holds half a character (U+{(int)c:X4}, an unpaired surrogate) at character {i + 1}";
            }

            if (char.IsControl(c) && !(allowLineBreaks && c is '\t' or '\n' or '\r'))
            {
                return $"'{field}' holds a control character (U+{(int)c:X4}) at character {i + 1}";
            }
        }

        return null;
    }
}
