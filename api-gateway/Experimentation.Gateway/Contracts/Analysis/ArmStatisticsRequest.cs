namespace Experimentation.Gateway.Contracts.Analysis;

/// <summary>
/// One arm's sufficient statistics. Which fields are required depends on the metric type:
/// mean needs n with sum and sumSquares (or mean and variance); conversion needs n and conversions;
/// ratio needs n, sumNumerator, sumDenominator, sumNumeratorSquares, sumDenominatorSquares and sumProducts.
/// Fields for other metric types are ignored.
/// </summary>
public sealed record ArmStatisticsRequest
{
    /// <summary>The arm's name, unique within the request.</summary>
    /// <example>green</example>
    public string? Key { get; init; }

    /// <summary>True for the control arm. Without any true, the first arm is the control (unless it says false).</summary>
    /// <example>false</example>
    public bool? Control { get; init; }

    /// <summary>Units (users) in the arm; at least 1. An arm needs 2 for a variance.</summary>
    /// <example>10000</example>
    public long? N { get; init; }

    /// <summary>Mean metrics: Σx over the arm's units.</summary>
    /// <example>251234.5</example>
    public double? Sum { get; init; }

    /// <summary>Mean metrics: Σx². Must be at least sum²/n (a variance is never negative).</summary>
    /// <example>18765432.25</example>
    public double? SumSquares { get; init; }

    /// <summary>
    /// Mean metrics, instead of sum and sumSquares: the sample mean. Prefer mean and variance when values are large
    /// and close together, where Σx² − (Σx)²/n loses the variance's digits.
    /// </summary>
    /// <example>25.12345</example>
    public double? Mean { get; init; }

    /// <summary>Mean metrics, with mean: the sample variance (n − 1 in the denominator), at least 0.</summary>
    /// <example>1245.8</example>
    public double? Variance { get; init; }

    /// <summary>Conversion metrics: converted units, between 0 and n.</summary>
    /// <example>1180</example>
    public long? Conversions { get; init; }

    /// <summary>Ratio metrics: ΣM, the numerator summed over units.</summary>
    /// <example>52310.4</example>
    public double? SumNumerator { get; init; }

    /// <summary>Ratio metrics: ΣD, the denominator summed over units.</summary>
    /// <example>30125</example>
    public double? SumDenominator { get; init; }

    /// <summary>Ratio metrics: ΣM², at least ΣM²/n.</summary>
    /// <example>1893211.7</example>
    public double? SumNumeratorSquares { get; init; }

    /// <summary>Ratio metrics: ΣD², at least ΣD²/n.</summary>
    /// <example>121480</example>
    public double? SumDenominatorSquares { get; init; }

    /// <summary>Ratio metrics: ΣMD, the per-unit products.</summary>
    /// <example>221034.9</example>
    public double? SumProducts { get; init; }

    /// <summary>Percentile metrics: the quantile estimate and its rank interval over the arm's n values.</summary>
    public QuantileArmRequest? Quantile { get; init; }

    /// <summary>
    /// Mean and conversion metrics: the CUPED covariate (the metric over a pre-period). Give it on every arm or on none;
    /// with it, every comparison is CUPED-adjusted and carries a cuped section.
    /// </summary>
    public CovariateRequest? Covariate { get; init; }

    /// <summary>
    /// Ratio metrics: the CUPED covariate (the numerator and denominator over a pre-period) as sums. Give it on every arm
    /// or on none; with it, every comparison is CUPED-adjusted by gbstats' regression-adjusted ratio.
    /// </summary>
    public RatioCovariateRequest? RatioCovariate { get; init; }

    /// <summary>Traffic weight for SRM, positive; give it on every arm or on none (none means an equal split).</summary>
    /// <example>1</example>
    public double? Weight { get; init; }
}
