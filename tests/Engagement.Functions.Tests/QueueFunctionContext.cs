using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;

namespace Engagement.Functions.Tests;

/// <summary>
/// What the runtime hands a queue-triggered function besides the message: its trigger metadata (message id and dequeue
/// count, as the host sends them, as strings). Only the binding data is read by the functions under test.
/// </summary>
internal sealed class QueueFunctionContext(string messageId, long dequeueCount) : FunctionContext
{
    public override string InvocationId { get; } = Guid.NewGuid().ToString("N");

    public override string FunctionId { get; } = nameof(IngestChannel);

    public override TraceContext TraceContext => throw new NotSupportedException();

    public override BindingContext BindingContext { get; } = new QueueBindingContext(new Dictionary<string, object?>
    {
        ["Id"] = messageId,
        ["DequeueCount"] = dequeueCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
    });

    public override RetryContext RetryContext => throw new NotSupportedException();

    public override IServiceProvider InstanceServices { get; set; } = new ServiceCollection().BuildServiceProvider();

    public override FunctionDefinition FunctionDefinition => throw new NotSupportedException();

    public override IDictionary<object, object> Items { get; set; } = new Dictionary<object, object>();

    public override IInvocationFeatures Features => throw new NotSupportedException();

    private sealed class QueueBindingContext(IReadOnlyDictionary<string, object?> data) : BindingContext
    {
        public override IReadOnlyDictionary<string, object?> BindingData { get; } = data;
    }
}
