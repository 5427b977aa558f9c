using Experimentation.GrainInterfaces.Metrics;

namespace Experimentation.Gateway.Contracts;

/// <summary>The body of POST /api/metrics. Ratio metrics also name numerator and denominator event types.</summary>
/// <param name="OwnerTeam">Defaults to the team of the caller's key; only the installation admin registers for another team.</param>
public sealed record CreateMetricRequest(
    string? Key,
    string? Name,
    MetricType? Type,
    string? EventType,
    MetricAggregation? Aggregation,
    string? NumeratorEventType,
    string? DenominatorEventType,
    string? OwnerTeam = null,
    double? Quantile = null,
    PercentileLevel? Level = null);
