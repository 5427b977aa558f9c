namespace Experimentation.Statistics.Reports;

/// <summary>
/// gbstats' Bayesian comparison: a Gaussian posterior of the effect (relative by default), with the improper flat
/// prior unless a normal prior was configured. All numbers are null beside an error code.
/// </summary>
public sealed record BayesianReport
{
    /// <summary>relative ((treatment − control)/|control|) or absolute (treatment − control).</summary>
    /// <example>relative</example>
    public required string EffectScale { get; init; }

    /// <summary>P(the effect is in the metric's good direction); higher is better when the direction is unknown.</summary>
    /// <example>0.913</example>
    public required double? ChanceToWin { get; init; }

    /// <summary>The posterior mean of the effect.</summary>
    /// <example>0.072</example>
    public required double? Expected { get; init; }

    /// <summary>The equal-tailed 1 − alpha credible interval of the effect.</summary>
    public required IntervalReport CredibleInterval { get; init; }

    /// <summary>The expected loss (on the effect's scale) of choosing each arm.</summary>
    public required RiskReport Risk { get; init; }

    /// <summary>Null, or too_few_units, zero_baseline, zero_variance, invalid_input, overflow.</summary>
    /// <example>null</example>
    public required string? Error { get; init; }
}

/// <summary>The expected loss of choosing control and of choosing treatment.</summary>
public sealed record RiskReport(double? Control, double? Treatment);
