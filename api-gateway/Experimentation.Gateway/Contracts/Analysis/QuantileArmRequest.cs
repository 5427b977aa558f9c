namespace Experimentation.Gateway.Contracts.Analysis;

/// <summary>
/// One arm of a percentile metric, as a warehouse computes GrowthBook's quantile test over the arm's n values: the
/// quantile level, the estimate, and the values at the ranks ⌈q·n ∓ z√(n·q(1 − q))⌉ with z = 1.96 (live results show
/// the same numbers in each arm's quantile).
/// </summary>
public sealed record QuantileArmRequest
{
    /// <summary>q in (0, 1), the same on every arm: 0.95 for p95.</summary>
    /// <example>0.95</example>
    public double? Quantile { get; init; }

    /// <summary>q̂, the value at rank ⌈q·n⌉.</summary>
    /// <example>612.4</example>
    public double? Estimate { get; init; }

    /// <summary>The value at rank ⌈q·n − z√(n·q(1 − q))⌉, at most the estimate.</summary>
    /// <example>598.2</example>
    public double? Lower { get; init; }

    /// <summary>The value at rank ⌈q·n + z√(n·q(1 − q))⌉, at least the estimate.</summary>
    /// <example>627.9</example>
    public double? Upper { get; init; }

    /// <summary>
    /// Event level (n counts events, several per user): v_cluster/v_iid, the delta-method variance of the share of
    /// events below the estimate over users divided by q(1 − q)/n. Omitted: 1 (independent values).
    /// </summary>
    /// <example>1.41</example>
    public double? DesignEffect { get; init; }
}
