using Experimentation.Assignment;
using Experimentation.GrainInterfaces.Experiments;
using Experimentation.GrainInterfaces.Namespaces;
using Orleans.Concurrency;

namespace Experimentation.GrainInterfaces.Config;

/// <summary>
/// The versioned bundle of every running or paused experiment, the namespaces and the global holdout: what services
/// assign from. Every lifecycle change bumps the version and is pushed to subscribers.
/// </summary>
public interface IConfigGrain : IGrainWithIntegerKey
{
    /// <summary>The single config grain's key.</summary>
    const long Key = 0;

    /// <summary>The largest global holdout <see cref="SetHoldout"/> accepts, in basis points (5,000 = 50 %).</summary>
    const int MaxHoldoutBasisPoints = 5_000;

    /// <summary>Basis points in one percent, the unit the HTTP API takes the holdout in.</summary>
    const int BasisPointsPerPercent = AssignmentLimits.BasisPointsScale / 100;

    /// <summary>Why a holdout beyond the limit is refused, in that unit; the gateway and the grain say it alike.</summary>
    static string HoldoutOutOfRange => $"must be between 0 and {MaxHoldoutBasisPoints / BasisPointsPerPercent}";

    [AlwaysInterleave]
    Task<ConfigBundle> Get();

    Task ExperimentChanged(ExperimentView experiment);

    Task NamespaceChanged(NamespaceView ns);

    /// <summary>Sets the share of users who see no experiment in any layer, in basis points (100 = 1%).</summary>
    Task<CommandResult<ConfigBundle>> SetHoldout(int basisPoints);

    /// <summary>
    /// Subscribes, or renews a subscription, and returns the current version. Subscriptions expire after
    /// <see cref="SubscriptionLifetime"/>, and a reactivated grain (after its silo was lost) has none, so subscribers
    /// renew well before; a version above the one they hold tells them they missed a push, and they read the bundle.
    /// </summary>
    Task<long> Subscribe(IConfigObserver observer);

    Task Unsubscribe(IConfigObserver observer);

    static readonly TimeSpan SubscriptionLifetime = TimeSpan.FromMinutes(5);
}
