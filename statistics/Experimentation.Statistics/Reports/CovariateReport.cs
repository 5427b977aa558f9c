namespace Experimentation.Statistics.Reports;

/// <summary>
/// One arm's CUPED covariate: each user's value of the same metric over the pre-period before first exposure. Sample
/// moments (n − 1) whatever the metric type, so that the analysis API can be given them back. For a ratio metric the
/// covariate is the pre-period ratio ΣM'/ΣD', and its variance and covariance are per-unit, by the delta method.
/// </summary>
public sealed record CovariateReport
{
    /// <summary>X̄, the mean pre-period value (for a conversion, the share of users who converted before exposure).</summary>
    /// <example>0.09</example>
    public required double? Mean { get; init; }

    /// <summary>s_X², the sample variance of the pre-period values.</summary>
    /// <example>0.0819</example>
    public required double? Variance { get; init; }

    /// <summary>s_XY, the sample covariance of the pre-period value with the metric's value.</summary>
    /// <example>0.021</example>
    public required double? Covariance { get; init; }
}
