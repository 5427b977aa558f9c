using Experimentation.GrainInterfaces.Metrics;

namespace Experimentation.Gateway.Contracts;

/// <summary>The body of POST /api/metrics. Ratio metrics also name numerator and denominator event types.</summary>
public sealed record CreateMetricRequest(
    string? Key,
    string? Name,
    MetricType? Type,
    string? EventType,
    MetricAggregation? Aggregation,
    string? NumeratorEventType,
    string? DenominatorEventType,
    double? Quantile = null,
    PercentileLevel? Level = null);
