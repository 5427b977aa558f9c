using Experimentation.Assignment;
using Experimentation.GrainInterfaces.Config;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Experimentation.Gateway.Config;

/// <summary>
/// The gateway's live copy of the config bundle: subscribed to the config grain as an Orleans observer, so a change
/// reaches SSE clients as soon as the grain publishes it. Renewing the subscription also re-reads the bundle, which
/// repairs any missed push within one renewal period.
/// </summary>
public sealed class ConfigFeed(IGrainFactory grains, ILogger<ConfigFeed> logger) : BackgroundService, IConfigObserver
{
    public static readonly TimeSpan RenewEvery = TimeSpan.FromSeconds(30);

    private readonly object _gate = new();
    private volatile ConfigSnapshot _current = new(new ConfigBundle(), AssignmentSnapshot.Empty);
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The newest bundle this gateway has, with its compiled assignment snapshot.</summary>
    public ConfigSnapshot Current => _current;

    /// <summary>Completes when a newer bundle arrives. Take it before reading <see cref="Current"/> to miss nothing.</summary>
    public Task Changed
    {
        get { lock (_gate) return _changed.Task; }
    }

    public void ConfigChanged(ConfigBundle bundle) => Accept(bundle);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var config = grains.GetGrain<IConfigGrain>(IConfigGrain.Key);
        var self = grains.CreateObjectReference<IConfigObserver>(this);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var delay = RenewEvery;
                try
                {
                    await config.Subscribe(self);
                    Accept(await config.Get());
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogWarning(ex, "Could not subscribe to the config grain; retrying");
                    delay = TimeSpan.FromSeconds(1);
                }
                await Task.Delay(delay, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            grains.DeleteObjectReference<IConfigObserver>(self);
        }
    }

    private void Accept(ConfigBundle bundle)
    {
        lock (_gate)
        {
            if (bundle.Version <= _current.Bundle.Version && _current.Bundle.Version != 0) return;
            AssignmentSnapshot snapshot;
            try
            {
                snapshot = AssignmentSnapshot.Compile(bundle);
            }
            catch (ConfigBundleException ex)
            {
                logger.LogError(ex, "Config version {Version} does not compile; keeping version {Current}", bundle.Version, _current.Bundle.Version);
                return;
            }
            _current = new ConfigSnapshot(bundle, snapshot);
            var changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            changed.TrySetResult();
        }
    }
}

/// <summary>A bundle and the assignment snapshot compiled from it.</summary>
public sealed record ConfigSnapshot(ConfigBundle Bundle, AssignmentSnapshot Assignment);
