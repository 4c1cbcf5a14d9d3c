using Engagement.Core.Domain;
using Engagement.Core.Reporting;

namespace Engagement.Core.Alerts;

/// <summary>The inbox rule: which customer messages wait for an answer.</summary>
internal static class Inbox
{
    /// <summary>
    /// Questions and complaints received in [<paramref name="from"/>, <paramref name="to"/>) that no brand message has
    /// answered, in time or late: an answered customer leaves the inbox whenever the answer came.
    /// </summary>
    public static IEnumerable<WaitingMessage> Waiting(string clientId, string channelId, Conversations conversations, DateTimeOffset from, DateTimeOffset to)
    {
        var rules = conversations.Rules;
        foreach (var row in conversations.Rows.Where(r => r.CreatedAt >= from && r.CreatedAt < to && r.ChannelId == channelId))
        {
            if (conversations.UnitOf(row) is { Answer: null, LateAnswer: null } unit && (unit.IsQuestion || unit.IsComplaint))
            {
                yield return new WaitingMessage
                {
                    ClientId = clientId,
                    ChannelId = channelId,
                    PlatformId = row.PlatformId,
                    Kind = row.Kind,
                    ReceivedAt = row.CreatedAt,
                    LastMessageAt = unit.LastMessage.CreatedAt,
                    DueAt = row.CreatedAt + rules.ReplyNeeded,
                    ExpiresAt = row.CreatedAt + rules.ReplyWindow,
                    IsQuestion = unit.IsQuestion,
                    IsComplaint = unit.IsComplaint,
                    Author = row.Author,
                    Url = row.Url,
                };
            }
        }
    }
}
