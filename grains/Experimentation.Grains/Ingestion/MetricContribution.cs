using Experimentation.GrainInterfaces.Aggregation;
using Experimentation.GrainInterfaces.Metrics;

namespace Experimentation.Grains.Ingestion;

/// <summary>
/// A user's contribution to one metric's sums: the per-user value of the aggregation (sum, count, avg, 0/1 for a
/// conversion, or numerator and denominator for a ratio) over the events at or after their first exposure.
/// </summary>
public static class MetricContribution
{
    public static MetricSums Of(MetricDefinition metric, UserRecord user, long firstAtTicks)
    {
        switch (metric.Type)
        {
            case MetricType.Ratio:
                return MetricSums.OfRatio(
                    SumOf(user, metric.NumeratorEventType!, firstAtTicks, out _),
                    SumOf(user, metric.DenominatorEventType!, firstAtTicks, out _));
            case MetricType.Conversion:
                SumOf(user, metric.EventType, firstAtTicks, out var occurrences);
                return MetricSums.OfValue(occurrences > 0 ? 1 : 0);
            case MetricType.Mean:
                var sum = SumOf(user, metric.EventType, firstAtTicks, out var count);
                return metric.Aggregation switch
                {
                    MetricAggregation.Count => MetricSums.OfValue(count),
                    // A user without events has no average: they are not a unit of an avg metric.
                    MetricAggregation.Avg => count == 0 ? default : MetricSums.OfValue(sum / count),
                    _ => MetricSums.OfValue(sum),
                };
            default:
                // Percentiles need mergeable sketches, which are not built yet; they contribute nothing.
                return default;
        }
    }

    /// <summary>True when an event of this type can change the metric's per-user value.</summary>
    public static bool Uses(MetricDefinition metric, string eventType) => metric.Type == MetricType.Ratio
        ? metric.NumeratorEventType == eventType || metric.DenominatorEventType == eventType
        : metric.EventType == eventType;

    private static double SumOf(UserRecord user, string eventType, long firstAtTicks, out long count)
    {
        double sum = 0;
        count = 0;
        foreach (var e in user.Events)
        {
            if (e.AtTicks < firstAtTicks || e.EventType != eventType) continue;
            sum += e.Value;
            count++;
        }
        return sum;
    }
}
