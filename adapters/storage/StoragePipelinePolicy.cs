using Azure.Core;
using Azure.Core.Pipeline;

namespace Engagement.Storage;

/// <summary>
/// An HTTP pipeline policy added to the table and queue clients when registered as a singleton before they are built,
/// at <paramref name="Position"/> (per retry by default, so it sees every try). The product registers none; the fault
/// tests register one that answers some requests with 503 to prove the retries absorb throttling.
/// </summary>
public sealed record StoragePipelinePolicy(HttpPipelinePolicy Policy, HttpPipelinePosition Position = HttpPipelinePosition.PerRetry);
