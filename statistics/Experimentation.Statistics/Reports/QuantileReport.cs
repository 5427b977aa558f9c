namespace Experimentation.Statistics.Reports;

/// <summary>
/// One arm of a percentile metric: the estimate and GrowthBook's rank interval read from the arm's sketch. The arm's
/// <c>mean</c> is the estimate and its <c>variance</c> the per-unit variance the test uses.
/// </summary>
public sealed record QuantileReport
{
    /// <summary>The quantile level q (0.95 for p95).</summary>
    /// <example>0.95</example>
    public required double Quantile { get; init; }

    /// <summary>The estimate q̂, the value at rank ⌈q·n⌉ (within the sketch's 1%).</summary>
    /// <example>612.4</example>
    public required double? Estimate { get; init; }

    /// <summary>The value at rank ⌈q·n − z√(n·q(1 − q))⌉.</summary>
    /// <example>598.2</example>
    public required double? Lower { get; init; }

    /// <summary>The value at rank ⌈q·n + z√(n·q(1 − q))⌉.</summary>
    /// <example>627.9</example>
    public required double? Upper { get; init; }

    /// <summary>At event level, v_cluster/v_iid: how much several events per user inflate the variance; 1 at unit level.</summary>
    /// <example>1.41</example>
    public required double? DesignEffect { get; init; }
}
