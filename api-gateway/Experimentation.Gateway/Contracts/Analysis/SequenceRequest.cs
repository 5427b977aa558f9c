namespace Experimentation.Gateway.Contracts.Analysis;

/// <summary>
/// The body of POST /api/analysis/sequence: the same input as POST /api/analysis, with the arms given once per look,
/// in time order. Each look holds the cumulative statistics up to that moment, with the same arm keys every time.
/// </summary>
public sealed record SequenceRequest
{
    /// <summary>mean, conversion or ratio.</summary>
    /// <example>mean</example>
    public AnalysisMetricType? MetricType { get; init; }

    /// <summary>Significance level, strictly between 0 and 1. Defaults to 0.05.</summary>
    /// <example>0.05</example>
    public double? Alpha { get; init; }

    /// <summary>At least one look, oldest first.</summary>
    public SequenceLookRequest[]? Looks { get; init; }

    /// <summary>Test settings, shared by every look.</summary>
    public AnalysisOptionsRequest? Options { get; init; }
}

/// <summary>The arms' cumulative statistics at one look.</summary>
public sealed record SequenceLookRequest
{
    /// <summary>As in POST /api/analysis.</summary>
    public ArmStatisticsRequest[]? Arms { get; init; }
}
