namespace Experimentation.Statistics.Reports;

/// <summary>
/// The analysis of one metric: per-arm summaries and one comparison per treatment against the control. Every number is
/// a JSON number; a statistic that could not be computed is null, and the error of the object holding it says why.
/// </summary>
public sealed record MetricReport
{
    /// <summary>The metric's key (null in the analysis API, which analyses one unnamed metric).</summary>
    /// <example>checkout-conversion</example>
    public string? Key { get; init; }

    /// <summary>mean, conversion or ratio.</summary>
    /// <example>conversion</example>
    public required MetricKind MetricType { get; init; }

    /// <summary>primary (in the multiple-comparison family), guardrail or informational.</summary>
    /// <example>primary</example>
    public required AnalysisRole Role { get; init; }

    /// <summary>True when higher is better, false when lower is; null when not given (the analysis API without a guardrail).</summary>
    /// <example>true</example>
    public bool? HigherIsBetter { get; init; }

    /// <summary>Null, or why the metric has no comparisons (for example it is not in the registry).</summary>
    /// <example>null</example>
    public string? Error { get; init; }

    /// <summary>Control first.</summary>
    public required ArmReport[] Arms { get; init; }

    /// <summary>One per treatment, in arm order.</summary>
    public required ComparisonReport[] Comparisons { get; init; }
}
