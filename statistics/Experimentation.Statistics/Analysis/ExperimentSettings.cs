namespace Experimentation.Statistics;

/// <summary>The settings of an experiment's analysis; each has the platform's default.</summary>
public sealed record ExperimentSettings
{
    public static ExperimentSettings Default { get; } = new();

    /// <summary>The test settings (α, df, continuity, τ², correction, power, SRM threshold, decision mode). Its Mde is ignored: see <see cref="Mde"/>.</summary>
    public AnalysisOptions Options { get; init; } = AnalysisOptions.Default;

    /// <summary>The minimum detectable effect; null for none (no required sample size, no futility stop).</summary>
    public double? Mde { get; init; }

    /// <summary>True (the default) when <see cref="Mde"/> is relative to each metric's control mean, false when absolute.</summary>
    public bool MdeIsRelative { get; init; } = true;

    /// <summary>Whether the report carries a recommendation (live results); the analysis API of one metric does not.</summary>
    public bool Recommend { get; init; }

    /// <summary>
    /// The Bayesian comparison beside the frequentist one; null for none. Live results always carry it; the analysis
    /// API when the request asks for engine bayesian.
    /// </summary>
    public BayesianSettings? Bayesian { get; init; }

    /// <summary>False when no weights were given: SRM then tests an equal split.</summary>
    public bool Weighted { get; init; } = true;
}
