using Experimentation.GrainInterfaces;
using Experimentation.GrainInterfaces.Experiments;
using Experimentation.GrainInterfaces.Metrics;

namespace Experimentation.Grains.Metrics;

/// <summary>
/// Registry rules. A ratio names its numerator and denominator event types and nothing else may; a percentile
/// aggregates by a percentile; conversions and means aggregate by sum, count or avg (docs/metrics.md).
/// </summary>
public static class MetricDefinitionValidator
{
    public const int MaxNameLength = 200;
    public const int MaxEventTypeLength = 128;

    public static CommandError? Validate(MetricDefinition m)
    {
        if (!Keys.IsValid(m.Key)) return CommandError.Invalid("key", $"must match {Keys.Pattern}");
        if (string.IsNullOrWhiteSpace(m.Name)) return CommandError.Invalid("name", "is required and may not be blank");
        if (m.Name.Length > MaxNameLength) return CommandError.Invalid("name", $"may have at most {MaxNameLength} characters");
        if (!Enum.IsDefined(m.Type)) return CommandError.Invalid("type", "must be conversion, mean, ratio or percentile");
        if (!Enum.IsDefined(m.Aggregation)) return CommandError.Invalid("aggregation", "must be sum, count, avg, p50, p90, p95, p99 or quantile");
        if (EventType("eventType", m.EventType) is { } bad) return bad;

        var isPercentile = m.Aggregation is MetricAggregation.P50 or MetricAggregation.P90 or MetricAggregation.P95 or MetricAggregation.P99
            or MetricAggregation.Quantile;
        if (m.Type == MetricType.Percentile && !isPercentile)
            return CommandError.Invalid("aggregation", "a percentile metric aggregates by p50, p90, p95, p99 or quantile");
        if (m.Type != MetricType.Percentile && isPercentile)
            return CommandError.Invalid("aggregation", "only a percentile metric aggregates by a percentile");
        if (m.Aggregation == MetricAggregation.Quantile && !(m.Quantile is > 0 and < 1))
            return CommandError.Invalid("quantile", "is required with aggregation quantile, strictly between 0 and 1");
        if (m.Aggregation != MetricAggregation.Quantile && m.Quantile is not null)
            return CommandError.Invalid("quantile", "is only for aggregation quantile (p50, p90, p95 and p99 fix their own)");
        if (m.Level is { } level && (m.Type != MetricType.Percentile || !Enum.IsDefined(level)))
            return CommandError.Invalid("level", "is only for percentile metrics: event or unit");

        if (m.Type == MetricType.Ratio)
        {
            return EventType("numeratorEventType", m.NumeratorEventType) ?? EventType("denominatorEventType", m.DenominatorEventType);
        }
        if (m.NumeratorEventType is not null) return CommandError.Invalid("numeratorEventType", "is only for ratio metrics");
        if (m.DenominatorEventType is not null) return CommandError.Invalid("denominatorEventType", "is only for ratio metrics");
        return null;
    }

    private static CommandError? EventType(string field, string? value) =>
        string.IsNullOrWhiteSpace(value) ? CommandError.Invalid(field, "is required and may not be blank")
        : value.Length > MaxEventTypeLength ? CommandError.Invalid(field, $"may have at most {MaxEventTypeLength} characters")
        : null;
}
