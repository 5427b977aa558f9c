namespace Experimentation.Statistics;

/// <summary>The sample-ratio-mismatch check.</summary>
/// <param name="Error">None, or why there is no test (then <see cref="IsMismatch"/> is false).</param>
/// <param name="ChiSquared">Σ (observed − expected)²/expected.</param>
/// <param name="DegreesOfFreedom">Arms − 1.</param>
/// <param name="PValue">The χ² goodness-of-fit p-value.</param>
/// <param name="IsMismatch">p below the threshold (0.001 by default).</param>
public readonly record struct SrmResult(StatisticsError Error, double ChiSquared, int DegreesOfFreedom, double PValue, bool IsMismatch);
