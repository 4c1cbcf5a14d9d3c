using Engagement.Ml.Vocabulary;

namespace Engagement.Core.Domain;

/// <summary>A customer's question or complaint with no brand answer yet: one row of the client's inbox.</summary>
public sealed record WaitingMessage
{
    public required string ClientId { get; init; }

    public required string ChannelId { get; init; }

    /// <summary>The message that started the wait (the first DM of a burst).</summary>
    public required string PlatformId { get; init; }

    public InteractionKind Kind { get; init; }

    public required DateTimeOffset ReceivedAt { get; init; }

    /// <summary>The customer's latest message of the burst (for a public message, the message itself).</summary>
    public DateTimeOffset LastMessageAt { get; init; }

    /// <summary>When the wait passes the client's reply-needed threshold.</summary>
    public required DateTimeOffset DueAt { get; init; }

    /// <summary>When the reply window closes: an answer after it no longer counts as one.</summary>
    public required DateTimeOffset ExpiresAt { get; init; }

    public bool IsQuestion { get; init; }

    public bool IsComplaint { get; init; }

    /// <summary>The customer's pseudonym.</summary>
    public string? Author { get; init; }

    public string? Url { get; init; }

    /// <summary>When the <c>reply.needed</c> alert went out; null until it has.</summary>
    public DateTimeOffset? AlertedAt { get; init; }

    public bool IsDm => Kind == InteractionKind.Dm;
}
