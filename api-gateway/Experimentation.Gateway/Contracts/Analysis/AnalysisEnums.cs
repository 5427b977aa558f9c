namespace Experimentation.Gateway.Contracts.Analysis;

/// <summary>The kind of metric whose sufficient statistics an analysis request carries.</summary>
public enum AnalysisMetricType
{
    /// <summary>A per-unit mean (revenue per user): n, Σx and Σx² (or mean and variance). Welch's t-test.</summary>
    Mean,

    /// <summary>A share of units that converted: n and conversions. The 2×2 χ² test.</summary>
    Conversion,

    /// <summary>ΣM/ΣD with units as the randomisation unit (revenue per session): the delta method and Welch's t-test.</summary>
    Ratio,

    /// <summary>A quantile (p95 latency): each arm's n, estimate and rank interval. Welch's t on order-statistics standard errors.</summary>
    Percentile,
}

/// <summary>How p-values are adjusted across the treatments of one request.</summary>
public enum CorrectionOption
{
    /// <summary>Benjamini–Hochberg (false discovery rate), the default.</summary>
    Bh,

    /// <summary>Holm (family-wise error rate).</summary>
    Holm,

    /// <summary>No adjustment: the adjusted p-value equals the raw one.</summary>
    None,
}

/// <summary>Whether an MDE is a fraction of the baseline or an amount on the metric's own scale.</summary>
public enum MdeType
{
    /// <summary>A fraction of the control (baseline) mean or rate: 0.02 is a 2% lift. The default, as in GrowthBook and Statsig.</summary>
    Relative,

    /// <summary>On the metric's scale: 0.5 dollars per user, or 0.01 as one percentage point of conversion.</summary>
    Absolute,
}

/// <summary>Which comparison the answer carries besides the frequentist one.</summary>
public enum AnalysisEngine
{
    /// <summary>The frequentist tests only (the default).</summary>
    Frequentist,

    /// <summary>The frequentist tests and, in each comparison, gbstats' Bayesian chance to win, credible interval and risk.</summary>
    Bayesian,
}

/// <summary>The scale of the Bayesian posterior's effect.</summary>
public enum BayesianEffectScale
{
    /// <summary>(treatment − control)/|control|, the default.</summary>
    Relative,

    /// <summary>treatment − control.</summary>
    Absolute,
}
