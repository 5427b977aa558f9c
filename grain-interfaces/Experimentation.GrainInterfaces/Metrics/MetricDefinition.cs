namespace Experimentation.GrainInterfaces.Metrics;

/// <summary>A metric in the registry. Ratio metrics name their numerator and denominator event types.</summary>
[GenerateSerializer, Immutable]
public sealed record MetricDefinition(
    string Key,
    string Name,
    MetricType Type,
    string EventType,
    MetricAggregation Aggregation,
    string? NumeratorEventType,
    string? DenominatorEventType,
    DateTimeOffset CreatedAt);
