namespace Engagement.Core.Ports;

/// <summary>How the core treats a connector's fault.</summary>
public enum ConnectorFaultKind
{
    /// <summary>Worth trying again soon: the queue retries the job with its back-off, five tries at most.</summary>
    Transient,

    /// <summary>The platform asks us to wait until a given time: the job is queued again for then, and no try is used.</summary>
    Throttled,

    /// <summary>Retrying cannot help (revoked token, deleted account, forbidden resource, missing file): the channel is marked and the job completes.</summary>
    Permanent,
}

/// <summary>
/// A fault a connector classified for the core. The message is shown to people (Runs row, channel row, CLI), so it
/// says what happened and what to do, in plain words, and never carries a token or a server path.
/// </summary>
public sealed class ConnectorFaultException : Exception
{
    public ConnectorFaultException()
        : this(ConnectorFaultKind.Transient, "the connector failed", null, null)
    {
    }

    public ConnectorFaultException(string message)
        : this(ConnectorFaultKind.Transient, message, null, null)
    {
    }

    public ConnectorFaultException(string message, Exception? innerException)
        : this(ConnectorFaultKind.Transient, message, null, innerException)
    {
    }

    private ConnectorFaultException(ConnectorFaultKind kind, string message, DateTimeOffset? until, Exception? innerException)
        : base(message, innerException)
    {
        Kind = kind;
        ThrottledUntil = until;
    }

    public ConnectorFaultKind Kind { get; }

    /// <summary>For <see cref="ConnectorFaultKind.Throttled"/>: when the platform allows calls again.</summary>
    public DateTimeOffset? ThrottledUntil { get; }

    public static ConnectorFaultException Transient(string reason, Exception? innerException = null) =>
        new(ConnectorFaultKind.Transient, reason, null, innerException);

    public static ConnectorFaultException Throttled(DateTimeOffset until, string reason) =>
        new(ConnectorFaultKind.Throttled, reason, until, null);

    public static ConnectorFaultException Permanent(string reason, Exception? innerException = null) =>
        new(ConnectorFaultKind.Permanent, reason, null, innerException);
}
