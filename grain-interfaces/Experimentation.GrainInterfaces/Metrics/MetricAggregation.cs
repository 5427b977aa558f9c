namespace Experimentation.GrainInterfaces.Metrics;

/// <summary>How a user's events of the metric's event type fold into that user's value.</summary>
[GenerateSerializer]
public enum MetricAggregation
{
    Sum,
    Count,
    Avg,
    P50,
    P90,
    P95,
    P99,

    /// <summary>A percentile metric's quantile at the metric's own <see cref="MetricDefinition.Quantile"/>.</summary>
    Quantile,
}
