namespace Experimentation.Statistics.Reports;

/// <summary>One treatment against the control. Effects are treatment − control.</summary>
public sealed record ComparisonReport
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
    /// The p-value the badge is decided on (fixed-horizon in fixed_horizon mode, always-valid in sequential mode),
    /// adjusted across the family (the primary metrics × the treatments) by the correction; null outside the family.
    /// </summary>
    /// <example>0.0669</example>
    public double? AdjustedPValue { get; init; }

    /// <summary>CI of delta at 1 − alpha.</summary>
    public required IntervalReport ConfidenceInterval { get; init; }

    /// <summary>Relative lift delta/|controlMean|, as a fraction (0.072 is +7.2%), like every relative figure.</summary>
    /// <example>0.072</example>
    public required double? Lift { get; init; }

    /// <summary>Delta-method CI of the lift at 1 − alpha.</summary>
    public required IntervalReport LiftConfidenceInterval { get; init; }

    /// <summary>The mSPRT look: Λ, the always-valid p-value and the always-valid CI.</summary>
    public required SequentialReport Sequential { get; init; }

    /// <summary>The required sample size for the MDE and the underpowered verdict.</summary>
    public required PowerReport Power { get; init; }

    /// <summary>significant, not_significant, underpowered or srm_warning, in reverse order of precedence.</summary>
    /// <example>not_significant</example>
    public required SignificanceBadge Badge { get; init; }

    /// <summary>The novelty check: live, for mean and conversion metrics; absent in the analysis API.</summary>
    public NoveltyReport? Novelty { get; init; }

    /// <summary>The Bayesian chance to win, credible interval and risk: always live, in the analysis API with engine bayesian.</summary>
    public BayesianReport? Bayesian { get; init; }

    /// <summary>
    /// CUPED: present when the metric carries pre-exposure data (live: mean and conversion metrics; the analysis API:
    /// when every arm gives covariate sums). When applied, every number above is adjusted.
    /// </summary>
    public CupedReport? Cuped { get; init; }

    /// <summary>Present for a guardrail metric (live), or when options.guardrail was given (analysis API).</summary>
    public GuardrailReport? Guardrail { get; init; }
}

