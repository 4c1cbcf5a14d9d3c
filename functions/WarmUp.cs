using Engagement.Core.Configuration;
using Engagement.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Engagement.Functions;

/// <summary>
/// Scores built-in items through the score route while the worker starts (<see cref="ScoreWarmUp"/>), before it
/// connects to the Functions host and takes invocations; <c>Engagement__WarmUp=false</c> turns it off. Each host has
/// its own such service (serve's is in <c>ServeApp</c>): the HTTP adapter references no host framework.
/// </summary>
internal sealed class WarmUp(ScoreWarmUp warmUp, IOptions<ScoringOptions> options) : IHostedLifecycleService
{
    // StartingAsync runs ahead of every hosted service's StartAsync, the worker's connection to the host included.
    public Task StartingAsync(CancellationToken cancellationToken) => options.Value.WarmUp ? warmUp.RunAsync(cancellationToken) : Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
