using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Engagement.Ml.Features;

/// <summary>Turns raw interaction text into the token stream that both training and scoring featurise.</summary>
/// <remarks>
/// Training and scoring call this one method, so the model never sees text prepared differently from what it
/// learned on. Placeholders stand in for things whose exact value says nothing about intent (which URL, which
/// handle, which price) so that the model learns "a price is here", not "19,90".
/// </remarks>
internal static partial class TextNormalizer
{
    public const string UrlToken = "_url_";
    public const string ShopUrlToken = "_shopurl_";
    public const string MentionToken = "_mention_";
    public const string HashtagToken = "_ht_";
    public const string PriceToken = "_price_";
    public const string PercentToken = "_percent_";
    public const string NumberToken = "_num_";
    public const string CodeToken = "_code_";

    /// <summary>Placeholders the normaliser emits; they are never spelled out in explanations.</summary>
    public static readonly IReadOnlySet<string> Placeholders = new HashSet<string>(StringComparer.Ordinal)
    {
        UrlToken, ShopUrlToken, MentionToken, HashtagToken, PriceToken, PercentToken, NumberToken, CodeToken,
    };

    /// <summary>Whether <paramref name="token"/> is one of <see cref="Placeholders"/>; asked of every token, so words are answered without a lookup.</summary>
    public static bool IsPlaceholder(string token) => token.Length > 0 && token[0] == '_' && Placeholders.Contains(token);

    // Shop-like links are a stronger broadcast cue than a link to an article, so they keep their own token.
    private static readonly string[] ShopUrlHints =
        ["shop", "store", "negozio", "tienda", "boutique", "buy", "acquista", "cart", "checkout", "product", "prodott", "order", "ordina", "booking", "prenota", "ticket", "biglietti", "amzn", "amazon", "etsy", "/p/", "sale", "promo"];

