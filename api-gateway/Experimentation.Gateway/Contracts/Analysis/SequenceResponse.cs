using Experimentation.Statistics.Reports;

namespace Experimentation.Gateway.Contracts.Analysis;

/// <summary>The always-valid p-value and CI after each look, in the order of the looks.</summary>
public sealed record SequenceResponse(AnalysisMetricType MetricType, double Alpha, SequenceLookResponse[] Looks);

/// <summary>One look: each treatment's effect and mSPRT state after it.</summary>
/// <param name="Look">1 for the first look.</param>
public sealed record SequenceLookResponse(int Look, SequenceComparisonResponse[] Comparisons);

/// <summary>One treatment at one look.</summary>
public sealed record SequenceComparisonResponse
{
    /// <summary>The treatment arm's key.</summary>
    /// <example>green</example>
    public required string Treatment { get; init; }

    /// <summary>n of the control plus n of this treatment at this look.</summary>
    /// <example>4000</example>
    public required long TotalUnits { get; init; }

    /// <summary>Null, or why delta and standardError are null (as in POST /api/analysis).</summary>
    /// <example>null</example>
    public required string? Error { get; init; }

    /// <summary>treatmentMean − controlMean.</summary>
    /// <example>0.041</example>
    public required double? Delta { get; init; }

    /// <summary>The unpooled standard error of delta.</summary>
    /// <example>0.0447</example>
    public required double? StandardError { get; init; }

    /// <summary>Λ, this look's p and interval, and the running minimum and intersection.</summary>
    public required SequentialReport Sequential { get; init; }

    /// <summary>The sequence's view of one comparison of a look's report.</summary>
    public static SequenceComparisonResponse From(ComparisonReport c, long totalUnits) => new()
    {
        Treatment = c.Treatment,
        TotalUnits = totalUnits,
        Error = c.Error,
        Delta = c.Delta,
        StandardError = c.StandardError,
        Sequential = c.Sequential,
    };
}
