using Experimentation.GrainInterfaces.Aggregation;
using Experimentation.GrainInterfaces.Metrics;
using Experimentation.Grains.Ingestion;
using Experimentation.Statistics;

namespace Experimentation.Tests.Ingestion;

/// <summary>
/// Raw events of one shard's log for the fold tests, the experiment plans they need, and the numbers a partial stands
/// for (counts, totals and the moments the engine derives), to compare folds that may have chosen other shifts.
/// </summary>
internal static class ShardLog
{
    public const string Experiment = "exp";
    public const string Revenue = "revenue";
    public const string Purchases = "purchases";
    public const string Converted = "converted";
    public const string Basket = "basket";
    public const string PerClick = "per-click";

    public static readonly DateTimeOffset T0 = new(2025, 3, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>A sum, a count, a conversion, an avg and a ratio, all of purchases (the ratio per click).</summary>
    public static MetricDefinition[] Metrics { get; } =
    [
        Metric(Revenue, MetricType.Mean, MetricAggregation.Sum),
        Metric(Purchases, MetricType.Mean, MetricAggregation.Count),
        Metric(Converted, MetricType.Conversion, MetricAggregation.Count),
        Metric(Basket, MetricType.Mean, MetricAggregation.Avg),
        new(PerClick, PerClick, MetricType.Ratio, "purchase", MetricAggregation.Sum, "purchase", "click", T0),
    ];

    public static Dictionary<string, ExperimentPlan> Plans(int earlyDays, string experiment = Experiment) => new()
    {
        [experiment] = new ExperimentPlan(experiment, true, ["control", "green"], Metrics, new ExperimentWindow(T0, null), earlyDays),
    };

    public static RawEvent Exposure(string user, string variant, DateTimeOffset at, string experiment = Experiment) =>
        new(Guid.NewGuid(), 0, RawEventKind.Exposure, user, at, experiment, variant, null, null, at);

    public static RawEvent Purchase(string user, double value, DateTimeOffset at) => Event(user, "purchase", value, at);

    public static RawEvent Event(string user, string type, double value, DateTimeOffset at) =>
        new(Guid.NewGuid(), 0, RawEventKind.Metric, user, at, null, null, type, value, at);

    /// <summary>Folds the events in the order given, numbered 1, 2, … as a shard's log would be.</summary>
    public static ShardState Fold(IReadOnlyDictionary<string, ExperimentPlan> plans, IEnumerable<RawEvent> events)
    {
        var state = new ShardState(plans);
        long seq = 0;
        foreach (var e in events) state.Apply(e with { Seq = ++seq });
        return state;
    }

    /// <summary>
    /// Per variant, exposures by day, and per metric the unit counts, Σx, Σy, the engine's mean and M2 of x, and the
    /// same of the novelty pair: what does not depend on which unit fixed the shifts.
    /// </summary>
    public static List<(string What, double Value)> Numbers(ShardState state, params string[] variants) =>
        NumbersOf(state, Experiment, variants);

    /// <inheritdoc cref="Numbers"/>
    public static List<(string What, double Value)> NumbersOf(ShardState state, string experiment, params string[] variants)
    {
        var numbers = new List<(string, double)>();
        foreach (var variant in variants)
        {
            var p = state.PartialOf(experiment, variant);
            foreach (var b in p.Exposures) numbers.Add(($"{variant} exposed {b.Day}", b.Users));
            numbers.Add(($"{variant} E", p.NoveltyEarlyDays));
            foreach (var m in p.Metrics)
            {
                Add(numbers, $"{variant} {m.MetricKey}", m.Sums.Values);
                numbers.Add(($"{variant} {m.MetricKey} conversions", m.Sums.Conversions));
                Add(numbers, $"{variant} {m.MetricKey} novelty", m.Novelty);
            }
        }
        return numbers;
    }

    /// <summary>Equal names, and values equal to <paramref name="relative"/> (of the value, or 1e-9 absolute near 0).</summary>
    public static void AssertSameNumbers(List<(string What, double Value)> expected, List<(string What, double Value)> actual, double relative = 1e-12)
    {
        Assert.Equal(expected.Select(e => e.What), actual.Select(a => a.What));
        for (var i = 0; i < expected.Count; i++)
            Assert.True(Math.Abs(expected[i].Value - actual[i].Value) <= Math.Max(1e-9, relative * Math.Abs(expected[i].Value)),
                $"{expected[i].What}: expected {expected[i].Value:R}, got {actual[i].Value:R}");
    }

    public static SampleMean MeanOf(PairedSums sums)
    {
        var v = sums.Fold();
        return SampleMean.FromShiftedSums(v.Count, v.ShiftX, v.SumX, v.SumXX);
    }

    private static void Add(List<(string, double)> numbers, string what, PairedSums sums)
    {
        var v = sums.Fold();
        var y = SampleMean.FromShiftedSums(v.Count, v.ShiftY, v.SumY, v.SumYY);
        numbers.Add(($"{what} n", sums.Count));
        numbers.Add(($"{what} zeros", sums.Zeros));
        numbers.Add(($"{what} Σx", sums.TotalX));
        numbers.Add(($"{what} Σy", sums.TotalY));
        numbers.Add(($"{what} M2x", MeanOf(sums).SumSquaredDeviations));
        numbers.Add(($"{what} M2y", y.SumSquaredDeviations));
        numbers.Add(($"{what} co-moment", v.Count == 0 ? 0 : v.SumXY - v.SumX * (v.SumY / v.Count)));
    }

    private static MetricDefinition Metric(string key, MetricType type, MetricAggregation aggregation) =>
        new(key, key, type, "purchase", aggregation, null, null, T0);
}