    public static NormalizedText Normalize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return NormalizedText.Empty;
        }

        var raw = text.Length > 5000 ? text[..5000] : text;
        var urls = 0;
        var shopUrls = 0;
        // Each pass allocates a new string; the cheap checks skip the passes that cannot match.
        var hasDigit = HasDigit(raw);
        var withoutUrls = !MayHaveUrl(raw) ? raw : UrlPattern().Replace(raw, m =>
        {
            urls++;
            var lower = m.Value.ToLowerInvariant();
            if (ShopUrlHints.Any(h => lower.Contains(h, StringComparison.Ordinal)))
            {
                shopUrls++;
                return " " + ShopUrlToken + " ";
            }

            return " " + UrlToken + " ";
        });

        var mentions = 0;
        var withoutMentions = !withoutUrls.Contains('@', StringComparison.Ordinal) ? withoutUrls : MentionPattern().Replace(withoutUrls, _ =>
        {
            mentions++;
            return " " + MentionToken + " ";
        });

        var hashtags = 0;
        var withoutHashtags = !withoutMentions.Contains('#', StringComparison.Ordinal) ? withoutMentions : HashtagPattern().Replace(withoutMentions, m =>
        {
            hashtags++;
            return " " + HashtagToken + " " + m.Groups[1].Value + " ";
        });

        // Before prices and numbers, which would split "RIDGE15" into a word and a number.
        List<string>? codes = null;
        var mayHaveCode = hasDigit || raw.Contains("cod", StringComparison.OrdinalIgnoreCase) || raw.Contains("cód", StringComparison.OrdinalIgnoreCase)
            || raw.Contains("coupon", StringComparison.OrdinalIgnoreCase) || raw.Contains("gutschein", StringComparison.OrdinalIgnoreCase);
        var withoutCodes = !mayHaveCode ? withoutHashtags : PromoCodePattern().Replace(withoutHashtags, m =>
        {
            (codes ??= []).Add(m.Groups["code"].Value);
            return m.Value[..(m.Groups["code"].Index - m.Index)] + " " + CodeToken + " ";
        });

        var prices = 0;
        var withoutPrices = !hasDigit ? withoutCodes : PricePattern().Replace(withoutCodes, _ =>
        {
            prices++;
            return " " + PriceToken + " ";
        });
        var withoutPercents = !hasDigit ? withoutPrices : PercentPattern().Replace(withoutPrices, " " + PercentToken + " ");
        var withoutNumbers = !hasDigit ? withoutPercents : NumberPattern().Replace(withoutPercents, " " + NumberToken + " ");

        var folded = FoldCaseAndAccents(withoutNumbers);
        var tokens = Tokenize(folded, out var sentences, out var emoji, out var questionMarks, out var exclamations);
        return new NormalizedText(
            tokens,
            sentences,
            codes ?? (IReadOnlyList<string>)[],
            new TextCounts(
                Characters: raw.Length,
                Urls: urls,
                ShopUrls: shopUrls,
                Mentions: mentions,
                Hashtags: hashtags,
                Prices: prices,
                Emoji: emoji,
                QuestionMarks: questionMarks,
                Exclamations: exclamations,
                StartsWithMention: StartsWithMentionPattern().IsMatch(raw),
                GreetsByName: GreetsByNamePattern().IsMatch(raw),
                UppercaseShare: UppercaseShare(withoutUrls)));
    }

    /// <summary>
    /// False only when <see cref="UrlPattern"/> cannot match: it needs "://", "www." or a dot followed by a domain's
    /// letter. Most texts have dots only between sentences, and the pattern would scan every word of them for nothing.
    /// </summary>
    private static bool MayHaveUrl(string raw)
    {
        if (raw.Contains("://", StringComparison.Ordinal) || raw.Contains("www.", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        for (var dot = raw.IndexOf('.'); dot >= 0 && dot + 1 < raw.Length; dot = raw.IndexOf('.', dot + 1))
        {
            // Beyond ASCII too: case-insensitive matching lets a few other letters (the Kelvin sign for k) stand in.
            if (char.IsAsciiLetter(raw[dot + 1]) || raw[dot + 1] > 127)
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasDigit(string raw)
    {
        foreach (var c in raw)
        {
            if (char.IsDigit(c))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Lowercases, strips accents and squeezes letter runs ("grazieeee" → "graziee") so spelling noise maps together.</summary>
    internal static string FoldCaseAndAccents(string text)
    {
        // ASCII text is already in form KD; skipping the call skips a pass over the text (and ICU on Linux).
        var ascii = Ascii.IsValid(text);
        var decomposed = ascii ? text : text.Normalize(NormalizationForm.FormKD);
        var rented = decomposed.Length > 512 ? ArrayPool<char>.Shared.Rent(decomposed.Length) : null;
        Span<char> buffer = rented is null ? stackalloc char[decomposed.Length] : rented;
        var length = 0;
        var previous = '\0';
        var run = 0;
        if (ascii)
        {
            // The same folding as below, as ASCII has it: no marks, letters are A-Z and a-z.
            foreach (var c in decomposed)
            {
                var lower = char.IsAsciiLetterUpper(c) ? (char)(c | 0x20) : c;
                run = lower == previous && char.IsAsciiLetterLower(lower) ? run + 1 : 1;
                previous = lower;
                if (run <= 2)
                {
                    buffer[length++] = lower;
                }
            }
        }
        else
        {
            foreach (var c in decomposed)
            {
                if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
                {
                    continue;
                }

                var lower = char.ToLowerInvariant(c);
                run = lower == previous && char.IsLetter(lower) ? run + 1 : 1;
                previous = lower;
                if (run <= 2)
                {
                    buffer[length++] = lower;
                }
            }
        }

        var folded = new string(buffer[..length]);
        if (rented is not null)
        {
            ArrayPool<char>.Shared.Return(rented);
        }

        return folded;
    }

    // SHOUTED captions ("SALDI FINO AL 50%") read as billboard copy; only letters count, so emoji-only text scores 0.
    private static float UppercaseShare(string text)
    {
        var letters = 0;
        var upper = 0;
        foreach (var c in text)
        {
            if (char.IsLetter(c))
            {
                letters++;
                upper += char.IsUpper(c) ? 1 : 0;
            }
        }

        return letters < 8 ? 0 : (float)upper / letters;
    }

    private static List<string> Tokenize(string folded, out List<Sentence> sentences, out int emoji, out int questionMarks, out int exclamations)
    {
        var tokens = new List<string>();
        var found = new List<Sentence>();
        var word = new StringBuilder();
        var sentenceStart = 0;
        var opensQuestion = false;
        emoji = 0;
        questionMarks = 0;
        exclamations = 0;

        void Flush()
        {
            if (word.Length > 0)
            {
                tokens.Add(word.ToString());
                word.Clear();
            }
        }

        // A sentence ends at . ! ? … ; or a line break. One without words ("?!" after a question) joins the one before.
        void Close(bool question)
        {
            Flush();
            var hasWord = false;
            for (var t = sentenceStart; t < tokens.Count && !hasWord; t++)
            {
                hasWord = char.IsLetterOrDigit(tokens[t][0]) || tokens[t][0] == '_';
            }

            if (!hasWord && found.Count > 0 && tokens.Count > sentenceStart)
            {
                var last = found[^1];
                found[^1] = last with { End = tokens.Count, IsQuestion = last.IsQuestion || question };
            }
            else if (tokens.Count > sentenceStart)
            {
                found.Add(new Sentence(sentenceStart, tokens.Count, question || opensQuestion));
            }

            sentenceStart = tokens.Count;
            opensQuestion = false;
        }

        Span<char> units = stackalloc char[2];
        foreach (var rune in folded.EnumerateRunes())
        {
            if (rune.IsAscii && (char.IsAsciiLetterOrDigit((char)rune.Value) || rune.Value == '_'))
            {
                word.Append((char)rune.Value);
                continue;
            }

            if (Rune.IsLetterOrDigit(rune) || rune.Value == '_')
            {
                // Appending the UTF-16 units, not rune.ToString(): that was a string per character of every word.
                word.Append(units[..rune.EncodeToUtf16(units)]);
                continue;
            }

            Flush();
            switch (rune.Value)
            {
                case '?':
                    questionMarks++;
                    AddOnce(tokens, "?");
                    Close(question: true);
                    break;
                case '!':
                    exclamations++;
                    AddOnce(tokens, "!");
                    Close(question: false);
                    break;
                case '¿':
                    Close(question: false);
                    opensQuestion = true;
                    break;
                case '¡':
                    Close(question: false);
                    break;
                case '.' or '…' or ';' or '\n' or '\r':
                    Close(question: false);
                    break;
                default:
                    if (IsEmoji(rune, Rune.GetUnicodeCategory(rune)))
                    {
                        emoji++;
                        tokens.Add(rune.ToString());
                    }

                    break;
            }
        }

        Close(question: false);
        sentences = found;
        return tokens;
    }

    // "!!!" carries the same intent as "!", and a run would otherwise dominate a short text's n-grams.
    private static void AddOnce(List<string> tokens, string token)
    {
        if (tokens.Count == 0 || tokens[^1] != token)
        {
            tokens.Add(token);
        }
    }

    private static bool IsEmoji(Rune rune, UnicodeCategory category)
    {
        // Skin tones, variation selectors and joiners only decorate the emoji before them.
        if (rune.Value is >= 0x1F3FB and <= 0x1F3FF or 0xFE0F or 0xFE0E or 0x200D)
        {
            return false;
        }

        return category is UnicodeCategory.OtherSymbol || (rune.Value >= 0x1F000 && category != UnicodeCategory.OtherNotAssigned);
    }

    [GeneratedRegex(@"(?:https?://|www\.)\S+|\b[a-z0-9-]+\.(?:com|it|net|org|shop|store|eu|io|co|es|fr|de|ly)(?:/\S*)?\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex UrlPattern();

    [GeneratedRegex(@"(?<![\p{L}\p{N}_])@[\p{L}\p{N}_.]*[\p{L}\p{N}_]", RegexOptions.CultureInvariant)]
    private static partial Regex MentionPattern();

    [GeneratedRegex(@"^\s*@[\p{L}\p{N}_]", RegexOptions.CultureInvariant)]
    private static partial Regex StartsWithMentionPattern();

    // "Ciao Marco!", "Grazie mille Luca,", "Sì Stefano!", "Dear Anna," open a reply to one person. Case matters here:
    // it is how a name differs from the next word, so this runs on the raw text.
    [GeneratedRegex(@"^\W*(?:ciao|grazie|gentile|gentilissim[ao]|car[aoei]|buongiorno|buonasera|salve|s[iì]|certo|certamente|assolutamente|esatto|hi|hey|hello|thanks|thank you|dear|yes|sure|absolutely|hola|gracias|querid[ao]|claro|bonjour|bonsoir|merci|salut|oui|hallo|danke|liebe[r]?|ja|genau)(?:[\s,]+(?:mille|tanto|tante|so much|a lot|s[iì]|davvero|de nada))?[\s,!]+\p{Lu}\p{Ll}{2,}(?:\s*[!,.:;)]|\s*$|\s+\p{So})", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex GreetsByNamePattern();

    [GeneratedRegex(@"(?<![\p{L}\p{N}_&])#([\p{L}\p{N}_]+)", RegexOptions.CultureInvariant)]
    private static partial Regex HashtagPattern();

    [GeneratedRegex(@"(?:[€$£¥]\s?\d[\d.,']*(?:\s?(?:k|mila))?|\d[\d.,']*\s?(?:€|\$|£|eur\b|euro\b|euros\b|usd\b|gbp\b|chf\b|dollars?\b|pounds?\b|franchi\b|francs?\b|pesos?\b))", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PricePattern();

    // A promotional code: a capitalised word of letters and digits ("RIDGE15", "WELCOME10"), or a word with a digit or a
    // capital right after "code", "codice", "coupon", "código", "gutschein" ("codice ESTATE", not "codice fiscale").
    [GeneratedRegex(@"(?:\b(?i:code|codice|coupon|c[oó]digo|gutschein)\s*:?\s*[""'«]?(?<code>(?=[\p{L}\p{N}]*[\p{N}\p{Lu}])[\p{L}\p{N}]{4,20})|\b(?<code>(?=[A-Z0-9]*\d)(?=(?:[0-9]*[A-Z]){3})[A-Z][A-Z0-9]{3,19})\b)", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex PromoCodePattern();

    [GeneratedRegex(@"-?\d+(?:[.,]\d+)?\s?%", RegexOptions.CultureInvariant)]
    private static partial Regex PercentPattern();

    [GeneratedRegex(@"\d+(?:[.,:/]\d+)*", RegexOptions.CultureInvariant)]
    private static partial Regex NumberPattern();
}

/// <summary>The normalised tokens of one text, its sentences, and the counts the structural features are built from.</summary>
/// <param name="Codes">The promotional codes replaced by <see cref="TextNormalizer.CodeToken"/>, in order, as written.</param>
internal sealed record NormalizedText(IReadOnlyList<string> Tokens, IReadOnlyList<Sentence> Sentences, IReadOnlyList<string> Codes, TextCounts Counts)
{
    public static readonly NormalizedText Empty = new([], [], [], new TextCounts(0, 0, 0, 0, 0, 0, 0, 0, 0, false, false, 0));

    /// <summary>The sentence holding token <paramref name="token"/>, or null for none.</summary>
    public Sentence? SentenceOf(int token)
    {
        foreach (var sentence in Sentences)
        {
            if (token >= sentence.Start && token < sentence.End)
            {
                return sentence;
            }
        }

        return null;
    }
}

/// <summary>Tokens <see cref="Start"/> to <see cref="End"/> (exclusive) of one sentence; a question ends with ? or opens with ¿.</summary>
internal readonly record struct Sentence(int Start, int End, bool IsQuestion);

/// <summary>Surface counts taken while normalising, before placeholders hide them.</summary>
internal sealed record TextCounts(
    int Characters,
    int Urls,
    int ShopUrls,
    int Mentions,
    int Hashtags,
    int Prices,
    int Emoji,
    int QuestionMarks,
    int Exclamations,
    bool StartsWithMention,
    bool GreetsByName,
    float UppercaseShare);
