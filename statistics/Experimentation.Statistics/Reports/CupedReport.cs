namespace Experimentation.Statistics.Reports;

/// <summary>
/// CUPED for one treatment: whether the comparison's numbers are adjusted by each user's pre-exposure value of the
/// same metric, by how much that reduced the variance, and the unadjusted numbers beside them.
/// </summary>
public sealed record CupedReport
{
    /// <summary>
    /// True when the comparison's delta, SE, p-values, CIs, sequential look, guardrail and Bayesian numbers are CUPED
    /// adjusted; false when it fell back to the unadjusted analysis (see message).
    /// </summary>
    /// <example>true</example>
    public required bool Applied { get; init; }

    /// <summary>Null, or why CUPED was not applied, in words.</summary>
    /// <example>null</example>
    public required string? Message { get; init; }

    /// <summary>The pre-period the covariate covers, in days before each user's first exposure; null when not known.</summary>
    /// <example>14</example>
    public required int? PreDays { get; init; }

    /// <summary>θ = cov(Y, X)/var(X) pooled over the control and this treatment; 0 when not applied.</summary>
    /// <example>0.82</example>
    public required double? Theta { get; init; }

    /// <summary>1 − SE²(adjusted)/SE²(unadjusted) of delta, a fraction: 0.36 narrows the CI by √(1 − 0.36) = 0.8.</summary>
    /// <example>0.36</example>
    public required double? VarianceReduction { get; init; }

    /// <summary>The unadjusted delta, which is the adjusted one's expectation.</summary>
    /// <example>0.0091</example>
    public required double? UnadjustedDelta { get; init; }

    /// <summary>The unadjusted standard error of delta.</summary>
    /// <example>0.0058</example>
    public required double? UnadjustedStandardError { get; init; }

    /// <summary>The unadjusted fixed-horizon CI of delta.</summary>
    public required IntervalReport UnadjustedConfidenceInterval { get; init; }

    /// <summary>The unadjusted fixed-horizon p-value.</summary>
    /// <example>0.12</example>
    public required double? UnadjustedPValue { get; init; }
}
