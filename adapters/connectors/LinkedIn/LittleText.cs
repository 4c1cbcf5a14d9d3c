using System.Text;

namespace Engagement.Connectors.LinkedIn;

/// <summary>
/// LinkedIn's "little text" (the <c>commentary</c> of a post, docs: community-management/shares/little-text-format)
/// as the plain text people read: a mention <c>@[Mulino Rossi](urn:li:organization:76543210)</c> becomes its name,
/// a hashtag template <c>{hashtag|\#|panettone}</c> becomes <c>#panettone</c>, and the backslash escapes of the
/// reserved characters (<c>\ | { } @ [ ] ( ) &lt; &gt; # * _ ~</c>) are dropped. Anything that does not parse as a
/// template is kept as written, so no text is lost.
/// </summary>
internal static class LittleText
{
    public static string ToPlainText(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var plain = new StringBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '\\' && i + 1 < text.Length)
            {
                plain.Append(text[i + 1]);
                i += 2;
            }
            else if (text[i] == '@' && TryMention(text, i, out var name, out var end))
            {
                plain.Append(name);
                i = end;
            }
            else if (text[i] == '{' && TryHashtag(text, i, out var hashtag, out end))
            {
                plain.Append(hashtag);
                i = end;
            }
            else
            {
                plain.Append(text[i]);
                i++;
            }
        }

        return plain.ToString().Trim();
    }

    /// <summary><c>@[Name](urn:li:…)</c> at <paramref name="start"/>: the name, and where the mention ends.</summary>
    private static bool TryMention(string text, int start, out string name, out int end)
    {
        name = "";
        end = start;
        if (start + 1 >= text.Length || text[start + 1] != '[' || !TryUntil(text, start + 2, ']', out var display, out var afterName)
            || afterName >= text.Length || text[afterName] != '(' || !TryUntil(text, afterName + 1, ')', out var urn, out end)
            || !urn.StartsWith("urn:li:", StringComparison.Ordinal))
        {
            return false;
        }

        name = display;
        return true;
    }

    /// <summary><c>{hashtag|\#|tag}</c> at <paramref name="start"/>: <c>#tag</c>, and where the template ends.</summary>
    private static bool TryHashtag(string text, int start, out string hashtag, out int end)
    {
        hashtag = "";
        end = start;
        var fields = new List<string>();
        var at = start + 1;
        while (true)
        {
            var field = new StringBuilder();
            while (at < text.Length && text[at] is not ('|' or '}'))
            {
                if (text[at] == '\\' && at + 1 < text.Length)
                {
                    at++;
                }

                field.Append(text[at]);
                at++;
            }

            if (at >= text.Length)
            {
                return false;
            }

            fields.Add(field.ToString());
            if (text[at++] == '}')
            {
                break;
            }
        }

        if (fields is not ["hashtag", var sign, var tag] || tag.Length == 0)
        {
            return false;
        }

        hashtag = sign + tag;
        end = at;
        return true;
    }

    /// <summary>The unescaped text from <paramref name="start"/> to the first unescaped <paramref name="close"/>, and the index after it.</summary>
    private static bool TryUntil(string text, int start, char close, out string value, out int end)
    {
        var read = new StringBuilder();
        for (var i = start; i < text.Length; i++)
        {
            if (text[i] == '\\' && i + 1 < text.Length)
            {
                read.Append(text[++i]);
            }
            else if (text[i] == close)
            {
                value = read.ToString();
                end = i + 1;
                return true;
            }
            else
            {
                read.Append(text[i]);
            }
        }

        value = "";
        end = start;
        return false;
    }
}
