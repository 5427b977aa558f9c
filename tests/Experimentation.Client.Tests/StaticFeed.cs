using Experimentation.Assignment;
using Experimentation.Client.Config;

namespace Experimentation.Client.Tests;

/// <summary>A feed that delivers one bundle, or none, and then waits for shutdown: the client without a network.</summary>
internal sealed class StaticFeed(ConfigBundle? bundle) : IConfigFeed
{
    public async Task RunAsync(ConfigSnapshotCache cache, CancellationToken cancellationToken)
    {
        if (bundle is not null)
            cache.Apply(bundle);
        await Task.Delay(Timeout.Infinite, cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
    }
}
