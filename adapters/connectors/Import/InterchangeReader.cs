using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using CsvHelper;
using CsvHelper.Configuration;
using Engagement.Core.Domain;
using Engagement.Core.Scoring;

namespace Engagement.Connectors;

/// <summary>Reads the interchange format (JSON Lines, or CSV with the same column names) record by record.</summary>
public static class InterchangeReader
{
    public static bool IsCsv(string path) => path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Yields every record after the first <paramref name="skip"/>, in file order, each with its line number.
    /// Blank lines are counted but not yielded. <paramref name="requireCreatedAt"/> makes a missing date an error.
    /// </summary>
    public static IAsyncEnumerable<InterchangeRecord> ReadAsync(
        Stream stream,
        bool csv,
        int skip = 0,
        bool requireCreatedAt = false,
        CancellationToken cancellationToken = default) =>
        csv ? ReadCsvAsync(stream, skip, requireCreatedAt, cancellationToken) : ReadJsonLinesAsync(stream, skip, requireCreatedAt, cancellationToken);

    /// <summary>How many records the file holds (lines for JSON Lines, records after the header for CSV).</summary>
    public static async Task<int> CountAsync(Stream stream, bool csv, CancellationToken cancellationToken = default)
    {
        var count = 0;
        if (csv)
        {
            using var reader = new StreamReader(stream);
            using var parser = new CsvParser(reader, CultureInfo.InvariantCulture);
            while (await parser.ReadAsync().ConfigureAwait(false))
            {
                count++;
            }

            return Math.Max(0, count - 1);
        }

        // Counted as the reader splits them, so a count and a skip always agree.
        var lines = new Utf8Lines(stream);
        while (await lines.NextAsync(cancellationToken).ConfigureAwait(false) is not null)
        {
            count++;
        }

        return count;
    }

    private static async IAsyncEnumerable<InterchangeRecord> ReadJsonLinesAsync(
        Stream stream,
        int skip,
        bool requireCreatedAt,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Lines are split on bytes and checked one by one: a line that is not UTF-8 is a bad record, the rest are read.
        var lines = new Utf8Lines(stream);
        var line = skip > 0 ? await lines.SkipAsync(skip, cancellationToken).ConfigureAwait(false) : 0;
        while (await lines.NextAsync(cancellationToken).ConfigureAwait(false) is { } raw)
        {
            line++;

            if (raw.Utf8Problem is { } encoding)
            {
                yield return new InterchangeRecord(line, null, $"the line {encoding}: save the file as UTF-8");
                continue;
            }

            if (string.IsNullOrWhiteSpace(raw.Text))
            {
                yield return new InterchangeRecord(line, null, null);
                continue;
            }

            var (fields, problem) = ParseJsonObject(raw.Text);
            yield return fields is null
                ? new InterchangeRecord(line, null, problem)
                : ToRecord(line, fields, requireCreatedAt);
        }
    }

    private static async IAsyncEnumerable<InterchangeRecord> ReadCsvAsync(
        Stream stream,
        int skip,
        bool requireCreatedAt,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var reader = new CheckedTextReader(stream);
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            PrepareHeaderForMatch = args => args.Header.Trim().ToLowerInvariant(),
            BadDataFound = null,
            MissingFieldFound = null,
        };
        using var csv = new CsvReader(reader, configuration);
        if (!await csv.ReadAsync().ConfigureAwait(false) || !csv.ReadHeader() || csv.HeaderRecord is null)
        {
            yield break;
        }

