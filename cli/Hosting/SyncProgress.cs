namespace Engagement.Cli.Hosting;

/// <summary>Reports on the caller's thread, unlike <see cref="Progress{T}"/>, so output keeps its order.</summary>
internal sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
