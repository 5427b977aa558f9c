using Experimentation.Client.Config;
using Experimentation.GrainInterfaces.Config;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Experimentation.Client.Orleans;

/// <summary>
/// Keeps the cache current inside a service that embeds an Orleans client: an <see cref="IConfigObserver"/>
/// subscribed to the config grain receives each new version as it happens.
/// </summary>
/// <remarks>
/// Observer subscriptions are soft state: the grain forgets them after <see cref="IConfigGrain.SubscriptionLifetime"/>
/// and whenever it is reactivated, and a push to an observer whose gateway connection dropped is lost. So the feed
/// renews the subscription every <see cref="ExperimentationClientOptions.SubscriptionRenewInterval"/>. A renewal
/// answers the grain's version, and the feed reads the bundle with <see cref="IConfigGrain.Get"/> when that is newer
/// than what it holds, and in any case every <see cref="ExperimentationClientOptions.PollInterval"/>. So a missed push
/// costs at most the shorter of the two intervals, never a stale snapshot for good, and a renewal alone is one small
/// call that can run often.
/// </remarks>
public sealed class ClusterConfigFeed : IConfigFeed
{
    private static readonly TimeSpan UnsubscribeTimeout = TimeSpan.FromSeconds(2);

    private readonly IGrainFactory _grains;
    private readonly ExperimentationClientOptions _options;
    private readonly ILogger _logger;

    public ClusterConfigFeed(IGrainFactory grains, ExperimentationClientOptions options, ILogger<ClusterConfigFeed>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(options);
        _grains = grains;
        _options = options;
        _logger = logger ?? NullLogger<ClusterConfigFeed>.Instance;
    }

    public async Task RunAsync(ConfigSnapshotCache cache, CancellationToken cancellationToken)
    {
        var grain = _grains.GetGrain<IConfigGrain>(IConfigGrain.Key);
        // The runtime holds observers weakly; this local keeps ours alive for as long as the feed runs.
        var observer = new ConfigObserver(cache);
        var reference = _grains.CreateObjectReference<IConfigObserver>(observer);
        try
        {
            int failures = 0;
            // MinValue: due at once. The first pass subscribes and reads.
            var renewAt = DateTimeOffset.MinValue;
            var readAt = DateTimeOffset.MinValue;
            while (!cancellationToken.IsCancellationRequested)
            {
                TimeSpan wait;
                try
                {
                    var read = DateTimeOffset.UtcNow >= readAt;
                    if (DateTimeOffset.UtcNow >= renewAt)
                    {
                        var latest = await grain.Subscribe(reference).WaitAsync(_options.RequestTimeout, cancellationToken).ConfigureAwait(false);
                        renewAt = DateTimeOffset.UtcNow + _options.SubscriptionRenewInterval;
                        // A newer version than the one held is a push that never came: the grain was reactivated on
                        // another silo without its subscribers, or the push met a dropped connection.
                        read |= latest > cache.Current.Version;
                    }
                    if (read)
                    {
                        cache.Apply(await grain.Get().WaitAsync(_options.RequestTimeout, cancellationToken).ConfigureAwait(false));
                        readAt = DateTimeOffset.UtcNow + _options.PollInterval;
                    }
                    failures = 0;
                    wait = (renewAt < readAt ? renewAt : readAt) - DateTimeOffset.UtcNow;
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception e)
                {
                    // The subscription may be gone with whatever failed, so the next attempt subscribes again.
                    renewAt = DateTimeOffset.MinValue;
                    wait = Backoff.Delay(failures++, _options.ReconnectDelay, _options.MaxReconnectDelay);
                    _logger.LogWarning("Reaching the config grain failed ({Failure}); retrying in {Delay} ms.", e.Message, (int)wait.TotalMilliseconds);
                }

                try
                {
                    if (wait > TimeSpan.Zero)
                        await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
        finally
        {
            await UnsubscribeAsync(grain, reference).ConfigureAwait(false);
            _grains.DeleteObjectReference<IConfigObserver>(reference);
            GC.KeepAlive(observer);
        }
    }

    // Best effort: an unsubscribe that fails only leaves a subscription that expires by itself.
    private async Task UnsubscribeAsync(IConfigGrain grain, IConfigObserver reference)
    {
        try
        {
            await grain.Unsubscribe(reference).WaitAsync(UnsubscribeTimeout).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            _logger.LogDebug("Unsubscribing from the config grain failed ({Failure}); the subscription will expire.", e.Message);
        }
    }
}
