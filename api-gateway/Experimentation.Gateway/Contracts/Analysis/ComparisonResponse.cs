using Experimentation.Statistics;

namespace Experimentation.Gateway.Contracts.Analysis;

/// <summary>One treatment against the control. Effects are treatment − control.</summary>
public sealed record ComparisonResponse
{
    /// <summary>The treatment arm's key.</summary>
    /// <example>green</example>
    public required string Treatment { get; init; }

    /// <summary>The control arm's key.</summary>
    /// <example>control</example>
    public required string Control { get; init; }

    /// <summary>
    /// Null, or why some fixed-horizon numbers are null: too_few_units, zero_variance, no_conversions, all_converted,
    /// zero_denominator, invalid_input; zero_baseline (only lift and its CI are null); overflow (a value is beyond
    /// ±1.8e308).
    /// </summary>
    /// <example>null</example>
    public required string? Error { get; init; }

    /// <summary>The control's mean, rate or ratio.</summary>
    /// <example>0.118</example>
    public required double? ControlMean { get; init; }

    /// <summary>The treatment's mean, rate or ratio.</summary>
    /// <example>0.1265</example>
    public required double? TreatmentMean { get; init; }

    /// <summary>treatmentMean − controlMean.</summary>
    /// <example>0.0085</example>
    public required double? Delta { get; init; }

    /// <summary>The unpooled standard error of delta.</summary>
    /// <example>0.00464</example>
    public required double? StandardError { get; init; }

    /// <summary>t for mean and ratio metrics, χ² for conversions (see statisticName).</summary>
    /// <example>3.356</example>
    public required double? Statistic { get; init; }

    /// <summary>t or chi_squared.</summary>
    /// <example>chi_squared</example>
    public required string StatisticName { get; init; }

    /// <summary>The t-test's degrees of freedom; 1 for χ².</summary>
    /// <example>1</example>
    public required double? DegreesOfFreedom { get; init; }

    /// <summary>Two-sided fixed-horizon p-value.</summary>
    /// <example>0.0669</example>
    public required double? PValue { get; init; }

    /// <summary>
    /// The p-value the badge is decided on (fixed-horizon, or always-valid with sequentialBadge), adjusted across the
    /// request's treatments by the correction.
    /// </summary>
    /// <example>0.0669</example>
    public required double? AdjustedPValue { get; init; }

    /// <summary>CI of delta at 1 − alpha.</summary>
    public required IntervalResponse ConfidenceInterval { get; init; }

    /// <summary>Relative lift delta/|controlMean|.</summary>
    /// <example>0.072</example>
    public required double? Lift { get; init; }

    /// <summary>Delta-method CI of the lift at 1 − alpha.</summary>
    public required IntervalResponse LiftConfidenceInterval { get; init; }

    /// <summary>The mSPRT look: Λ, the always-valid p-value and the always-valid CI.</summary>
    public required SequentialResponse Sequential { get; init; }

    /// <summary>The required sample size for the MDE and the underpowered verdict.</summary>
    public required PowerCheckResponse Power { get; init; }

    /// <summary>significant, not_significant, underpowered or srm_warning, in reverse order of precedence.</summary>
    /// <example>not_significant</example>
    public required SignificanceBadge Badge { get; init; }

    /// <summary>Present when options.guardrail was given.</summary>
    public GuardrailResponse? Guardrail { get; init; }
}

/// <summary>The mSPRT (always-valid) side of a comparison at one look.</summary>
public sealed record SequentialResponse
{
    /// <summary>Null, or why this look has no Λ (the error of the test, or overflow when Λ exceeds ±1.8e308).</summary>
    /// <example>null</example>
    public required string? Error { get; init; }

    /// <summary>The mixing variance τ² used.</summary>
    /// <example>0.0000158</example>
    public required double? Tau2 { get; init; }

    /// <summary>ln Λ, finite even where Λ overflows.</summary>
    /// <example>1.21</example>
    public required double? LogLambda { get; init; }

    /// <summary>The mixture likelihood ratio Λ; efficacy when it reaches 1/alpha.</summary>
    /// <example>3.35</example>
    public required double? Lambda { get; init; }

    /// <summary>This look's min(1, 1/Λ).</summary>
    /// <example>0.298</example>
    public required double? PValue { get; init; }

    /// <summary>The running minimum of pValue over the looks: 1 before any look.</summary>
    /// <example>0.298</example>
    public required double? AlwaysValidPValue { get; init; }

    /// <summary>This look's confidence-sequence interval.</summary>
    public required IntervalResponse ConfidenceInterval { get; init; }

    /// <summary>The running intersection of the intervals; a null bound is unbounded (no look yet).</summary>
    public required IntervalResponse AlwaysValidConfidenceInterval { get; init; }

    /// <summary>Always-valid p below alpha.</summary>
    /// <example>false</example>
    public required bool StopForEfficacy { get; init; }

    /// <summary>The always-valid CI lies inside (−MDE, +MDE).</summary>
    /// <example>false</example>
    public required bool StopForFutility { get; init; }
}

/// <summary>The power check against the MDE.</summary>
public sealed record PowerCheckResponse
{
    /// <summary>Null, or why there is no required sample size: no_mde, zero_baseline (relative MDE), too_few_units.</summary>
    /// <example>null</example>
    public required string? Error { get; init; }

    /// <summary>The MDE on the metric's scale that the sample size is for.</summary>
    /// <example>0.0059</example>
    public required double? MdeAbsolute { get; init; }

    /// <summary>n per arm to detect the MDE at the planned power, from the control's variance.</summary>
    /// <example>47098</example>
    public required long? RequiredSampleSizePerArm { get; init; }

    /// <summary>The smaller of the two arms is below the required n.</summary>
    /// <example>true</example>
    public required bool Underpowered { get; init; }
}
