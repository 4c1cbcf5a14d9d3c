using System.Text;
using Engagement.Core.Domain;
using Engagement.Ml.Vocabulary;

namespace Engagement.Connectors.Tests;

public sealed class InterchangeReaderTests
{
    [Fact]
    public async Task JsonLinesAreReadWithEveryField()
    {
        var records = await ReadAsync(false,
            """{"id":"c1","text":"Ciao, a che ora aprite?","client":"acme","channel":"instagram","kind":"comment","author":"@maria","author_is_brand":false,"lang":"it","created_at":"2026-09-01T10:00:00Z","parent_id":"p1","thread_id":"p1","likes":3,"replies":1,"shares":0,"reach":120,"unknown_field":"ignored"}""");

        var item = Assert.Single(records).Interaction!;
        Assert.Equal("c1", item.PlatformId);
        Assert.Equal(InteractionKind.Comment, item.Kind);
        Assert.Equal(Channel.Instagram, item.Platform);
        Assert.False(item.AuthorIsBrand);
        Assert.Equal("it", item.Language);
        Assert.Equal(new DateTimeOffset(2026, 9, 1, 10, 0, 0, TimeSpan.Zero), item.CreatedAt);
        Assert.Equal("p1", item.ParentId);
        Assert.Equal(3, item.Likes);
        Assert.Equal(120, item.Reach);
    }

    [Fact]
    public async Task BadLinesAreReportedWithTheirLineNumberAndTheRestIsRead()
    {
        var records = await ReadAsync(false,
            """{"id":"1","text":"fine","created_at":"2026-09-01T10:00:00Z"}""",
            """{"id":"2","text":"broken""",
            "",
            """{"id":"3","created_at":"2026-09-01T10:00:00Z"}""",
            """{"id":"4","text":"wrong kind","kind":"story","created_at":"2026-09-01T10:00:00Z"}""",
            """{"id":"5","text":"no date"}""",
            """[1,2]""",
            """{"id":"6","text":"fine too","likes":"7","created_at":"2026-09-01T11:00:00+02:00"}""");

        Assert.Equal(["1", "6"], records.Where(r => r.Interaction is not null).Select(r => r.Interaction!.PlatformId));
        var errors = records.Where(r => r.Error is not null).ToDictionary(r => r.Line, r => r.Error!);
        Assert.Equal([2, 4, 5, 6, 7], errors.Keys.Order());
        Assert.Contains("JSON", errors[2], StringComparison.Ordinal);
        Assert.Contains("'text'", errors[4], StringComparison.Ordinal);
        Assert.Contains("'kind'", errors[5], StringComparison.Ordinal);
        Assert.Contains("'created_at'", errors[6], StringComparison.Ordinal);
        Assert.Equal(new DateTimeOffset(2026, 9, 1, 9, 0, 0, TimeSpan.Zero), records.Last().Interaction!.CreatedAt);
    }

    [Fact]
    public async Task MissingMetadataIsUnknownNotAGuess()
    {
        var records = await ReadAsync(false,
            """{"id":"1","text":"Che bello!","created_at":"2026-09-01T10:00:00Z"}""",
            """{"id":"2","text":"Che bello!","kind":"","channel":" ","author_is_brand":null,"lang":"","created_at":"2026-09-01T10:00:00Z"}""");

        Assert.All(records, r =>
        {
            var item = r.Interaction!;
            Assert.Equal(InteractionKind.Unknown, item.Kind);
            Assert.Null(item.Platform);
            Assert.Null(item.AuthorIsBrand);
            Assert.Null(item.Language);
            Assert.Null(r.Warnings);
        });
    }

