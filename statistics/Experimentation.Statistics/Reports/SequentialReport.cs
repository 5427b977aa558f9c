namespace Experimentation.Statistics.Reports;

/// <summary>The mSPRT (always-valid) side of a comparison at one look.</summary>
public sealed record SequentialReport
{
    /// <summary>Null, or why this look has no Λ (the error of the test, or overflow when Λ exceeds ±1.8e308).</summary>
    /// <example>null</example>
    public required string? Error { get; init; }

    /// <summary>The mixing variance τ² used.</summary>
    /// <example>0.0000158</example>
    public required double? Tau2 { get; init; }

    /// <summary>ln Λ, finite even where Λ overflows.</summary>
    /// <example>1.21</example>
    public required double? LogLambda { get; init; }

    /// <summary>The mixture likelihood ratio Λ; efficacy when it reaches 1/alpha.</summary>
    /// <example>3.35</example>
    public required double? Lambda { get; init; }

    /// <summary>This look's min(1, 1/Λ).</summary>
    /// <example>0.298</example>
    public required double? PValue { get; init; }

    /// <summary>The running minimum of pValue over every look taken: 1 before any look. It never rises.</summary>
    /// <example>0.298</example>
    public required double? AlwaysValidPValue { get; init; }

    /// <summary>This look's confidence-sequence interval.</summary>
    public required IntervalReport ConfidenceInterval { get; init; }

    /// <summary>
    /// The running intersection of the intervals; it never widens. A null bound is unbounded (no look yet); both are
    /// null when the intersection is empty, and alwaysValidCiError then says empty_intersection.
    /// </summary>
    public required IntervalReport AlwaysValidConfidenceInterval { get; init; }

    /// <summary>Null, or empty_intersection: the looks' intervals have no point in common (the effect drifted).</summary>
    /// <example>null</example>
    public string? AlwaysValidCiError { get; init; }

    /// <summary>Always-valid p below alpha.</summary>
    /// <example>false</example>
    public required bool StopForEfficacy { get; init; }

    /// <summary>The always-valid CI lies inside (−MDE, +MDE).</summary>
    /// <example>false</example>
    public required bool StopForFutility { get; init; }
}
