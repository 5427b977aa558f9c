using System.Text.Json;
using Xunit;
using static Experimentation.Statistics.Tests.ReferenceVectors;

namespace Experimentation.Statistics.Tests;

public sealed class PercentileTestTests
{
    public static TheoryData<string> Cases => Ids("percentile");

    private static (double[] Values, int[] Users) Arm(JsonElement arm) =>
        (arm.GetProperty("values").EnumerateArray().Select(v => v.GetDouble()).ToArray(),
         arm.GetProperty("users").EnumerateArray().Select(v => v.GetInt32()).ToArray());

    // Per user (events at or below the threshold, events): the clusters of an event-level quantile.
    internal static RatioSample Clusters(double[] values, int[] users, Func<double, bool> below)
    {
        var sample = default(RatioSample);
        foreach (var group in values.Zip(users).GroupBy(p => p.Second))
            sample = sample.Add(group.Count(p => below(p.First)), group.Count());
        return sample;
    }

    private static QuantileSample Exact(double q, bool clustered, (double[] Values, int[] Users) arm)
    {
        var sorted = new SortedValues(arm.Values);
        if (!clustered) return new QuantileSample(q, sorted);
        double estimate = sorted.ValueAtRank(QuantileSample.RankOf(q, sorted.Count));
        return new QuantileSample(q, sorted, Clusters(arm.Values, arm.Users, v => v <= estimate));
    }

    private static QuantileSample Sketched(double q, bool clustered, (double[] Values, int[] Users) arm)
    {
        var sketch = QuantileSketch.Of(arm.Values);
        if (!clustered) return new QuantileSample(q, sketch);
        int index = sketch.IndexAtRank(QuantileSample.RankOf(q, sketch.Count));
        return new QuantileSample(q, sketch, Clusters(arm.Values, arm.Users, v => LogBuckets.IndexOf(v) <= index));
    }

    // vectors/percentile.py: numpy.quantile(method='inverted_cdf') and numpy.sort ranks for the estimate and the rank
    // interval, gbstats' QuantileStatistic/QuantileClusteredStatistic written out with numpy for the variance,
    // scipy.stats.ttest_ind_from_stats(equal_var=False) for the test.
    [Theory]
    [MemberData(nameof(Cases))]
    public void OnExactRanksTheIngredientsAndTheTestMatchNumpyAndScipy(string id)
    {
        var (input, expected) = Case(id);
        double q = input.Number("q");
        bool clustered = input.GetProperty("level").GetString() == "event";
        var control = Exact(q, clustered, Arm(input.GetProperty("control")));
        var treatment = Exact(q, clustered, Arm(input.GetProperty("treatment")));
        foreach (var (sample, name) in new[] { (control, "control"), (treatment, "treatment") })
        {
            var e = sample.Estimate();
            var x = expected.GetProperty(name);
            Assert.Equal(StatisticsError.None, e.Error);
            Assert.Equal(x.GetProperty("n").GetInt64(), e.Count);
            Assert.Equal(x.Number("estimate"), e.Estimate);
            Assert.Equal(x.Number("lower"), e.Lower);
            Assert.Equal(x.Number("upper"), e.Upper);
            Close(x.Number("design"), e.DesignEffect, Algebra, what: $"{name} design effect");
            Close(x.Number("variance"), e.Variance, Distribution, what: $"{name} variance"); // through z = Φ⁻¹(0.975)
        }
        var r = PercentileTest.Compare(control, treatment);
        Close(expected.Number("delta"), r.Delta, Algebra, what: "delta");
        Close(expected.Number("se"), r.StandardError, Distribution, what: "se");
        Close(expected.Number("df"), r.DegreesOfFreedom, Distribution, what: "df");
        Close(expected.Number("p"), r.PValue, Distribution, what: "p");
        Close(expected.Number("ciLower"), r.ConfidenceInterval.Lower, Distribution, expected.Number("se"), "ci lower");
        Close(expected.Number("ciUpper"), r.ConfidenceInterval.Upper, Distribution, expected.Number("se"), "ci upper");
    }

