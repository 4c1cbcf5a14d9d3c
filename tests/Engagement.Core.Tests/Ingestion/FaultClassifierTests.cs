using System.Text.Json;
using Engagement.Core.Ingestion;
using Engagement.Core.Ports;

namespace Engagement.Core.Tests.Ingestion;

public sealed class FaultClassifierTests
{
    public static TheoryData<Exception, ConnectorFaultKind> Faults => new()
    {
        { new JsonException("'n' is an invalid start of a value"), ConnectorFaultKind.Permanent },
        { new FormatException("bad id"), ConnectorFaultKind.Permanent },
        { new FileNotFoundException("gone"), ConnectorFaultKind.Permanent },
        { new UnauthorizedAccessException("forbidden"), ConnectorFaultKind.Permanent },
        { new PermanentFaultException("unknown client"), ConnectorFaultKind.Permanent },
        { ConnectorFaultException.Permanent("revoked token"), ConnectorFaultKind.Permanent },
        { ConnectorFaultException.Throttled(DateTimeOffset.UnixEpoch, "wait"), ConnectorFaultKind.Throttled },
        { ConnectorFaultException.Transient("502"), ConnectorFaultKind.Transient },
        { new TimeoutException(), ConnectorFaultKind.Transient },
        { new HttpRequestException("connection refused"), ConnectorFaultKind.Transient },
        { new IOException("disk hiccup"), ConnectorFaultKind.Transient },
        { new AggregateException(new FormatException("bad")), ConnectorFaultKind.Permanent },
    };

    [Theory]
    [MemberData(nameof(Faults))]
    public void EveryFaultHasOneKindAndOnlyWhatRetryingCannotFixIsPermanent(Exception fault, ConnectorFaultKind expected) =>
        Assert.Equal(expected, FaultClassifier.Classify(fault));

    [Fact]
    public void AJsonFaultIsDescribedInPlainWordsNotByTheParsersPosition() =>
        Assert.Equal("the message is not a JSON ingest job", FaultClassifier.Describe(new JsonException("'n' is an invalid start of a value. Path: $ | LineNumber: 0")));
}
