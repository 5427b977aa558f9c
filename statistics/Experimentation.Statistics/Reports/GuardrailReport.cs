namespace Experimentation.Statistics.Reports;

/// <summary>
/// The guardrail verdict on one treatment: the test of H₀ "the relative harm is at most maxDegradation", always
/// valid over looks. Relative harm is the change in the harmful direction as a fraction (0.03 is 3% worse).
/// </summary>
public sealed record GuardrailReport
{
    /// <summary>Which way is good: higher_better or lower_better.</summary>
    /// <example>higher_better</example>
    public required string Direction { get; init; }

    /// <summary>The tolerated relative degradation.</summary>
    /// <example>0.05</example>
    public required double MaxDegradation { get; init; }

    /// <summary>This look's relative harm (negative when the metric improved); null without a relative change.</summary>
    /// <example>-0.0254</example>
    public required double? Degradation { get; init; }

    /// <summary>
    /// The running always-valid bounds on the relative harm, each one-sided at 1 − alpha (jointly 1 − 2·alpha); a
    /// bound is null while unbounded. A lower bound above maxDegradation is the evidence a breach needs.
    /// </summary>
    public required IntervalReport AlwaysValidInterval { get; init; }

    /// <summary>The always-valid p-value of H₀ "relative harm ≤ maxDegradation" (running minimum over looks).</summary>
    /// <example>0.87</example>
    public required double? AlwaysValidPValue { get; init; }

    /// <summary>alwaysValidPValue below alpha and this look's degradation above maxDegradation.</summary>
    /// <example>false</example>
    public required bool Breached { get; init; }

    /// <summary>Null, or why this look has no guardrail test (too_few_units, zero_variance, undefined_ratio for a mean that is not positive, …) or why a bound is missing (empty_intersection).</summary>
    /// <example>null</example>
    public required string? Error { get; init; }
}
