using Experimentation.GrainInterfaces.Experiments;
using Experimentation.GrainInterfaces.Metrics;
using Experimentation.GrainInterfaces.Namespaces;

namespace Experimentation.Grains.Experiments.Checks;

/// <summary>Everything the pre-launch checks read, gathered by the experiment grain so the checks stay pure.</summary>
/// <param name="PrimaryMetric">The registry's definition of the first primary metric; null without one.</param>
/// <param name="Recent">The primary metric's recent data; null when there is none (or it is a ratio or percentile).</param>
/// <param name="Namespace">The namespace the definition claims slots in, as it is now; null without one.</param>
public sealed record PreLaunchInputs(
    string Key,
    ExperimentDefinition Definition,
    MetricDefinition? PrimaryMetric,
    RecentBaseline? Recent,
    NamespaceView? Namespace);
