using Experimentation.GrainInterfaces.Experiments;
using Experimentation.Statistics;

namespace Experimentation.Gateway.Contracts.Analysis;

/// <summary>Settings of the analysis; each is optional.</summary>
public sealed record AnalysisOptionsRequest
{
    /// <summary>Degrees of freedom of the t-test: welch (default) or pooled (n_T + n_C − 2, the SE stays Welch's).</summary>
    /// <example>welch</example>
    public DegreesOfFreedomMethod? DfMethod { get; init; }

    /// <summary>Conversion metrics: Yates' continuity correction, as scipy's chi2_contingency default. Off by default.</summary>
    /// <example>false</example>
    public bool? ContinuityCorrection { get; init; }

    /// <summary>The mSPRT's mixing variance: a fixed tau2, or nStar to tune it (the default, nStar 5000).</summary>
    public SequentialOptionsRequest? Sequential { get; init; }

    /// <summary>Adjustment across the treatments: bh (default), holm or none.</summary>
    /// <example>bh</example>
    public CorrectionOption? Correction { get; init; }

    /// <summary>Minimum detectable effect, positive: the required sample size, the underpowered badge and futility.</summary>
    /// <example>0.05</example>
    public double? Mde { get; init; }

    /// <summary>Whether mde is relative to the control (default) or absolute on the metric's scale.</summary>
    /// <example>relative</example>
    public MdeType? MdeType { get; init; }

    /// <summary>Planned power for the required sample size, strictly between 0 and 1. Defaults to 0.8.</summary>
    /// <example>0.8</example>
    public double? Power { get; init; }

    /// <summary>
    /// Which p-value decides the badge: fixed_horizon (the default here; underpowered until the planned sample size is
    /// reached) or sequential (the always-valid p, significant at any sample size). Live experiments default to
    /// sequential.
    /// </summary>
    /// <example>fixed_horizon</example>
    public Statistics.DecisionMode? DecisionMode { get; init; }

    /// <summary>The older spelling of decisionMode: true is sequential, false fixed_horizon.</summary>
    /// <example>false</example>
    public bool? SequentialBadge { get; init; }

    /// <summary>Settings of the Bayesian comparison, used with engine bayesian.</summary>
    public BayesianOptionsRequest? Bayesian { get; init; }

    /// <summary>Judge the metric as a guardrail: a breach needs the degradation and always-valid evidence.</summary>
    public GuardrailOptionsRequest? Guardrail { get; init; }
}

/// <summary>How the mSPRT mixing variance τ² is chosen; give tau2 or nStar, not both.</summary>
public sealed record SequentialOptionsRequest
{
    /// <summary>A fixed mixing variance τ², positive.</summary>
    /// <example>0.01</example>
    public double? Tau2 { get; init; }

    /// <summary>Total units N* at which the confidence sequence is tightest; τ² is re-tuned at every look. Default 5000.</summary>
    /// <example>5000</example>
    public double? NStar { get; init; }

    /// <summary>θ₀, the effect under the null; non-zero for a non-inferiority test. Absolute, default 0.</summary>
    /// <example>0</example>
    public double? NullEffect { get; init; }
}

/// <summary>Guardrail judgement of the metric.</summary>
public sealed record GuardrailOptionsRequest
{
    /// <summary>Which way is good: higher_better or lower_better.</summary>
    /// <example>higher_better</example>
    public MetricDirection? Direction { get; init; }

    /// <summary>Tolerated relative change in the harmful direction, at least 0. Defaults to 0.05.</summary>
    /// <example>0.05</example>
    public double? MaxDegradation { get; init; }
}

/// <summary>The Bayesian comparison's settings (gbstats' EffectBayesianABTest); each is optional.</summary>
public sealed record BayesianOptionsRequest
{
    /// <summary>The posterior's effect: relative (default) or absolute.</summary>
    /// <example>relative</example>
    public BayesianEffectScale? EffectScale { get; init; }

    /// <summary>A normal prior on the relative effect; omitted, the improper flat prior (gbstats' default).</summary>
    public NormalPriorRequest? Prior { get; init; }

    /// <summary>Which way wins: higher_better (the default, also when unknown) or lower_better; else the guardrail's.</summary>
    /// <example>higher_better</example>
    public MetricDirection? Direction { get; init; }
}

/// <summary>A proper normal prior N(mean, variance) on the relative effect; rescaled by the control mean for absolute effects.</summary>
public sealed record NormalPriorRequest
{
    /// <summary>The prior mean of the relative effect, finite. Defaults to 0.</summary>
    /// <example>0</example>
    public double? Mean { get; init; }

    /// <summary>The prior variance, positive; required.</summary>
    /// <example>0.09</example>
    public double? Variance { get; init; }
}
