using Experimentation.GrainInterfaces.Experiments;
using Experimentation.Statistics;

namespace Experimentation.Gateway.Contracts.Analysis;

/// <summary>
/// The analysis of one metric: per-arm summaries, one comparison per treatment against the control, and SRM over all
/// arms. Every number is a JSON number; a statistic that could not be computed is null, and the error of the object
/// holding it says why.
/// </summary>
public sealed record AnalysisResponse(
    AnalysisMetricType MetricType,
    double Alpha,
    ArmResponse[] Arms,
    ComparisonResponse[] Comparisons,
    SrmResponse Srm);

/// <summary>What the test used of one arm.</summary>
public sealed record ArmResponse
{
    /// <summary>The arm's key.</summary>
    /// <example>control</example>
    public required string Key { get; init; }

    /// <summary>True for the control arm (listed first).</summary>
    /// <example>true</example>
    public required bool Control { get; init; }

    /// <summary>Units in the arm.</summary>
    /// <example>10000</example>
    public required long N { get; init; }

    /// <summary>The mean, the conversion rate or the ratio ΣM/ΣD.</summary>
    /// <example>0.118</example>
    public required double? Mean { get; init; }

    /// <summary>Per-unit variance: sample variance, p(1 − p), or the ratio's delta-method variance.</summary>
    /// <example>0.104076</example>
    public required double? Variance { get; init; }

    /// <summary>The SRM weight used (1 when none was given).</summary>
    /// <example>1</example>
    public required double Weight { get; init; }
}

/// <summary>An interval; a bound is null when it could not be computed (or is unbounded).</summary>
public sealed record IntervalResponse(double? Lower, double? Upper);

/// <summary>The sample-ratio-mismatch check: χ² goodness of fit of the arms' n against the weights.</summary>
public sealed record SrmResponse
{
    /// <summary>Null, or why chiSquared and pValue are null (invalid_input, too_few_units).</summary>
    /// <example>null</example>
    public required string? Error { get; init; }

    /// <summary>Σ (observed − expected)²/expected over the arms.</summary>
    /// <example>0.52</example>
    public required double? ChiSquared { get; init; }

    /// <summary>Arms − 1.</summary>
    /// <example>1</example>
    public required int DegreesOfFreedom { get; init; }

    /// <summary>The χ² goodness-of-fit p-value.</summary>
    /// <example>0.4708</example>
    public required double? PValue { get; init; }

    /// <summary>p below 0.001: the split is broken and every comparison's badge is srm_warning.</summary>
    /// <example>false</example>
    public required bool Flagged { get; init; }
}

/// <summary>The guardrail verdict on one treatment.</summary>
public sealed record GuardrailResponse
{
    /// <summary>Which way is good.</summary>
    /// <example>higher_better</example>
    public required MetricDirection Direction { get; init; }

    /// <summary>The tolerated relative degradation.</summary>
    /// <example>0.05</example>
    public required double MaxDegradation { get; init; }

    /// <summary>Relative change in the harmful direction (negative when the metric improved); null without a lift.</summary>
    /// <example>-0.0254</example>
    public required double? Degradation { get; init; }

    /// <summary>Degradation above maxDegradation and always-valid p below alpha.</summary>
    /// <example>false</example>
    public required bool Breached { get; init; }
}