    // The sketch's stated error: its estimate is within 1% (relative) of numpy's and the interpolated ends of the rank
    // interval within 2%, and its CI of the quantile
    // difference agrees with the users-resampling bootstrap of numpy quantiles (2,000 resamples, whose own Monte Carlo
    // error is a few percent of the width): each bound within 20% of the bootstrap width, widths within ±25%.
    [Theory]
    [MemberData(nameof(Cases))]
    public void TheSketchIsWithinOnePercentOfNumpyAndItsIntervalAgreesWithTheBootstrap(string id)
    {
        var (input, expected) = Case(id);
        double q = input.Number("q");
        bool clustered = input.GetProperty("level").GetString() == "event";
        var control = Sketched(q, clustered, Arm(input.GetProperty("control")));
        var treatment = Sketched(q, clustered, Arm(input.GetProperty("treatment")));
        foreach (var (sample, name) in new[] { (control, "control"), (treatment, "treatment") })
        {
            var e = sample.Estimate();
            var x = expected.GetProperty(name);
            Close(x.Number("estimate"), e.Estimate, LogBuckets.RelativeAccuracy, what: $"{name} estimate");
            // The rank interval's ends are interpolated within their buckets: within 2% (γ − 1).
            Close(x.Number("lower"), e.Lower, 2 * LogBuckets.RelativeAccuracy, what: $"{name} lower");
            Close(x.Number("upper"), e.Upper, 2 * LogBuckets.RelativeAccuracy, what: $"{name} upper");
        }
        var r = PercentileTest.Compare(control, treatment);
        var boot = expected.GetProperty("bootstrap");
        double lower = boot[0].GetDouble(), upper = boot[1].GetDouble(), width = upper - lower;
        Assert.InRange(r.ConfidenceInterval.Lower, lower - 0.2 * width, lower + 0.2 * width);
        Assert.InRange(r.ConfidenceInterval.Upper, upper - 0.2 * width, upper + 0.2 * width);
        Assert.InRange((r.ConfidenceInterval.Upper - r.ConfidenceInterval.Lower) / width, 0.75, 1.25);
    }

    // The relative error of every rank, against the exact sorted values, over skewed, tiny, huge and repeated values.
    [Fact]
    public void EveryRankOfTheSketchIsWithinItsRelativeAccuracy()
    {
        var random = new Random(7);
        var values = new List<double>();
        for (int i = 0; i < 20_000; i++) values.Add(Math.Exp(random.NextDouble() * 30 - 12)); // 6e-6 … 1.6e8
        for (int i = 0; i < 2_000; i++) values.Add(250);
        for (int i = 0; i < 500; i++) values.Add(0);
        var sketch = QuantileSketch.Of(values);
        var exact = new SortedValues(values);
        Assert.Equal(exact.Count, sketch.Count);
        double worst = 0;
        for (long r = 0; r < exact.Count; r++)
        {
            double x = exact.ValueAtRank(r), y = sketch.ValueAtRank(r);
            worst = Math.Max(worst, x == 0 ? Math.Abs(y) : Math.Abs(y - x) / x);
        }
        Assert.True(worst <= LogBuckets.RelativeAccuracy * (1 + 1e-12), $"worst relative error {worst:E3}");
        double worstInterpolated = 0, previous = -1;
        for (long r = 0; r < exact.Count; r++)
        {
            double x = exact.ValueAtRank(r), y = sketch.InterpolatedValueAtRank(r);
            worstInterpolated = Math.Max(worstInterpolated, x == 0 ? Math.Abs(y) : Math.Abs(y - x) / x);
            Assert.True(y >= previous, $"rank {r}: {y} after {previous}");
            previous = y;
        }
        Assert.True(worstInterpolated <= 2 * LogBuckets.RelativeAccuracy * (1 + 1e-9), $"worst interpolated relative error {worstInterpolated:E3}");
        Assert.True(sketch.Indexes.Length <= LogBuckets.MaxBuckets);
    }

    [Fact]
    public void TooFewValuesForTheRankIntervalHaveNoTest()
    {
        // p99 needs n > z²·0.99/0.01 = 380.3 values for its upper rank to stay inside the sample (gbstats' rule).
        var few = new QuantileSample(0.99, new SortedValues(Enumerable.Range(1, 380).Select(i => (double)i)));
        Assert.Equal(StatisticsError.TooFewUnits, few.Estimate().Error);
        var enough = new QuantileSample(0.99, new SortedValues(Enumerable.Range(1, 381).Select(i => (double)i)));
        Assert.Equal(StatisticsError.None, enough.Estimate().Error);
        Assert.Equal(StatisticsError.TooFewUnits, PercentileTest.Compare(few, enough).Error);
    }
}
