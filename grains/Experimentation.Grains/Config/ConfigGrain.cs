using Experimentation.Assignment;
using Experimentation.GrainInterfaces.Config;
using Experimentation.GrainInterfaces.Experiments;
using Experimentation.GrainInterfaces.Namespaces;
using Experimentation.Grains.Experiments;
using Experimentation.Grains.Namespaces;
using Marten;
using Microsoft.Extensions.Logging;
using Orleans.Utilities;

namespace Experimentation.Grains.Config;

/// <summary>
/// Keeps the bundle every service assigns from. Experiments and namespaces report each change here; the grain bumps
/// the version, persists it, and pushes the new bundle to every subscriber at once.
/// </summary>
public sealed class ConfigGrain(
    IDocumentStore store,
    [PersistentState("config")] IPersistentState<ConfigState> state,
    ILogger<ConfigGrain> logger) : Grain, IConfigGrain
{
    private readonly ObserverManager<IConfigObserver> _observers = new(IConfigGrain.SubscriptionLifetime, logger);
    private readonly Dictionary<string, ExperimentConfig> _experiments = new(StringComparer.Ordinal);
    private readonly Dictionary<string, NamespaceConfig> _namespaces = new(StringComparer.Ordinal);
    private ConfigBundle _bundle = new();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Rebuild from the source of truth, so a change whose report was lost still reaches the bundle.
        await using var session = store.QuerySession();
        foreach (var ns in await session.Query<NamespaceDocument>().ToListAsync(cancellationToken))
            _namespaces[ns.Id] = BundleMapping.ToConfig(ns.ToView());
        var live = await session.Query<Experiment>()
            .Where(x => x.Status == ExperimentStatus.Running || x.Status == ExperimentStatus.Paused)
            .ToListAsync(cancellationToken);
        foreach (var experiment in live)
            _experiments[experiment.Id] = BundleMapping.ToConfig(experiment.ToView());
        _bundle = Build();
        await base.OnActivateAsync(cancellationToken);
    }

    public Task<ConfigBundle> Get() => Task.FromResult(_bundle);

    public Task ExperimentChanged(ExperimentView experiment)
    {
        if (BundleMapping.BelongsInBundle(experiment.Status)) _experiments[experiment.Key] = BundleMapping.ToConfig(experiment);
        else _experiments.Remove(experiment.Key);
        return Publish();
    }

    public Task NamespaceChanged(NamespaceView ns)
    {
        _namespaces[ns.Key] = BundleMapping.ToConfig(ns);
        return Publish();
    }

    public async Task<CommandResult<ConfigBundle>> SetHoldout(int basisPoints)
    {
        if (basisPoints is < 0 or > IConfigGrain.MaxHoldoutBasisPoints)
            return CommandResult<ConfigBundle>.Refused(
                CommandError.Invalid("percent", $"must be between 0 and {IConfigGrain.MaxHoldoutBasisPoints / 100}"));
        state.State.HoldoutBasisPoints = basisPoints;
        await Publish();
        return CommandResult<ConfigBundle>.Ok(_bundle);
    }

    public Task Subscribe(IConfigObserver observer)
    {
        _observers.Subscribe(observer, observer);
        return Task.CompletedTask;
    }

    public Task Unsubscribe(IConfigObserver observer)
    {
        _observers.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    private async Task Publish()
    {
        state.State.Version++;
        await state.WriteStateAsync();
        var next = Build();
        var errors = ConfigBundleValidator.Validate(next);
        if (errors.Count > 0)
        {
            // Never hand services a bundle they cannot compile; keep serving the last good one and say why loudly.
            logger.LogError("Config version {Version} is invalid and was not published: {Errors}", next.Version, string.Join("; ", errors));
            return;
        }
        _bundle = next;
        _observers.Notify(o => o.ConfigChanged(next));
    }

    private ConfigBundle Build() => new()
    {
        Version = state.State.Version,
        HoldoutBasisPoints = state.State.HoldoutBasisPoints,
        Namespaces = _namespaces.Values.OrderBy(n => n.Key, StringComparer.Ordinal).ToArray(),
        Experiments = _experiments.Values.OrderBy(e => e.Key, StringComparer.Ordinal).ToArray(),
    };
}
