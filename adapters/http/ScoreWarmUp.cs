using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Engagement.Http;

/// <summary>
/// Scores representative items through the score route before a host takes requests, so the first callers do not
/// pay for loading and compiling the scoring path and the tiered JIT's recompilation of it does not run under load.
/// </summary>
/// <remarks>
/// The items go through <see cref="EngagementApi.ScoreAsync"/> and are written out as a response would be, so the
/// JSON reading and writing is compiled too. Nothing is stored and the model is not changed, so answers after the
/// warm-up are the answers without it. The items are written for this purpose: plain and accented text, a question,
/// a link, a mention, emoji, a batch; with and without metadata.
/// </remarks>
public sealed partial class ScoreWarmUp(EngagementApi api, ILogger<ScoreWarmUp> logger)
{
    /// <summary>
    /// Rounds of the items below. The tiered JIT recompiles a method after 30 calls (twice with dynamic PGO); 40
    /// rounds pass that for every per-request method, and the recompilation then happens in the background while
    /// the host finishes starting.
    /// </summary>
    public const int Rounds = 40;

    private static readonly byte[][] Bodies =
    [
        .. new[]
        {
            """{"id":"w1","text":"Thanks so much for the quick reply, that sorted it! Have a lovely weekend.","kind":"reply","channel":"facebook","author_is_brand":false,"lang":"en"}""",
            """{"id":"w2","text":"Our new autumn range is in stores now. Shop the collection: https://example.com/autumn #newin","kind":"post","channel":"instagram","author_is_brand":true,"lang":"en"}""",
            """{"id":"w3","text":"@support my order hasn't arrived yet, can you check what happened? It's been two weeks.","kind":"comment","channel":"x","author_is_brand":false}""",
            """{"id":"w4","text":"Merci beaucoup pour votre réponse rapide ! Est-ce que la livraison est gratuite ?","kind":"dm","channel":"linkedin","lang":"fr"}""",
            """{"text":"🎉 Big news 🎉 We're hiring across Europe. Apply today 👉 careers page in bio","channel":"mastodon"}""",
            """{"text":"Hallo! Könnt ihr mir sagen, wann der Laden am Samstag öffnet?","kind":"comment","lang":"de","parent_id":"p1"}""",
            """{"items":[{"text":"Loved the event yesterday, thank you all for coming!","kind":"post","author_is_brand":true},{"text":"Is this available in size 10?","kind":"comment","channel":"youtube"}]}""",
            """[{"text":"Ciao, grazie per l'aiuto di ieri.","lang":"it","channel":"bluesky"},{"text":"Register now for our free webinar on 12 March.","kind":"post"}]""",
        }.Select(Encoding.UTF8.GetBytes),
    ];

    private int _requests;

    /// <summary>Requests the warm-up has scored in this process.</summary>
    public int Requests => _requests;

    /// <summary>Scores the items <see cref="Rounds"/> times; a failure is logged and does not stop the host.</summary>
    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var sink = new MemoryStream();
            for (var round = 0; round < Rounds; round++)
            {
                foreach (var body in Bodies)
                {
                    using var request = new MemoryStream(body, writable: false);
                    var result = await api.ScoreAsync(ApiCredentials.Local, request, cancellationToken).ConfigureAwait(false);
                    sink.SetLength(0);
                    await result.WriteAsync(sink, cancellationToken).ConfigureAwait(false);
                    Interlocked.Increment(ref _requests);
                }
            }

            LogWarmedUp(logger, Rounds * Bodies.Length, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A host that cannot warm up still serves; the first requests are slower, nothing else changes.
            LogWarmUpFailed(logger, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Scoring warmed up: {Requests} requests in {Milliseconds:F0} ms")]
    private static partial void LogWarmedUp(ILogger logger, int requests, double milliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Scoring warm-up failed; serving without it")]
    private static partial void LogWarmUpFailed(ILogger logger, Exception exception);
}
