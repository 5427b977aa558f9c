namespace Experimentation.GrainInterfaces.Experiments;

/// <summary>Everything a team specifies about an experiment while it is a draft.</summary>
/// <param name="Namespace">Null when the experiment is its own layer.</param>
/// <param name="TrafficPercent">Share of eligible users who enter the experiment, 0–100.</param>
/// <param name="Mde">Minimum detectable effect (relative, e.g. 0.02 = 2%) used for the underpowered verdict.</param>
[GenerateSerializer, Immutable]
public sealed record ExperimentDefinition(
    string Name,
    string Hypothesis,
    ExperimentType Type,
    string OwnerTeam,
    NamespaceClaim? Namespace,
    VariantDefinition[] Variants,
    double TrafficPercent,
    DateTimeOffset? StartDate,
    DateTimeOffset? EndDate,
    MetricBinding[] Metrics,
    double? Mde);
