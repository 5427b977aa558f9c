using Experimentation.Gateway.Contracts.Analysis;

namespace Experimentation.Gateway.Contracts.Power;

/// <summary>
/// The body of POST /api/power. Give mde for the required sample size, sampleSizePerArm for the detectable effect,
/// or both (then the power at that n is returned too).
/// </summary>
public sealed record PowerRequest
{
    /// <summary>mean, conversion or ratio (a ratio is planned like a mean, with its delta-method standard deviation).</summary>
    /// <example>conversion</example>
    public AnalysisMetricType? MetricType { get; init; }

    /// <summary>Mean and ratio metrics: the control's expected mean.</summary>
    /// <example>25</example>
    public double? BaselineMean { get; init; }

    /// <summary>Mean and ratio metrics: the per-unit standard deviation, positive.</summary>
    /// <example>40</example>
    public double? StandardDeviation { get; init; }

    /// <summary>Conversion metrics: the control's expected rate, strictly between 0 and 1.</summary>
    /// <example>0.12</example>
    public double? BaselineRate { get; init; }

    /// <summary>
    /// The effect to detect, relative to the baseline by default. Non-zero; its sign only matters with twoRates,
    /// where a negative MDE plans for a drop in the rate.
    /// </summary>
    /// <example>0.05</example>
    public double? Mde { get; init; }

    /// <summary>relative (default: 0.05 is 5% of the baseline) or absolute.</summary>
    /// <example>relative</example>
    public MdeType? MdeType { get; init; }

    /// <summary>Significance level, strictly between 0 and 1. Defaults to 0.05.</summary>
    /// <example>0.05</example>
    public double? Alpha { get; init; }

    /// <summary>Power 1 − β, strictly between 0 and 1. Defaults to 0.8.</summary>
    /// <example>0.8</example>
    public double? Power { get; init; }

    /// <summary>For the reverse question: the MDE detectable with this many units per arm.</summary>
    /// <example>20000</example>
    public long? SampleSizePerArm { get; init; }

    /// <summary>Number of arms for the total, at least 2. Defaults to 2.</summary>
    /// <example>2</example>
    public int? Arms { get; init; }

    /// <summary>
    /// Conversion metrics: use p₁(1 − p₁) + p₂(1 − p₂) with p₂ = baseline + MDE instead of 2p₁(1 − p₁). Off by default.
    /// </summary>
    /// <example>false</example>
    public bool? TwoRates { get; init; }
}
