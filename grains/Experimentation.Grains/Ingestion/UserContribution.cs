using Experimentation.GrainInterfaces.Aggregation;

namespace Experimentation.Grains.Ingestion;

/// <summary>One user's contribution to one metric: their value as a one-unit sum, and their (early, late) pair.</summary>
public readonly record struct UserContribution(MetricSums Sums, PairedSums Novelty);