    [Fact]
    public async Task ChannelAliasesAreTheirPlatformAndAnUnknownChannelKeepsTheLineWithAWarning()
    {
        var records = await ReadAsync(true,
            "id,text,channel,created_at",
            "1,hi,Twitter,2026-09-01T10:00:00Z",
            "2,hi,ig,2026-09-01T10:00:00Z",
            "3,hi,tiktok,2026-09-01T10:00:00Z");

        Assert.Equal([Channel.X, Channel.Instagram, null], records.Select(r => r.Interaction!.Platform));
        Assert.All(records, r => Assert.Null(r.Error));
        Assert.Null(records[0].Warnings);
        Assert.Contains("'tiktok'", Assert.Single(records[2].Warnings!), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CsvWithQuotedNewlinesAndCommasIsRead()
    {
        var records = await ReadAsync(true,
            "id,text,kind,author_is_brand,created_at,likes",
            "urn:li:activity:1,\"Line one,\nline two \"\"quoted\"\"\",post,true,2026-09-01T10:00:00Z,5",
            "urn:li:activity:2,Second,comment,no,2026-09-02T10:00:00Z,x");

        var first = records[0].Interaction!;
        Assert.Equal("Line one,\nline two \"quoted\"", first.Text);
        Assert.True(first.AuthorIsBrand);
        Assert.Equal(5, first.Likes);
        Assert.Contains("'likes'", records[1].Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SkippingResumesAfterTheCursor()
    {
        var lines = Enumerable.Range(1, 5).Select(i => $$"""{"id":"{{i}}","text":"t{{i}}","created_at":"2026-09-01T10:00:00Z"}""").ToArray();

        var records = await ReadAsync(false, skip: 3, lines);

        Assert.Equal(["4", "5"], records.Select(r => r.Interaction!.PlatformId));
        Assert.Equal([4, 5], records.Select(r => r.Line));
    }

    [Theory]
    [InlineData(true, "id,text\n1,\"two\nlines\"\n2,b\n", 2)]
    [InlineData(false, "{}\n\n{}\n", 3)]
    public async Task CountingRecordsFollowsTheCursorsUnit(bool csv, string content, int expected)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(content));

        Assert.Equal(expected, await InterchangeReader.CountAsync(stream, csv));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ALineWithBytesThatAreNotUtf8IsABadRecordWithItsNumberAndTheRestIsRead(bool csv)
    {
        string[] lines = csv
            ? ["id,text,created_at", "1,\"prima riga,\nsu due righe\",2026-09-01T10:00:00Z", "2,caff\u0001,2026-09-01T10:00:00Z", "3,fine,2026-09-01T10:00:00Z"]
            : ["""{"id":"1","text":"prima","created_at":"2026-09-01T10:00:00Z"}""", "", "{\"id\":\"2\",\"text\":\"caff\u0001\",\"created_at\":\"2026-09-01T10:00:00Z\"}", """{"id":"3","text":"fine","created_at":"2026-09-01T10:00:00Z"}"""];
        var bytes = Encoding.UTF8.GetBytes(string.Join('\n', lines)).ToList();
        var invalid = bytes.IndexOf(0x01);
        bytes[invalid] = 0xE8; // "caffè" written in Latin-1, as old exports do

        var records = await ReadBytesAsync(csv, [.. bytes]);

        Assert.Equal(["1", "3"], records.Where(r => r.Interaction is not null).Select(r => r.Interaction!.PlatformId));
        var bad = Assert.Single(records, r => r.Error is not null);
        Assert.Equal(csv ? 4 : 3, bad.Line);
        Assert.Contains("not UTF-8 (0xE8 at byte", bad.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheFieldRulesOfTheCoreRefuseControlCharactersHalfCharactersAndDatesOutOfRange()
    {
        var records = await ReadAsync(false,
            """{"id":"1","text":"ciao\u0000tutti","created_at":"2026-09-01T10:00:00Z"}""",
            """{"id":"2","text":"half \ud800 a character","created_at":"2026-09-01T10:00:00Z"}""",
            """{"id":"3","text":"fine","created_at":"0001-01-01T00:00:00Z"}""",
            """{"id":"4\u0007","text":"fine","created_at":"2026-09-01T10:00:00Z"}""",
            """{"id":"5","text":"tabs\tand\nlines are text","created_at":"2026-09-01T10:00:00Z"}""");

        Assert.Equal("5", Assert.Single(records, r => r.Interaction is not null).Interaction!.PlatformId);
        Assert.Contains("'text' holds a control character (U+0000) at character 5", records[0].Error, StringComparison.Ordinal);
        Assert.Contains("half a character", records[1].Error, StringComparison.Ordinal);
        Assert.Contains("'created_at' must be between 2000-01-01 and 2100-12-31", records[2].Error, StringComparison.Ordinal);
        Assert.Contains("'id' holds a control character (U+0007)", records[3].Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResumingAtACursorGivesTheRecordsAndLineNumbersOfReadingFromTheStart()
    {
        // Longer than the reader's 64 KiB buffer, with a byte-order mark, CRLF and blank lines, a line that is not
        // UTF-8 and a last line without a newline, so skipped lines cross buffer boundaries and every kind of line.
        byte[] first = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(Line(0))];
        var lines = new List<byte[]> { first };
        for (var i = 1; i < 1_500; i++)
        {
            lines.Add(i % 97 == 0 ? [] : i % 101 == 0 ? [.. Encoding.UTF8.GetBytes("{\"id\": \"x"), 0xC3, 0x28, .. Encoding.UTF8.GetBytes("\"}")] : Encoding.UTF8.GetBytes(Line(i) + (i % 2 == 0 ? "\r" : "")));
        }

        var bytes = lines.SelectMany((l, i) => i < lines.Count - 1 ? [.. l, (byte)'\n'] : l).ToArray();
        var all = await ReadAllAsync(bytes, 0);
        Assert.True(bytes.Length > 128 * 1024);
        foreach (var skip in new[] { 1, 2, 96, 97, 98, 700, 1_499, 1_500, 1_501 })
        {
            var resumed = await ReadAllAsync(bytes, skip);
            Assert.Equal(all.Where(r => r.Line > skip).Select(Describe), resumed.Select(Describe));
        }

        static string Line(int i) =>
            $"{{\"id\": \"{i}\", \"text\": \"Record {i}, written long enough that the file outgrows one buffer of the reader\", \"created_at\": \"2026-11-02T10:00:00Z\"}}";

        static string Describe(InterchangeRecord r) => $"{r.Line}:{r.Interaction?.PlatformId}:{r.Error}";

        static async Task<List<InterchangeRecord>> ReadAllAsync(byte[] bytes, int skip)
        {
            using var stream = new MemoryStream(bytes);
            var records = new List<InterchangeRecord>();
            await foreach (var record in InterchangeReader.ReadAsync(stream, csv: false, skip, requireCreatedAt: true))
            {
                records.Add(record);
            }

            return records;
        }
    }

    private static Task<List<InterchangeRecord>> ReadAsync(bool csv, params string[] lines) => ReadAsync(csv, 0, lines);

    private static async Task<List<InterchangeRecord>> ReadBytesAsync(bool csv, byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        var records = new List<InterchangeRecord>();
        await foreach (var record in InterchangeReader.ReadAsync(stream, csv, 0, requireCreatedAt: true))
        {
            if (record.Interaction is not null || record.Error is not null)
            {
                records.Add(record);
            }
        }

        return records;
    }

    private static async Task<List<InterchangeRecord>> ReadAsync(bool csv, int skip, params string[] lines)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(string.Join('\n', lines)));
        var records = new List<InterchangeRecord>();
        await foreach (var record in InterchangeReader.ReadAsync(stream, csv, skip, requireCreatedAt: true))
        {
            if (record.Interaction is not null || record.Error is not null)
            {
                records.Add(record);
            }
        }

        return records;
    }
}
