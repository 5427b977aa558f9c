namespace Experimentation.Statistics.Reports;

/// <summary>What the test used of one arm for one metric.</summary>
public sealed record ArmReport
{
    /// <summary>The arm's key.</summary>
    /// <example>control</example>
    public required string Key { get; init; }

    /// <summary>True for the control arm (listed first).</summary>
    /// <example>true</example>
    public required bool Control { get; init; }

    /// <summary>Units in the arm. Live, every exposed user is a unit of every metric, so this equals the exposures.</summary>
    /// <example>10000</example>
    public required long N { get; init; }

    /// <summary>The mean, the conversion rate or the ratio ΣM/ΣD.</summary>
    /// <example>0.118</example>
    public required double? Mean { get; init; }

    /// <summary>Per-unit variance: sample variance, p(1 − p), or the ratio's delta-method variance.</summary>
    /// <example>0.104076</example>
    public required double? Variance { get; init; }

    /// <summary>Percentile metrics: the estimate and the rank interval it was read from.</summary>
    public QuantileReport? Quantile { get; init; }

    /// <summary>The CUPED covariate's moments, when the metric has pre-exposure data (see the comparisons' cuped).</summary>
    public CovariateReport? Covariate { get; init; }

    /// <summary>The SRM weight used (1 when none was given).</summary>
    /// <example>1</example>
    public required double Weight { get; init; }
}
