namespace Experimentation.GrainInterfaces.Metrics;

/// <summary>A metric in the registry. Ratio metrics name their numerator and denominator event types.</summary>
/// <param name="OwnerTeam">The team that registered it (null: the installation's). Any team may bind it to an experiment.</param>
[GenerateSerializer, Immutable]
public sealed record MetricDefinition(
    string Key,
    string Name,
    MetricType Type,
    string EventType,
    MetricAggregation Aggregation,
    string? NumeratorEventType,
    string? DenominatorEventType,
    DateTimeOffset CreatedAt,
    string? OwnerTeam = null);
