using Experimentation.Client;
using Experimentation.Client.Config;
using Experimentation.Client.Orleans;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Experimentation.Gateway.Config;

/// <summary>
/// Keeps the gateway's copy of the config bundle current with the SDK's own cluster feed, so the bundle that
/// <c>/api/config</c> serves and <c>/api/assign</c> evaluates is held exactly as an embedded service holds it.
/// </summary>
public sealed class ConfigCacheService(IGrainFactory grains, ConfigSnapshotCache cache, ILogger<ClusterConfigFeed> logger) : BackgroundService
{
    // The gateway serves every SSE client from this copy, so it renews its subscription every 30 s (a service's
    // default is a minute) and retries a failed one within a second rather than backing off to half a minute. Pushes
    // carry every change; the re-read every 30 s only repairs a missed one.
    private static readonly ExperimentationClientOptions FeedOptions = new()
    {
        PollInterval = TimeSpan.FromSeconds(30),
        SubscriptionRenewInterval = TimeSpan.FromSeconds(30),
        ReconnectDelay = TimeSpan.FromSeconds(1),
        MaxReconnectDelay = TimeSpan.FromSeconds(1),
    };

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        new ClusterConfigFeed(grains, FeedOptions, logger).RunAsync(cache, stoppingToken);
}
