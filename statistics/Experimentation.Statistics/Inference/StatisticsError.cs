namespace Experimentation.Statistics;

/// <summary>
/// Why a result is incomplete. Results never throw on degenerate data; they carry one of these instead, and every
/// NaN in a result is explained by a code other than <see cref="None"/>.
/// </summary>
public enum StatisticsError
{
    /// <summary>Everything was computed.</summary>
    None = 0,

    /// <summary>An arm has fewer than 2 units: no variance, no test.</summary>
    TooFewUnits,

    /// <summary>Both arms have zero variance (or the standard error is 0): no test.</summary>
    ZeroVariance,

    /// <summary>
    /// The control mean is 0, so only the relative lift and its CI are undefined (NaN); the absolute effect, its CI
    /// and the p-value are valid.
    /// </summary>
    ZeroBaseline,

    /// <summary>Neither arm has a conversion: the 2×2 table has an empty column.</summary>
    NoConversions,

    /// <summary>Every unit in both arms converted: the 2×2 table has an empty column.</summary>
    AllConverted,

    /// <summary>A ratio metric's denominator sums to 0 in an arm.</summary>
    ZeroDenominator,

    /// <summary>Inputs out of range: negative counts, conversions above n, NaN values, α outside (0, 1), bad weights.</summary>
    InvalidInput,

    /// <summary>
    /// A ratio of means has no logarithm: a mean it needs is 0, or the two arms' means have opposite signs (novelty),
    /// or a guardrail's mean is not positive. The relative effects whose control mean is not 0 are still valid; the
    /// log-ratio test is not.
    /// </summary>
    UndefinedRatio,
}
