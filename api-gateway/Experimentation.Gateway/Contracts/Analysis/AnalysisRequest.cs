using Experimentation.Statistics;

namespace Experimentation.Gateway.Contracts.Analysis;

/// <summary>
/// The body of POST /api/analysis: one metric's sufficient statistics per arm, as a warehouse would aggregate them.
/// Every field is nullable so that a missing one is named in the 400 answer.
/// </summary>
public sealed record AnalysisRequest
{
    /// <summary>mean, conversion or ratio; decides which statistics each arm must carry.</summary>
    /// <example>conversion</example>
    public AnalysisMetricType? MetricType { get; init; }

    /// <summary>Significance level, strictly between 0 and 1; CIs are at 1 − alpha. Defaults to 0.05.</summary>
    /// <example>0.05</example>
    public double? Alpha { get; init; }

    /// <summary>At least two arms. The control is the arm marked "control": true, or else the first arm.</summary>
    public ArmStatisticsRequest[]? Arms { get; init; }

    /// <summary>frequentist (default) or bayesian: bayesian adds gbstats' chance to win, credible interval and risk to each comparison.</summary>
    /// <example>bayesian</example>
    public AnalysisEngine? Engine { get; init; }

    /// <summary>Test settings; every one has a default.</summary>
    public AnalysisOptionsRequest? Options { get; init; }
}
