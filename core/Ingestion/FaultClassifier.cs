using System.Text.Json;
using Engagement.Core.Ports;

namespace Engagement.Core.Ingestion;

/// <summary>
/// The connector contract's three kinds of fault, extended to every fault a job meets: what retrying cannot fix
/// (a message that cannot be read, a missing file, a forbidden resource, an unknown client) is permanent and fails the
/// job at once; a throttle waits; everything else (storage 5xx, timeouts, network) is transient and retried.
/// </summary>
public static class FaultClassifier
{
    public static ConnectorFaultKind Classify(Exception exception) => exception switch
    {
        ConnectorFaultException fault => fault.Kind,
        PermanentFaultException => ConnectorFaultKind.Permanent,

        // The message itself is wrong: every try reads the same bytes.
        JsonException or FormatException or InvalidDataException => ConnectorFaultKind.Permanent,
        FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException => ConnectorFaultKind.Permanent,
        AggregateException { InnerExceptions.Count: > 0 } aggregate => Classify(aggregate.InnerExceptions[^1]),
        _ => ConnectorFaultKind.Transient,
    };

    public static bool IsPermanent(Exception exception) => Classify(exception) == ConnectorFaultKind.Permanent;

    /// <summary>The one line said about a fault: its message, without the type names and stack a person cannot act on.</summary>
    public static string Describe(Exception exception) => exception switch
    {
        JsonException => "the message is not a JSON ingest job",
        AggregateException { InnerExceptions.Count: > 0 } aggregate => Describe(aggregate.InnerExceptions[^1]),
        _ => exception.Message,
    };
}

/// <summary>A fault retrying cannot fix, raised by the core itself (an unknown client or channel); its message is shown to people.</summary>
public sealed class PermanentFaultException : Exception
{
    public PermanentFaultException()
        : base("the job cannot be done")
    {
    }

    public PermanentFaultException(string message)
        : base(message)
    {
    }

    public PermanentFaultException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
