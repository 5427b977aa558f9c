using Xunit;
using static Experimentation.Statistics.Tests.ReferenceVectors;

namespace Experimentation.Statistics.Tests;

public class SufficientStatisticsTests
{
    public static TheoryData<string> StabilityCases => Ids("stability");

    [Theory, MemberData(nameof(StabilityCases))]
    public void VarianceOfValuesNearOneMillionWithSmallSpreadMatchesExactRationalArithmetic(string id)
    {
        var (input, expected) = Case(id);
        var values = input.GetProperty("values").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        double exact = expected.Number("var");

        var batch = SampleMean.FromValues(values);
        Close(expected.Number("mean"), batch.Mean, Algebra, what: "mean");
        Close(exact, batch.Variance, Algebra, what: "two-pass variance");

        // Welford steps and Chan merges carry means rounded to ulp(mean), so their error is bounded by about
        // ε·mean/sd (the conditioning of the data), not by ε·(mean/sd)² as with naive sums.
        double conditioning = Math.Abs(batch.Mean) / Math.Sqrt(exact);
        double tolerance = Math.Max(Algebra, 2.2e-16 * conditioning);
        var merged = default(SampleMean);
        foreach (var chunk in values.Chunk(7)) merged += SampleMean.FromValues(chunk);
        var welford = default(SampleMean);
        foreach (double x in values) welford = welford.Add(x);
        Close(exact, merged.Variance, tolerance, what: "merged variance");
        Close(exact, welford.Variance, tolerance, what: "Welford variance");
    }

    [Fact]
    public void NaiveSumsLoseTheVarianceThatCentredMomentsKeep()
    {
        // The same data as stability-001; the naive formula is what a raw Σx² accumulator would give.
        var (input, expected) = Case("stability-001");
        var values = input.GetProperty("values").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        double sum = 0, sumSquares = 0;
        foreach (double x in values) { sum += x; sumSquares += x * x; }
        double naive = SampleMean.FromSums(values.Length, sum, sumSquares).Variance;

        double exact = expected.Number("var");
        Assert.True(Math.Abs(naive - exact) / exact > 1e-4, $"naive {naive} unexpectedly close to {exact}");
        Close(exact, SampleMean.FromValues(values).Variance, Algebra);
    }

    [Fact]
    public void MergingMeanStatisticsInAnyOrderGivesTheSameResult()
    {
        var random = new Random(42);
        for (int trial = 0; trial < 200; trial++)
        {
            var parts = Enumerable.Range(0, random.Next(2, 12))
                .Select(_ => SampleMean.FromValues(Values(random, random.Next(1, 50), 1e6, 0.5)))
                .ToArray();
            var forward = parts.Aggregate(default(SampleMean), (a, b) => a + b);
            var shuffled = parts.OrderBy(_ => random.Next()).Aggregate(default(SampleMean), (a, b) => a + b);
            var tree = MergeTree(parts, 0, parts.Length);

            Assert.Equal(forward.Count, shuffled.Count);
            foreach (var other in new[] { shuffled, tree })
            {
                Close(forward.Mean, other.Mean, 1e-12);
                Close(forward.Variance, other.Variance, 1e-9);
            }
        }
    }

    [Fact]
    public void MergingRatioStatisticsInAnyOrderMatchesFoldingEveryUnit()
    {
        var random = new Random(7);
        for (int trial = 0; trial < 100; trial++)
        {
            var units = Enumerable.Range(0, random.Next(4, 200))
                .Select(_ => (M: 1e5 + random.NextDouble(), D: 1 + random.Next(5))).ToArray();
            var folded = units.Aggregate(default(RatioSample), (s, u) => s.Add(u.M, u.D));
            var merged = units.Chunk(random.Next(1, 9)).OrderBy(_ => random.Next())
                .Select(c => c.Aggregate(default(RatioSample), (s, u) => s.Add(u.M, u.D)))
                .Aggregate(default(RatioSample), (a, b) => a + b);

            Assert.Equal(folded.Count, merged.Count);
            Close(folded.Ratio, merged.Ratio, 1e-12);
            Close(folded.ToSummary().Variance, merged.ToSummary().Variance, 1e-9);
            Close(folded.CoMoment, merged.CoMoment, 1e-9, Math.Sqrt(folded.NumeratorM2 * folded.DenominatorM2));
        }
    }

    [Fact]
    public void MergingCupedStatisticsKeepsTheCovarianceOfEveryUnit()
    {
        var random = new Random(11);
        var units = Enumerable.Range(0, 500).Select(_ => { double x = random.NextDouble(); return (Y: 2 * x + random.NextDouble(), X: x); }).ToArray();
        var folded = units.Aggregate(default(CupedSample), (s, u) => s.Add(u.Y, u.X));
        var merged = units.Chunk(37).Select(c => c.Aggregate(default(CupedSample), (s, u) => s.Add(u.Y, u.X)))
            .Reverse().Aggregate(default(CupedSample), (a, b) => a + b);

        double meanX = units.Average(u => u.X), meanY = units.Average(u => u.Y);
        double covariance = units.Sum(u => (u.X - meanX) * (u.Y - meanY)) / (units.Length - 1);
        Close(covariance, folded.Covariance, 1e-12);
        Close(covariance, merged.Covariance, 1e-12);
        Close(units.Sum(u => u.X * u.Y), merged.SumProducts, 1e-12);
    }

    [Fact]
    public void SumsRoundTripThroughTheCentredRepresentation()
    {
        var sample = SampleMean.FromSums(4, 10, 30); // values 1, 2, 3, 4
        Assert.Equal(10, sample.Sum, 12);
        Assert.Equal(30, sample.SumSquares, 12);
        Assert.Equal(2.5, sample.Mean);
        Assert.Equal(5.0 / 3, sample.Variance, 15);

        var ratio = RatioSample.FromSums(3, 6, 9, 14, 29, 20);
        Assert.Equal(6, ratio.SumNumerator, 12);
        Assert.Equal(29, ratio.SumDenominatorSquares, 12);
        Assert.Equal(20, ratio.SumProducts, 12);
        Assert.Equal(6.0 / 9, ratio.Ratio, 15);
    }

    [Fact]
    public void ConversionsMergeByAddingCounts()
    {
        var merged = new Proportion(100, 10) + new Proportion(50, 20) + default(Proportion);
        Assert.Equal(new Proportion(150, 30), merged);
        Assert.Equal(0.2, merged.Rate);
    }

    [Fact]
    public void AnEmptyOrSingleUnitSampleHasNoVarianceAndSaysSo()
    {
        Assert.True(double.IsNaN(default(SampleMean).Variance));
        Assert.True(double.IsNaN(SampleMean.FromValues([5.0]).Variance));
        Assert.Equal(StatisticsError.TooFewUnits, WelchTest.Compare(SampleMean.FromValues([5.0]), SampleMean.FromValues([1.0, 2.0])).Error);
    }

    private static double[] Values(Random random, int count, double center, double spread) =>
        Enumerable.Range(0, count).Select(_ => center + spread * (random.NextDouble() - 0.5)).ToArray();

    private static SampleMean MergeTree(SampleMean[] parts, int from, int to) =>
        to - from == 1 ? parts[from] : MergeTree(parts, from, (from + to) / 2) + MergeTree(parts, (from + to) / 2, to);
}
