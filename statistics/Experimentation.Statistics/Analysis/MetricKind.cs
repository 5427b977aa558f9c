namespace Experimentation.Statistics;

/// <summary>Which test a metric gets: Welch's t on means, the 2×2 χ² on conversions, or Welch's t by the delta method on ratios.</summary>
public enum MetricKind
{
    Mean = 0,
    Conversion,
    Ratio,

    /// <summary>A quantile (p50, p95, any q) of events or of users' values: Welch's t on order-statistics standard errors.</summary>
    Percentile,
}
