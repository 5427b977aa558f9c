using System.Collections.Frozen;
using System.Runtime.CompilerServices;

namespace Experimentation.Assignment;

/// <summary>
/// An immutable, compiled <see cref="ConfigBundle"/> and the pure assignment function over it. Safe to share
/// between threads; a new bundle version means a new snapshot, swapped in by reference.
/// </summary>
/// <remarks>
/// Decision order, identical in every entry point: user id valid → slot (namespace hash) inside the
/// experiment's range → not in the global holdout → traffic bucket (experiment hash, high word) below its share →
/// variant (same hash, low word) by cumulative weight. See docs/assignment.md. The slot comes before the holdout
/// because it is the cheapest rejection: an experiment owning 5 % of a layer turns 95 % of users away after one
/// hash. The order only decides which reason a default reports, never who gets a variant.
/// Lookups go through span-keyed alternate lookups over frozen dictionaries and the user id is encoded once into
/// a stack buffer, so no call allocates.
/// </remarks>
public sealed class AssignmentSnapshot
{
    private readonly FrozenDictionary<string, CompiledExperiment> _experiments;
    private readonly FrozenDictionary<string, CompiledExperiment>.AlternateLookup<ReadOnlySpan<char>> _experimentsBySpan;
    private readonly FrozenDictionary<string, CompiledNamespace> _namespaces;
    private readonly FrozenDictionary<string, CompiledNamespace>.AlternateLookup<ReadOnlySpan<char>> _namespacesBySpan;
    private readonly CompiledNamespace[] _layers;
    private readonly CompiledExperiment[] _ownLayerExperiments;
    private readonly byte[] _holdoutPrefix;

    private AssignmentSnapshot(ConfigBundle bundle)
    {
        Bundle = bundle;
        HoldoutBasisPoints = bundle.HoldoutBasisPoints;
        _holdoutPrefix = SaltEncoding.CreatePrefix(bundle.HoldoutSalt);

        _layers = (bundle.Namespaces ?? []).Select(ns => new CompiledNamespace(ns)).ToArray();
        _namespaces = _layers.ToFrozenDictionary(ns => ns.Key, StringComparer.Ordinal);
        _namespacesBySpan = _namespaces.GetAlternateLookup<ReadOnlySpan<char>>();

        var experiments = new List<CompiledExperiment>();
        foreach (var config in bundle.Experiments ?? [])
        {
            var layer = config.Namespace is null ? null : _namespaces[config.Namespace];
            var experiment = new CompiledExperiment(config, layer);
            if (experiment.IsRunning)
                layer?.Claim(experiment);
            experiments.Add(experiment);
        }
        _experiments = experiments.ToFrozenDictionary(e => e.Key, StringComparer.Ordinal);
        _experimentsBySpan = _experiments.GetAlternateLookup<ReadOnlySpan<char>>();
        _ownLayerExperiments = experiments.Where(e => e.Layer is null && e.IsRunning).ToArray();
    }

    /// <summary>A snapshot with nothing in it: every call returns a default.</summary>
    public static AssignmentSnapshot Empty { get; } = new(new ConfigBundle());

    /// <summary>The bundle this snapshot was compiled from.</summary>
    public ConfigBundle Bundle { get; }

    public long Version => Bundle.Version;

    public int HoldoutBasisPoints { get; }

    public IReadOnlyCollection<string> ExperimentKeys => _experiments.Keys;

    public IReadOnlyCollection<string> NamespaceKeys => _namespaces.Keys;

    /// <summary>Independent layers a user can be assigned in at once: namespaces plus running experiments without one.</summary>
    public int LayerCount => _layers.Length + _ownLayerExperiments.Length;

    /// <summary>Validates and compiles a bundle; throws <see cref="ConfigBundleException"/> listing every problem.</summary>
    public static AssignmentSnapshot Compile(ConfigBundle bundle)
    {
        var errors = ConfigBundleValidator.Validate(bundle);
        if (errors.Count > 0)
            throw new ConfigBundleException(errors);
        return new AssignmentSnapshot(bundle);
    }

