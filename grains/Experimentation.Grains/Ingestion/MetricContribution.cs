using Experimentation.GrainInterfaces.Aggregation;
using Experimentation.GrainInterfaces.Metrics;

namespace Experimentation.Grains.Ingestion;

/// <summary>
/// A user's contribution to one metric: the per-user value of the aggregation over the events at or after their
/// first exposure (sum, count, 0/1 for a conversion; numerator and denominator for a ratio, and for an avg, which is
/// Σ value / Σ events), and for sum, count and conversion metrics the same value split at exposure age E days.
/// </summary>
public static class MetricContribution
{
    public static UserContribution Of(MetricDefinition metric, UserRecord user, long firstAtTicks, int earlyDays)
    {
        var lateFromTicks = firstAtTicks + earlyDays * TimeSpan.TicksPerDay;
        switch (metric.Type)
        {
            case MetricType.Ratio:
                return new(MetricSums.OfRatio(
                    Fold(user, metric.NumeratorEventType!, firstAtTicks, lateFromTicks).Sum,
                    Fold(user, metric.DenominatorEventType!, firstAtTicks, lateFromTicks).Sum), default);
            case MetricType.Conversion:
                var c = Fold(user, metric.EventType, firstAtTicks, lateFromTicks);
                return new(MetricSums.OfValue(c.Count > 0 ? 1 : 0), PairedSums.Of(c.EarlyCount > 0 ? 1 : 0, c.LateCount > 0 ? 1 : 0));
            case MetricType.Mean:
                var f = Fold(user, metric.EventType, firstAtTicks, lateFromTicks);
                return metric.Aggregation switch
                {
                    MetricAggregation.Count => new(MetricSums.OfValue(f.Count), PairedSums.Of(f.EarlyCount, f.LateCount)),
                    // Every exposed user is a unit: one without events is (0, 0), so the units equal the exposures.
                    MetricAggregation.Avg => new(MetricSums.OfRatio(f.Sum, f.Count), default),
                    _ => new(MetricSums.OfValue(f.Sum), PairedSums.Of(f.EarlySum, f.LateSum)),
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

    private static Windowed Fold(UserRecord user, string eventType, long firstAtTicks, long lateFromTicks)
    {
        var w = default(Windowed);
        foreach (var e in user.Events)
        {
            if (e.AtTicks < firstAtTicks || e.EventType != eventType) continue;
            w.Sum += e.Value;
            w.Count++;
            if (e.AtTicks < lateFromTicks)
            {
                w.EarlySum += e.Value;
                w.EarlyCount++;
            }
            else
            {
                w.LateSum += e.Value;
                w.LateCount++;
            }
        }
        return w;
    }

    private struct Windowed
    {
        public double Sum, EarlySum, LateSum;
        public long Count, EarlyCount, LateCount;
    }
}
