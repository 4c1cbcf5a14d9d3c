using System.Text.Json;

namespace Engagement.Storage;

/// <summary>
/// What a poison queue holds when this code put the message there: the original message, why it was given up, when,
/// after how many tries, and its id, so whoever reads the poison queue knows what to fix without the logs.
/// </summary>
public sealed record PoisonLetter(string Reason, DateTimeOffset PoisonedAt, long DequeueCount, string MessageId, string Message)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string Serialize() => JsonSerializer.Serialize(this, Json);

    /// <summary>Reads a poison message: a letter, or <c>null</c> for a message the Functions host moved there unchanged.</summary>
    public static PoisonLetter? TryParse(string text)
    {
        try
        {
            var letter = JsonSerializer.Deserialize<PoisonLetter>(text, Json);
            return letter is { Reason: not null, Message: not null } ? letter : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
