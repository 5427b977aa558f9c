namespace Experimentation.Statistics;

/// <summary>
/// How the Bayesian comparison is computed. The prior, when given, is a proper normal prior on the relative effect
/// (gbstats' default prior_type "relative"); on the absolute scale it is rescaled by the control mean. Null is
/// gbstats' default improper flat prior, under which the posterior is the data's normal likelihood.
/// </summary>
public sealed record BayesianSettings
{
    public static BayesianSettings Default { get; } = new();

    /// <summary>The effect the posterior is on; relative by default.</summary>
    public EffectScale Scale { get; init; } = EffectScale.Relative;

    /// <summary>A proper normal prior on the relative effect; null for the improper flat prior.</summary>
    public NormalPrior? Prior { get; init; }
}

/// <summary>A normal prior N(mean, variance) on the relative effect; the variance is positive.</summary>
public sealed record NormalPrior(double Mean, double Variance);