    /// <summary>The user's variant in one experiment, or a default with the reason there is none. Never throws.</summary>
    [SkipLocalsInit]
    public AssignmentResult Assign(ReadOnlySpan<char> experimentKey, ReadOnlySpan<char> userId)
    {
        if (!_experimentsBySpan.TryGetValue(experimentKey, out var experiment))
            return AssignmentResult.Default(AssignmentReason.UnknownExperiment);
        if (!experiment.IsRunning)
            return AssignmentResult.Default(AssignmentReason.ExperimentNotRunning, experiment.Key);

        Span<byte> buffer = stackalloc byte[SaltedUserKey.BufferSize];
        if (!SaltedUserKey.TryCreate(userId, buffer, out var user))
            return AssignmentResult.Default(AssignmentReason.InvalidUserId, experiment.Key);

        int slot = -1;
        if (experiment.Layer is { } layer)
        {
            slot = AssignmentHash.Reduce(user.Hash(layer.SaltPrefix), layer.TotalSlots);
            if (slot < experiment.SlotStart || slot >= experiment.SlotEnd)
                return AssignmentResult.Default(AssignmentReason.OutsideExperimentSlots, experiment.Key, slot);
        }
        if (IsHeldOut(user))
            return AssignmentResult.Default(AssignmentReason.GlobalHoldout, experiment.Key, slot);
        return experiment.Decide(user.Hash(experiment.SaltPrefix), slot);
    }

    /// <summary>The user's experiment and variant in one namespace (layer), or a default with the reason. Never throws.</summary>
    [SkipLocalsInit]
    public AssignmentResult AssignInLayer(ReadOnlySpan<char> namespaceKey, ReadOnlySpan<char> userId)
    {
        if (!_namespacesBySpan.TryGetValue(namespaceKey, out var layer))
            return AssignmentResult.Default(AssignmentReason.UnknownNamespace);

        Span<byte> buffer = stackalloc byte[SaltedUserKey.BufferSize];
        if (!SaltedUserKey.TryCreate(userId, buffer, out var user))
            return AssignmentResult.Default(AssignmentReason.InvalidUserId);
        return AssignInLayer(layer, user, checkHoldout: true);
    }

    /// <summary>
    /// Writes the user's assignment in every layer where they get a variant (defaults are left out) and returns
    /// how many were written. <paramref name="destination"/> must hold at least <see cref="LayerCount"/> items.
    /// An invalid or held-out user gets none; the holdout is checked once, up front, since every layer needs it.
    /// Layers come first in bundle order, then experiments without one.
    /// </summary>
    [SkipLocalsInit]
    public int AssignAll(ReadOnlySpan<char> userId, Span<AssignmentResult> destination)
    {
        if (destination.Length < LayerCount)
            throw new ArgumentException($"The destination holds {destination.Length} results; {LayerCount} layers need room.", nameof(destination));

        Span<byte> buffer = stackalloc byte[SaltedUserKey.BufferSize];
        if (!SaltedUserKey.TryCreate(userId, buffer, out var user) || IsHeldOut(user))
            return 0;

        int count = 0;
        foreach (var layer in _layers)
        {
            var result = AssignInLayer(layer, user, checkHoldout: false);
            if (result.IsAssigned)
                destination[count++] = result;
        }
        foreach (var experiment in _ownLayerExperiments)
        {
            var result = experiment.Decide(user.Hash(experiment.SaltPrefix), -1);
            if (result.IsAssigned)
                destination[count++] = result;
        }
        return count;
    }

    /// <summary>
    /// The user's global holdout membership alone, for holdout analysis: a held-out user gets no variant anywhere,
    /// but a default reports <see cref="AssignmentReason.GlobalHoldout"/> only when no cheaper reason came first.
    /// False for an invalid user id.
    /// </summary>
    [SkipLocalsInit]
    public bool IsInGlobalHoldout(ReadOnlySpan<char> userId)
    {
        Span<byte> buffer = stackalloc byte[SaltedUserKey.BufferSize];
        return SaltedUserKey.TryCreate(userId, buffer, out var user) && IsHeldOut(user);
    }

    // checkHoldout is false when the caller (AssignAll) has already ruled the holdout out for this user.
    private AssignmentResult AssignInLayer(CompiledNamespace layer, SaltedUserKey user, bool checkHoldout)
    {
        int slot = AssignmentHash.Reduce(user.Hash(layer.SaltPrefix), layer.TotalSlots);
        var owner = layer.SlotOwners[slot];
        if (owner is null)
            return AssignmentResult.Default(AssignmentReason.NotInAnyExperiment, null, slot);
        if (checkHoldout && IsHeldOut(user))
            return AssignmentResult.Default(AssignmentReason.GlobalHoldout, owner.Key, slot);
        return owner.Decide(user.Hash(owner.SaltPrefix), slot);
    }

    // A zero share skips the holdout hash entirely rather than paying for a hash that can never hold anyone out.
    private bool IsHeldOut(SaltedUserKey user) =>
        HoldoutBasisPoints > 0
        && AssignmentHash.Reduce(user.Hash(_holdoutPrefix), AssignmentLimits.BasisPointsScale) < HoldoutBasisPoints;
}
