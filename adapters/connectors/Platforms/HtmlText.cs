using System.Net;
using System.Text;

namespace Engagement.Connectors.Platforms;

/// <summary>
/// Turns the sanitised HTML that platforms send as text (Mastodon <c>content</c>, YouTube <c>textDisplay</c>) into
/// plain text: paragraphs and <c>&lt;br&gt;</c> become line breaks, links and mentions become their visible text
/// (<c>@user</c>, <c>#tag</c>, the full URL), entities are decoded, every other tag is dropped. Small on purpose: the
/// input is already sanitised by the platform, so no HTML parser is needed.
/// </summary>
internal static class HtmlText
{
    private static readonly HashSet<string> BlockEnds = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "blockquote", "pre", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6",
    };

    private static readonly HashSet<string> Skipped = new(StringComparer.OrdinalIgnoreCase) { "script", "style", "template" };

    public static string ToPlainText(string? html)
    {
        if (string.IsNullOrEmpty(html))
        {
            return "";
        }

        var text = new StringBuilder(html.Length);
        var skipUntil = (string?)null;
        var skipDepth = 0;
        var i = 0;
        while (i < html.Length)
        {
            var open = html.IndexOf('<', i);
            var segmentEnd = open < 0 ? html.Length : open;
            if (skipUntil is null && segmentEnd > i)
            {
                AppendText(text, html.AsSpan(i, segmentEnd - i));
            }

            if (open < 0)
            {
                break;
            }

            var close = html.IndexOf('>', open + 1);
            if (close < 0)
            {
                // A lone '<' is text, not a tag.
                if (skipUntil is null)
                {
                    AppendText(text, html.AsSpan(open));
                }

                break;
            }

            var tag = ParseTag(html.AsSpan(open + 1, close - open - 1));
            i = close + 1;
            if (skipUntil is not null)
            {
                if (tag.Name.Equals(skipUntil, StringComparison.OrdinalIgnoreCase))
                {
                    skipDepth += tag.Closing ? -1 : tag.SelfClosing ? 0 : 1;
                    if (skipDepth == 0)
                    {
                        skipUntil = null;
                    }
                }

                continue;
            }

            // Mastodon's fallback link for a quote ("RE: https://..."), shown only by clients without quote support.
            if (!tag.Closing && !tag.SelfClosing && (Skipped.Contains(tag.Name) || tag.Classes.Contains("quote-inline")))
            {
                skipUntil = tag.Name;
                skipDepth = 1;
                continue;
            }

            if (tag.Name.Equals("br", StringComparison.OrdinalIgnoreCase))
            {
                TrimTrailingSpaces(text);
                text.Append('\n');
            }
            else if (BlockEnds.Contains(tag.Name) && (tag.Closing || tag.Name.Equals("p", StringComparison.OrdinalIgnoreCase)))
            {
                EndBlock(text);
            }
        }

        return Tidy(text.ToString());
    }

    private static void AppendText(StringBuilder text, ReadOnlySpan<char> raw)
    {
        // HTML collapses runs of whitespace; line breaks come only from tags.
        var decoded = WebUtility.HtmlDecode(raw.ToString());
        foreach (var c in decoded)
        {
            if (char.IsWhiteSpace(c) && c != '\u00A0')
            {
                if (text.Length > 0 && text[^1] != ' ' && text[^1] != '\n')
                {
                    text.Append(' ');
                }
            }
            else
            {
                text.Append(c);
            }
        }
    }

    private static void EndBlock(StringBuilder text)
    {
        TrimTrailingSpaces(text);
        if (text.Length == 0)
        {
            return;
        }

        var newlines = text.Length >= 2 && text[^1] == '\n' && text[^2] == '\n' ? 2 : text[^1] == '\n' ? 1 : 0;
        text.Append('\n', 2 - newlines);
    }

    private static void TrimTrailingSpaces(StringBuilder text)
    {
        while (text.Length > 0 && text[^1] == ' ')
        {
            text.Length--;
        }
    }

    private static string Tidy(string text)
    {
        var lines = text.Split('\n').Select(l => l.Trim(' '));
        return string.Join('\n', lines).Trim('\n', ' ');
    }

    private static (string Name, bool Closing, bool SelfClosing, HashSet<string> Classes) ParseTag(ReadOnlySpan<char> inner)
    {
        var closing = inner.Length > 0 && inner[0] == '/';
        var body = closing ? inner[1..] : inner;
        var selfClosing = body.Length > 0 && body[^1] == '/';
        var nameEnd = 0;
        while (nameEnd < body.Length && (char.IsLetterOrDigit(body[nameEnd]) || body[nameEnd] == '!' || body[nameEnd] == '-'))
        {
            nameEnd++;
        }

        var name = body[..nameEnd].ToString();
        var classes = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var attributes = body[nameEnd..].ToString();
        var at = attributes.IndexOf("class=", StringComparison.OrdinalIgnoreCase);
        if (at >= 0 && at + 6 < attributes.Length)
        {
            var quote = attributes[at + 6];
            var start = quote is '"' or '\'' ? at + 7 : at + 6;
            var end = quote is '"' or '\'' ? attributes.IndexOf(quote, start) : attributes.IndexOfAny([' ', '/'], start);
            var value = end < 0 ? attributes[start..] : attributes[start..end];
            classes.UnionWith(value.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        }

        return (name, closing, selfClosing, classes);
    }
}
