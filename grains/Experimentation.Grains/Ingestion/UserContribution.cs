using Experimentation.GrainInterfaces.Aggregation;

namespace Experimentation.Grains.Ingestion;

/// <summary>
/// One user's contribution to one metric: their value as a one-unit sum, their (early, late) pair, and their (value,
/// pre-period value) pair for CUPED.
/// </summary>
public readonly record struct UserContribution(MetricSums Sums, PairedSums Novelty, PairedSums Cuped = default);
