using Engagement.Core.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Engagement.Http;

/// <summary>
/// Runs <see cref="ScoreWarmUp"/> while a host starts, unless <c>Engagement__WarmUp</c> is false. Its
/// <see cref="StartingAsync"/> runs ahead of every hosted service's <c>StartAsync</c>: before Kestrel binds in
/// <c>engage serve</c>, before the worker connects to the Functions host in the Functions app.
/// </summary>
public sealed class ScoreWarmUpService(ScoreWarmUp warmUp, IOptions<ScoringOptions> options) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken) => options.Value.WarmUp ? warmUp.RunAsync(cancellationToken) : Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
