using Experimentation.Assignment;
using Experimentation.GrainInterfaces.Config;
using Experimentation.GrainInterfaces.Experiments;
using Experimentation.GrainInterfaces.Namespaces;
using Experimentation.GrainInterfaces.Security;
using Experimentation.Grains.Audit;
using Experimentation.Grains.Security;
using Experimentation.Grains.Experiments;
using Experimentation.Grains.Namespaces;
using Marten;
using Microsoft.Extensions.Logging;
using Orleans.Utilities;

namespace Experimentation.Grains.Config;

/// <summary>
/// Keeps the bundle every service assigns from. Experiments and namespaces report each change here; the grain checks
/// the new bundle, and only if it is valid bumps the version, persists it, and pushes it to every subscriber at once.
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
        foreach (var experiment in live.Where(x => BundleMapping.BelongsInBundle(x.Id, x.Status)))
            _experiments[experiment.Id] = BundleMapping.ToConfig(experiment.ToView());
        _bundle = Build(state.State.Version);
        Observability.DomainMeters.SetConfigVersion(state.State.Version);
        await base.OnActivateAsync(cancellationToken);
    }

    public Task<ConfigBundle> Get() => Task.FromResult(_bundle);

    public async Task ExperimentChanged(ExperimentView experiment)
    {
        if (BundleMapping.BelongsInBundle(experiment.Key, experiment.Status)) _experiments[experiment.Key] = BundleMapping.ToConfig(experiment);
        else _experiments.Remove(experiment.Key);
        await Publish();
    }

    public async Task NamespaceChanged(NamespaceView ns)
    {
        _namespaces[ns.Key] = BundleMapping.ToConfig(ns);
        await Publish();
    }

    public async Task<CommandResult<ConfigBundle>> SetHoldout(int basisPoints)
    {
        if (Permissions.InstallationAdmin(CallerContext.Current, "Setting the global holdout") is { } forbidden)
            return CommandResult<ConfigBundle>.Refused(forbidden);
        if (basisPoints is < 0 or > IConfigGrain.MaxHoldoutBasisPoints)
            return CommandResult<ConfigBundle>.Refused(
                CommandError.Invalid("percent", IConfigGrain.HoldoutOutOfRange));
        state.State.HoldoutBasisPoints = basisPoints;
        // The holdout is this grain's own state, kept even while another change holds the bundle back.
        if (!await Publish()) await state.WriteStateAsync();
        await RecordHoldout(basisPoints);
        return CommandResult<ConfigBundle>.Ok(_bundle);
    }

    // The holdout is Orleans state, not a document; its audit trail is a Marten stream of its own like every other change.
    private async Task RecordHoldout(int basisPoints)
    {
        await using var session = store.LightweightSession();
        session.Events.Append(AuditStreams.Holdout, new HoldoutChanged(basisPoints, DateTimeOffset.UtcNow));
        Actors.Stamp(session);
        await session.SaveChangesAsync();
    }

    public Task<long> Subscribe(IConfigObserver observer)
    {
        _observers.Subscribe(observer, observer);
        return Task.FromResult(_bundle.Version);
    }

    public Task Unsubscribe(IConfigObserver observer)
    {
        _observers.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    // Validates before it takes a version, so a refused bundle leaves no gap in the versions services see.
    private async Task<bool> Publish()
    {
        var next = Build(state.State.Version + 1);
        var errors = ConfigBundleValidator.Validate(next);
        if (errors.Count > 0)
        {
            // Never hand services a bundle they cannot compile; keep serving the last good one and say why loudly.
            logger.LogError("The config after version {Version} is invalid and was not published: {Errors}",
                state.State.Version, string.Join("; ", errors));
            return false;
        }
        state.State.Version = next.Version;
        await state.WriteStateAsync();
        _bundle = next;
        _observers.Notify(o => o.ConfigChanged(next));
        Observability.DomainMeters.ConfigPushes.Add(1);
        Observability.DomainMeters.SetConfigVersion(next.Version);
        return true;
    }

    private ConfigBundle Build(long version) => new()
    {
        Version = version,
        HoldoutBasisPoints = state.State.HoldoutBasisPoints,
        Namespaces = _namespaces.Values.OrderBy(n => n.Key, StringComparer.Ordinal).ToArray(),
        Experiments = _experiments.Values.OrderBy(e => e.Key, StringComparer.Ordinal).ToArray(),
    };
}
