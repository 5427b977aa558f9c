using Experimentation.Assignment;
using Experimentation.GrainInterfaces.Experiments;
using Experimentation.GrainInterfaces.Namespaces;

namespace Experimentation.Grains.Config;

/// <summary>Maps lifecycle state to what the assignment function reads.</summary>
public static class BundleMapping
{
    /// <summary>
    /// Running and paused experiments are in the bundle (paused ones assign nobody); others are not, and neither is the
    /// global holdout's analysis, which nobody is assigned to (the holdout itself is the bundle's holdout share).
    /// </summary>
    public static bool BelongsInBundle(string key, ExperimentStatus status) =>
        status is ExperimentStatus.Running or ExperimentStatus.Paused && key != Assignment.GlobalHoldout.ExperimentKey;

    public static ExperimentConfig ToConfig(ExperimentView e) => new()
    {
        Key = e.Key,
        Namespace = e.Definition.Namespace?.Key,
        SlotStart = e.Slots?.Start ?? 0,
        SlotEnd = e.Slots?.End ?? 0,
        TrafficBasisPoints = (int)Math.Round(e.Definition.TrafficPercent * 100, MidpointRounding.AwayFromZero),
        IsRunning = e.Status == ExperimentStatus.Running,
        Variants = e.Definition.Variants.Select(v => new VariantConfig { Key = v.Key, Weight = v.Weight, ConfigJson = v.Config }).ToArray(),
    };

    public static NamespaceConfig ToConfig(NamespaceView ns) => new() { Key = ns.Key, Salt = ns.Salt, TotalSlots = ns.TotalSlots };
}
