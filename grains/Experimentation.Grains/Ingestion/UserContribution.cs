using Experimentation.GrainInterfaces.Aggregation;

namespace Experimentation.Grains.Ingestion;

/// <summary>
/// One user's contribution to one metric: their value as a one-unit sum, their (early, late) pair, and their (value,
/// pre-period value) pair for CUPED, or for a ratio metric the pairs of <see cref="RatioCupedPairs"/>.
/// </summary>
/// <param name="Percentiles">
/// A percentile metric's values with their sketch day: every post-exposure event (event level) or the user's value on
/// their first exposure day (unit level); null for other metrics.
/// </param>
/// <param name="RatioCuped">A ratio or avg metric's CUPED pairs (<see cref="RatioCupedPairs"/>); null with CUPED off.</param>
public readonly record struct UserContribution(MetricSums Sums, PairedSums Novelty, PairedSums Cuped = default,
    PercentileValue[]? Percentiles = null, PairedSums[]? RatioCuped = null);

/// <summary>One value of a percentile metric and the UTC day of the sketch it goes to.</summary>
public readonly record struct PercentileValue(DateOnly Day, double Value);
