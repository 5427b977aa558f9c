using Experimentation.GrainInterfaces.Metrics;

namespace Experimentation.Grains.Ingestion;

/// <summary>What a shard needs to know about an experiment to fold its users: its variants and bound metrics.</summary>
/// <remarks>Both are fixed once an experiment leaves draft, which is what makes a replay of the log deterministic.</remarks>
public sealed record ExperimentPlan(string Key, bool IsRunning, string[] Variants, MetricDefinition[] Metrics);
