namespace Experimentation.Statistics;

/// <summary>Settings for a two-arm analysis. The defaults are the platform's defaults.</summary>
public sealed record AnalysisOptions
{
    /// <summary>The shared defaults.</summary>
    public static AnalysisOptions Default { get; } = new();

    /// <summary>Significance level; CIs are at 1 − α.</summary>
    public double Alpha { get; init; } = 0.05;

    /// <summary>Welch–Satterthwaite (default) or n_T + n_C − 2.</summary>
    public DegreesOfFreedomMethod DegreesOfFreedom { get; init; } = DegreesOfFreedomMethod.Welch;

    /// <summary>Yates' correction for the conversion χ² (scipy's chi2_contingency default); off by default.</summary>
    public bool ContinuityCorrection { get; init; }

    /// <summary>The mSPRT mixing variance τ²; when null it is tuned from <see cref="NStar"/> at every look.</summary>
    public double? TauSquared { get; init; }

    /// <summary>N* for tuning τ² (total units at which the confidence sequence is tightest).</summary>
    public double NStar { get; init; } = MixtureSequentialTest.DefaultNStar;

    /// <summary>θ₀ of the mSPRT; non-zero for a non-inferiority test.</summary>
    public double NullEffect { get; init; }

    /// <summary>How <see cref="ExperimentAnalyzer"/> adjusts the family (primary metrics × treatments).</summary>
    public CorrectionMethod Correction { get; init; } = CorrectionMethod.BenjaminiHochberg;

    /// <summary>
    /// The experiment's minimum detectable effect, absolute on the metric's scale (a rate difference for
    /// conversions). Null disables the underpowered badge and the futility stop.
    /// </summary>
    public double? Mde { get; init; }

    /// <summary>Planned power 1 − β for the required sample size.</summary>
    public double Power { get; init; } = 0.8;

    /// <summary>SRM flagging threshold on the χ² p-value.</summary>
    public double SrmThreshold { get; init; } = SampleRatioMismatch.DefaultThreshold;

    /// <summary>Traffic weight of the control arm, for SRM.</summary>
    public double ControlWeight { get; init; } = 1;

    /// <summary>Traffic weight of the treatment arm, for SRM.</summary>
    public double TreatmentWeight { get; init; } = 1;

    /// <summary>
    /// Which p-value decides the badge. The engine's default is fixed_horizon, like GrowthBook's and Statsig's
    /// "sequential testing" switch being off; live experiments default to sequential (their definition decides).
    /// </summary>
    public DecisionMode DecisionMode { get; init; } = DecisionMode.FixedHorizon;
}
