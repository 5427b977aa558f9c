using Experimentation.GrainInterfaces.Aggregation;
using Experimentation.GrainInterfaces.Metrics;

namespace Experimentation.Grains.Ingestion;

/// <summary>
/// A user's contribution to one metric: the per-user value of the aggregation over the events at or after their
/// first exposure (sum, count, 0/1 for a conversion; numerator and denominator for a ratio, and for an avg, which is
/// Σ value / Σ events), and for sum, count and conversion metrics the same value split at exposure age E days, and
/// paired with the same aggregation over the CUPED pre-period [first − P days, first) as the covariate. A ratio's
/// covariate is its numerator and denominator over the pre-period.
/// </summary>
public static class MetricContribution
{
    /// <param name="cupedPreDays">P, the CUPED pre-period in days; 0 leaves the CUPED pair empty.</param>
    public static UserContribution Of(MetricDefinition metric, UserRecord user, long firstAtTicks, int earlyDays, int cupedPreDays = 0)
    {
        var lateFromTicks = firstAtTicks + earlyDays * TimeSpan.TicksPerDay;
        var preFromTicks = cupedPreDays > 0 ? firstAtTicks - cupedPreDays * TimeSpan.TicksPerDay : firstAtTicks;
        switch (metric.Type)
        {
            case MetricType.Ratio:
                var numerator = Fold(user, metric.NumeratorEventType!, firstAtTicks, lateFromTicks, preFromTicks);
                var denominator = Fold(user, metric.DenominatorEventType!, firstAtTicks, lateFromTicks, preFromTicks);
                return new(MetricSums.OfRatio(numerator.Sum, denominator.Sum), default,
                    RatioCuped: RatioCuped(cupedPreDays, numerator.Sum, denominator.Sum, numerator.PreSum, denominator.PreSum));
            case MetricType.Conversion:
                var c = Fold(user, metric.EventType, firstAtTicks, lateFromTicks, preFromTicks);
                double converted = c.Count > 0 ? 1 : 0;
                return new(MetricSums.OfValue(converted), PairedSums.Of(c.EarlyCount > 0 ? 1 : 0, c.LateCount > 0 ? 1 : 0),
                    Cuped(cupedPreDays, converted, c.PreCount > 0 ? 1 : 0));
            case MetricType.Mean:
                var f = Fold(user, metric.EventType, firstAtTicks, lateFromTicks, preFromTicks);
                return metric.Aggregation switch
                {
                    MetricAggregation.Count => new(MetricSums.OfValue(f.Count), PairedSums.Of(f.EarlyCount, f.LateCount),
                        Cuped(cupedPreDays, f.Count, f.PreCount)),
                    // Every exposed user is a unit: one without events is (0, 0), so the units equal the exposures.
                    MetricAggregation.Avg => new(MetricSums.OfRatio(f.Sum, f.Count), default,
                        RatioCuped: RatioCuped(cupedPreDays, f.Sum, f.Count, f.PreSum, f.PreCount)),
                    _ => new(MetricSums.OfValue(f.Sum), PairedSums.Of(f.EarlySum, f.LateSum), Cuped(cupedPreDays, f.Sum, f.PreSum)),
                };
            case MetricType.Percentile:
                return Percentile(metric, user, firstAtTicks);
            default:
                return default;
        }
    }

    /// <summary>True when an event of this type can change the metric's per-user value.</summary>
    public static bool Uses(MetricDefinition metric, string eventType) => metric.Type == MetricType.Ratio
        ? metric.NumeratorEventType == eventType || metric.DenominatorEventType == eventType
        : metric.EventType == eventType;

    // Event level: each post-exposure event on its own day, and the user's (Σ value, events) as the sums; unit level:
    // the user's Σ value on their first exposure day. Every exposed user is a unit either way.
    private static UserContribution Percentile(MetricDefinition metric, UserRecord user, long firstAtTicks)
    {
        var values = new List<PercentileValue>();
        double sum = 0;
        foreach (var e in user.Events)
        {
            if (e.AtTicks < firstAtTicks || e.EventType != metric.EventType) continue;
            sum += e.Value;
            if (!metric.IsUnitLevel()) values.Add(new PercentileValue(DayOf(e.AtTicks), e.Value));
        }
        return metric.IsUnitLevel()
            ? new(MetricSums.OfValue(sum), default, default, [new PercentileValue(DayOf(firstAtTicks), sum)])
            : new(MetricSums.OfRatio(sum, values.Count), default, default, values.ToArray());
    }

    private static DateOnly DayOf(long ticks) => DateOnly.FromDateTime(new DateTime(ticks, DateTimeKind.Utc));

    /// <summary>True when an event at <paramref name="atTicks"/> falls in the CUPED pre-period of an exposure at <paramref name="firstAtTicks"/>.</summary>
    public static bool IsPrePeriod(long atTicks, long firstAtTicks, int cupedPreDays) =>
        cupedPreDays > 0 && atTicks < firstAtTicks && atTicks >= firstAtTicks - cupedPreDays * TimeSpan.TicksPerDay;

    // The pair is empty when CUPED is off, so the accumulator keeps nothing for it.
    private static PairedSums Cuped(int cupedPreDays, double value, double preValue) =>
        cupedPreDays > 0 ? PairedSums.Of(value, preValue) : default;

    private static PairedSums[]? RatioCuped(int cupedPreDays, double numerator, double denominator, double preNumerator, double preDenominator) =>
        cupedPreDays > 0 ? RatioCupedPairs.Of(numerator, denominator, preNumerator, preDenominator) : null;

    private static Windowed Fold(UserRecord user, string eventType, long firstAtTicks, long lateFromTicks, long preFromTicks)
    {
        var w = default(Windowed);
        foreach (var e in user.Events)
        {
            if (e.EventType != eventType || e.AtTicks < preFromTicks) continue;
            if (e.AtTicks < firstAtTicks)
            {
                w.PreSum += e.Value;
                w.PreCount++;
                continue;
            }
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
        public double Sum, EarlySum, LateSum, PreSum;
        public long Count, EarlyCount, LateCount, PreCount;
    }
}
