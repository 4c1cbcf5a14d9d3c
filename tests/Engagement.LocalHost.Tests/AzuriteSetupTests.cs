using Engagement.Testing;

namespace Engagement.LocalHost.Tests;

/// <summary>
/// The Azurite install step cannot hang: an npm that never finishes (a registry out of reach) is killed with every
/// process it started, at the timeout or when cancelled (Ctrl+C), and the error says how to install by hand.
/// </summary>
public sealed class AzuriteSetupTests : IDisposable
{
    private readonly StandInNpm _npm = new();

    [Fact]
    public async Task AnInstallThatHangsIsKilledAtItsTimeoutWithItsChildrenAndSaysHowToInstallByHand()
    {
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            Azurite.InstallAsync(_npm.Package, null, default, TimeSpan.FromSeconds(3), _npm.Npm).WaitAsync(TimeSpan.FromSeconds(30)));

        Assert.StartsWith("npm ci did not finish within 0.05 minutes (is the npm registry reachable?): install Azurite by hand with 'npm ci' in ", failure.Message, StringComparison.Ordinal);
        await _npm.AssertAllGoneAsync();
    }

    [Fact]
    public async Task CancellingTheInstallKillsNpmAndItsChildren()
    {
        using var ctrlC = new CancellationTokenSource();
        var install = Azurite.InstallAsync(_npm.Package, null, ctrlC.Token, TimeSpan.FromMinutes(5), _npm.Npm);
        await _npm.WaitForStartAsync();

        await ctrlC.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => install.WaitAsync(TimeSpan.FromSeconds(30)));
        await _npm.AssertAllGoneAsync();
    }

    public void Dispose() => _npm.Dispose();
}
