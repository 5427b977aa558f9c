using Experimentation.GrainInterfaces.Experiments;
using Experimentation.GrainInterfaces.Metrics;

namespace Experimentation.Grains.Ingestion;

/// <summary>What a shard needs to know about an experiment to fold its users.</summary>
/// <remarks>
/// The variants and metrics are fixed once an experiment leaves draft, which is what makes a replay of the log
/// deterministic. <see cref="NoveltyEarlyDays"/> is E, derived from <see cref="Window"/> and the clock; it grows with
/// a window that has no end date, and the shard then refolds the experiment's novelty moments.
/// </remarks>
/// <param name="CupedPreDays">CUPED's pre-period in days before each user's first exposure; 0 is off.</param>
public sealed record ExperimentPlan(string Key, bool IsRunning, string[] Variants, MetricDefinition[] Metrics,
    ExperimentWindow Window, int NoveltyEarlyDays, int CupedPreDays = ExperimentDefinition.DefaultCupedPreDays);
