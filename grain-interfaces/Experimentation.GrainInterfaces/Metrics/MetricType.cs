namespace Experimentation.GrainInterfaces.Metrics;

/// <summary>How a metric is analysed: a rate of converted users, a per-user mean, a ratio of sums, or a percentile.</summary>
[GenerateSerializer]
public enum MetricType
{
    Conversion,
    Mean,
    Ratio,
    Percentile,
}
