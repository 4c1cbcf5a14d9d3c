using System.Buffers.Text;
using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Engagement.Connectors.Platforms;

/// <summary>
/// The cursor of a social channel, owned by the connector: <c>v1:</c> + base64url of deflated JSON. It holds the
/// resolved account id, the watermarks of the last finished sweep, the reply counters of recent threads, and where
/// the current sweep is. A cursor that cannot be read, or of another version, reads as null, and the channel starts
/// again from nothing: replays are free, since rows are idempotent.
/// </summary>
internal sealed class CrawlState
{
    public const string Prefix = "v1:";

    /// <summary>A table string property holds 32K characters; the cursor stays well under it.</summary>
    public const int MaxEncodedLength = 30_000;

    /// <summary>Most reply counters kept; the oldest go first (a dropped one only costs a re-read).</summary>
    public const int MaxCounters = 2_000;

    /// <summary>The account's stable id on the platform, resolved once.</summary>
    [JsonPropertyName("a")]
    public string? Account { get; set; }

    /// <summary>Newest post time seen by the last finished sweep.</summary>
    [JsonPropertyName("w")]
    public DateTimeOffset? Watermark { get; set; }

    /// <summary>Newest inbound time seen by the last finished sweep.</summary>
    [JsonPropertyName("iw")]
    public DateTimeOffset? InboundWatermark { get; set; }

    /// <summary>Thread key → [reply count, post time in Unix seconds], for posts inside the thread window.</summary>
    [JsonPropertyName("c")]
    public Dictionary<string, long[]> Counters { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The sweep in progress, or null between runs.</summary>
    [JsonPropertyName("s")]
    public CrawlSweep? Sweep { get; set; }

    public string Encode()
    {
        while (true)
        {
            var json = JsonSerializer.SerializeToUtf8Bytes(this, CrawlJson.Default.CrawlState);
            using var compressed = new MemoryStream();
            using (var deflate = new DeflateStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
            {
                deflate.Write(json);
            }

            var encoded = Prefix + Base64Url.EncodeToString(compressed.ToArray());
            if (encoded.Length <= MaxEncodedLength || Counters.Count == 0)
            {
                return encoded;
            }

            // Too large: drop the oldest half of the counters; they only cost a thread re-read if seen again.
            foreach (var key in Counters.OrderBy(c => c.Value.Length > 1 ? c.Value[1] : 0).Take(Math.Max(1, Counters.Count / 2)).Select(c => c.Key).ToList())
            {
                Counters.Remove(key);
            }
        }
    }

    /// <summary>The state in <paramref name="cursor"/>, or null when it is empty, unreadable or of another version.</summary>
    public static CrawlState? Decode(string? cursor)
    {
        if (cursor is null || !cursor.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        try
        {
            var bytes = Base64Url.DecodeFromChars(cursor.AsSpan(Prefix.Length));
            using var input = new DeflateStream(new MemoryStream(bytes), CompressionMode.Decompress);
            using var json = new MemoryStream();
            input.CopyTo(json);
            var state = JsonSerializer.Deserialize(json.ToArray(), CrawlJson.Default.CrawlState);
            if (state is not null)
            {
                state.Counters = new Dictionary<string, long[]>(state.Counters ?? [], StringComparer.Ordinal);
            }

            return state;
        }
        catch (Exception e) when (e is FormatException or InvalidDataException or JsonException or IOException)
        {
            return null;
        }
    }
}

/// <summary>Where one sweep of the crawl plan is: its phase, its page, its limits and the threads left to read.</summary>
internal sealed class CrawlSweep
{
    public const string Posts = "posts";
    public const string Inbound = "inbound";
    public const string Reading = "threads";

    [JsonPropertyName("p")]
    public string Phase { get; set; } = Posts;

    /// <summary>The next page of the current listing, as the platform gave it.</summary>
    [JsonPropertyName("t")]
    public string? PageToken { get; set; }

    /// <summary>Posts older than this end the listing.</summary>
    [JsonPropertyName("h")]
    public DateTimeOffset Horizon { get; set; }

    /// <summary>Inbound items older than this end the inbound listing.</summary>
    [JsonPropertyName("ih")]
    public DateTimeOffset InboundHorizon { get; set; }

    [JsonPropertyName("n")]
    public DateTimeOffset? Newest { get; set; }

    [JsonPropertyName("in")]
    public DateTimeOffset? InboundNewest { get; set; }

    /// <summary>Threads to read, in the order they were found.</summary>
    [JsonPropertyName("q")]
    public List<string> Threads { get; set; } = [];
}

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CrawlState))]
internal sealed partial class CrawlJson : JsonSerializerContext;
