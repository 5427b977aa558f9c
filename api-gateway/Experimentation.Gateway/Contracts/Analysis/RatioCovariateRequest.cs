namespace Experimentation.Gateway.Contracts.Analysis;

/// <summary>
/// One arm's CUPED covariate for a ratio metric ΣM/ΣD: each unit's numerator M' and denominator D' over a pre-period
/// before exposure, as sums over the arm's units (gbstats' RegressionAdjustedRatioStatistic takes the same).
/// </summary>
public sealed record RatioCovariateRequest
{
    /// <summary>ΣM', the pre-period numerator summed over units.</summary>
    /// <example>19259.1</example>
    public double? SumNumerator { get; init; }

    /// <summary>ΣM'², at least ΣM'²/n.</summary>
    /// <example>460076.0</example>
    public double? SumNumeratorSquares { get; init; }

    /// <summary>ΣD', the pre-period denominator summed over units.</summary>
    /// <example>29013.9</example>
    public double? SumDenominator { get; init; }

    /// <summary>ΣD'², at least ΣD'²/n.</summary>
    /// <example>92094.6</example>
    public double? SumDenominatorSquares { get; init; }

    /// <summary>ΣM'D', the per-unit products of the pre-period numerator and denominator.</summary>
    /// <example>63423.9</example>
    public double? SumProducts { get; init; }

    /// <summary>ΣMM', the per-unit products of the metric's numerator and the pre-period numerator.</summary>
    /// <example>111362.2</example>
    public double? SumNumeratorPreNumerator { get; init; }

    /// <summary>ΣMD', the metric's numerator times the pre-period denominator.</summary>
    /// <example>155928.8</example>
    public double? SumNumeratorPreDenominator { get; init; }

    /// <summary>ΣDM', the metric's denominator times the pre-period numerator.</summary>
    /// <example>146031.8</example>
    public double? SumDenominatorPreNumerator { get; init; }

    /// <summary>ΣDD', the metric's denominator times the pre-period denominator.</summary>
    /// <example>213094.0</example>
    public double? SumDenominatorPreDenominator { get; init; }
}
