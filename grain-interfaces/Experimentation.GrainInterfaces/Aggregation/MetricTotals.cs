namespace Experimentation.GrainInterfaces.Aggregation;

/// <summary>One metric's statistics over the exposed users of a variant.</summary>
/// <param name="Sums">The metric over each user's events since their first exposure.</param>
/// <param name="Novelty">
/// Per user (e, l): the metric's value over the user's events of exposure age in [0, E days), and over age ≥ E days,
/// with E the partial's <c>NoveltyEarlyDays</c>. Every exposed user is a unit. Kept for sum, count and conversion
/// metrics; empty for ratio, <c>avg</c> and percentile metrics.
/// </param>
/// <param name="Cuped">
/// Per user (y, x): the metric's value since first exposure, and over the experiment's CUPED pre-period before it (the
/// covariate). Every exposed user is a unit. Kept for the metrics with novelty moments; empty when CUPED is off.
/// </param>
/// <param name="Sketches">Percentile metrics: one DDSketch per UTC day, in day order; null for other metrics.</param>
/// <param name="RatioCuped">
/// Ratio and <c>avg</c> metrics with CUPED on: per user, with (M, D) the numerator and denominator since first exposure
/// (the pair in <see cref="Sums"/>) and (M', D') the same over the pre-period, the five pairs that complete the 4×4
/// moments of (M, D, M', D'), in <see cref="RatioCupedPairs"/> order. Null for other metrics and with CUPED off.
/// </param>
[GenerateSerializer, Immutable]
public sealed record MetricTotals([property: Id(0)] string MetricKey, [property: Id(1)] MetricSums Sums, [property: Id(2)] PairedSums Novelty,
    [property: Id(3)] PairedSums Cuped = default,
    [property: Id(4)] DaySketch[]? Sketches = null,
    [property: Id(5)] PairedSums[]? RatioCuped = null);