        var headers = csv.HeaderRecord.Select(h => h.Trim().ToLowerInvariant()).ToArray();
        var record = 0;
        while (await csv.ReadAsync().ConfigureAwait(false))
        {
            cancellationToken.ThrowIfCancellationRequested();
            record++;
            if (record <= skip)
            {
                continue;
            }

            var fields = new Dictionary<string, string?>(StringComparer.Ordinal);
            for (var i = 0; i < headers.Length; i++)
            {
                fields[headers[i]] = csv.TryGetField<string>(i, out var value) ? value : null;
            }

            // Report the physical line a person would open the file at; records are what the cursor counts. A record
            // on a line whose bytes are not UTF-8 is bad, whatever its fields read as.
            var last = csv.Parser.RawRow;
            var first = last - csv.Parser.RawRecord.TrimEnd('\r', '\n').Count(c => c == '\n');
            var encoding = Enumerable.Range(first, last - first + 1).Select(l => reader.Problems.GetValueOrDefault(l)).FirstOrDefault(p => p is not null);
            yield return encoding is null
                ? ToRecord(first, fields, requireCreatedAt)
                : new InterchangeRecord(first, null, $"the line {encoding}: save the file as UTF-8");
        }
    }

    private static (Dictionary<string, string?>? Fields, string? Problem) ParseJsonObject(string text)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException e)
        {
            return (null, $"not valid JSON: {e.Message}");
        }

        using var _ = document;
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            return (null, $"not a JSON object but {document.RootElement.ValueKind.ToString().ToLowerInvariant()}");
        }

        var fields = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            try
            {
                fields[property.Name.ToLowerInvariant()] = property.Value.ValueKind switch
                {
                    JsonValueKind.Null or JsonValueKind.Undefined => null,
                    JsonValueKind.String => property.Value.GetString(),
                    _ => property.Value.GetRawText(),
                };
            }
            catch (InvalidOperationException)
            {
                // An escape such as \ud800 names half a character: no string can hold it, so the record is bad.
                return (null, $"'{property.Name}' holds half a character (an unpaired surrogate escape)");
            }
        }

        return (fields, null);
    }

    /// <summary>Validates one record's fields into an interaction; unknown fields are ignored.</summary>
    internal static InterchangeRecord ToRecord(int line, IReadOnlyDictionary<string, string?> fields, bool requireCreatedAt)
    {
        var problems = new List<string>();
        var id = Field(fields, "id");
        var text = Field(fields, "text");
        if (id is null)
        {
            problems.Add("'id' is missing");
        }

        // The same field rules as the API and the CLI: one class in the core says them all.
        AddProblem(problems, InputContract.IdProblem(id, "id"));
        AddProblem(problems, InputContract.TextProblem(text));
        AddProblem(problems, InputContract.IdProblem(Field(fields, "parent_id"), "parent_id"));
        AddProblem(problems, InputContract.IdProblem(Field(fields, "thread_id"), "thread_id"));
        AddProblem(problems, InputContract.FieldProblem(Field(fields, "author"), "author"));

        // Missing metadata is unknown, as it is on every other path; an unknown channel name is a warning, not an error.
        if (!MetadataNames.TryReadKind(Field(fields, "kind"), out var kind, out var kindProblem))
        {
            problems.Add(kindProblem!);
        }

        var channel = MetadataNames.ReadChannel(Field(fields, "channel"), out var channelWarning);

        bool? isBrand = null;
        if (Field(fields, "author_is_brand") is { } brandText)
        {
            if (TryParseBool(brandText, out var brand))
            {
                isBrand = brand;
            }
            else
            {
                problems.Add($"'author_is_brand' must be true or false, not '{Shorten(brandText)}'");
            }
        }

        DateTimeOffset createdAt = default;
        var createdText = Field(fields, "created_at");
        if (createdText is null)
        {
            if (requireCreatedAt)
            {
                problems.Add("'created_at' is missing");
            }
        }
        else if (!DateTimeOffset.TryParse(createdText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out createdAt))
        {
            problems.Add($"'created_at' is not an ISO 8601 date: '{Shorten(createdText)}'");
        }
        else
        {
            AddProblem(problems, InputContract.CreatedAtProblem(createdAt));
        }

        var likes = Count(fields, "likes", problems);
        var replies = Count(fields, "replies", problems);
        var shares = Count(fields, "shares", problems);
        var reach = Count(fields, "reach", problems);
        var impressions = Count(fields, "impressions", problems);
        var url = Field(fields, "url");
        if (url is not null && !IsWebAddress(url))
        {
            problems.Add($"'url' must be an absolute http or https address, not '{Shorten(url)}'");
        }

        if (problems.Count > 0)
        {
            return new InterchangeRecord(line, null, string.Join("; ", problems));
        }

        return new InterchangeRecord(line, new Interaction
        {
            PlatformId = id!,
            Text = text!,
            Kind = kind,
            Platform = channel,
            Author = Field(fields, "author"),
            AuthorIsBrand = isBrand,
            Language = MetadataNames.ReadLanguage(Field(fields, "lang")),
            CreatedAt = createdAt,
            ParentId = Field(fields, "parent_id"),
            ThreadId = Field(fields, "thread_id"),
            Likes = likes,
            Replies = replies,
            Shares = shares,
            Reach = reach,
            Impressions = impressions,
            // Where the platform's id is itself a web address (a Mastodon status URI), it is the permalink.
            Url = url ?? (IsWebAddress(id!) ? id : null),
        }, null, channelWarning is null ? null : [channelWarning]);
    }

    private static void AddProblem(List<string> problems, string? problem)
    {
        if (problem is not null)
        {
            problems.Add(problem);
        }
    }

    private static string? Field(IReadOnlyDictionary<string, string?> fields, string name) =>
        fields.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    private static long? Count(IReadOnlyDictionary<string, string?> fields, string name, List<string> problems)
    {
        var text = Field(fields, name);
        if (text is null)
        {
            return null;
        }

        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= 0)
        {
            return value;
        }

        problems.Add($"'{name}' must be a whole number of 0 or more, not '{Shorten(text)}'");
        return null;
    }

    private static bool IsWebAddress(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    private static bool TryParseBool(string text, out bool value)
    {
        switch (text.ToLowerInvariant())
        {
            case "true" or "1" or "yes":
                value = true;
                return true;
            case "false" or "0" or "no":
                value = false;
                return true;
            default:
                value = false;
                return false;
        }
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
