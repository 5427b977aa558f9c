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
    // The gateway serves every SSE client from this copy. It renews its subscription every 5 s: a renewal is one small
    // call that answers the grain's version, and a newer one than held means a lost push (the config grain's silo was
    // lost, and its new activation has no subscribers), so the gateway reads the bundle at once. Before renewals
    // answered the version, a config change after a silo loss took up to the 30 s re-read to reach the gateway (21.5 s
    // was seen in NodeLossTests). A failed call is retried within a second rather than backing off to half a minute.
    // The bundle itself is re-read every 30 s in any case.
    private static readonly ExperimentationClientOptions FeedOptions = new()
    {
        PollInterval = TimeSpan.FromSeconds(30),
        SubscriptionRenewInterval = TimeSpan.FromSeconds(5),
        ReconnectDelay = TimeSpan.FromSeconds(1),
        MaxReconnectDelay = TimeSpan.FromSeconds(1),
    };

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        new ClusterConfigFeed(grains, FeedOptions, logger).RunAsync(cache, stoppingToken);
}
