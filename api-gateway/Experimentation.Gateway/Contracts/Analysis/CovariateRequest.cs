namespace Experimentation.Gateway.Contracts.Analysis;

/// <summary>
/// One arm's CUPED covariate X: each unit's value of the same metric over a pre-period before exposure. Give sum,
/// sumSquares and sumProducts (ΣX, ΣX², ΣXY with Y the metric's per-unit value), or mean, variance and covariance
/// (sample moments, n − 1). For a conversion metric X is 0/1 (converted before exposure), so ΣX² = ΣX.
/// </summary>
public sealed record CovariateRequest
{
    /// <summary>ΣX over the arm's units.</summary>
    /// <example>24500.5</example>
    public double? Sum { get; init; }

    /// <summary>ΣX².</summary>
    /// <example>1250000.25</example>
    public double? SumSquares { get; init; }

    /// <summary>ΣXY, the per-unit products of the covariate and the metric.</summary>
    /// <example>1310000.75</example>
    public double? SumProducts { get; init; }

    /// <summary>Instead of the sums: X̄.</summary>
    /// <example>2.45</example>
    public double? Mean { get; init; }

    /// <summary>With mean: the sample variance of X (n − 1), at least 0.</summary>
    /// <example>118.9</example>
    public double? Variance { get; init; }

    /// <summary>With mean: the sample covariance of X and Y (n − 1).</summary>
    /// <example>96.4</example>
    public double? Covariance { get; init; }
}
