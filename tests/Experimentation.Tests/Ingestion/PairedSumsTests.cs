using Experimentation.GrainInterfaces.Aggregation;
using Experimentation.Statistics;

namespace Experimentation.Tests.Ingestion;

/// <summary>
/// Shifted sums stay exact where raw sums cancel: values 1e6 ± 0.1, users added, changed (subtract and re-add),
/// removed and merged across shards in any order, against the corrected two-pass computation on the final values
/// (<see cref="SampleMean.FromValues"/>, itself exact to about 1e-15 on these data).
/// </summary>
public sealed class PairedSumsTests
{
    private const int Users = 20_000;
    private const int Shards = 8;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void SumsNearOneMillionStayExactUnderAddSubtractAndMergeInAnyOrder(bool someUsersStayAtZero)
    {
        var random = new Random(20250301);
        var shardOf = new int[Users];
        var values = new double[Users];
        var shards = new PairedSums[Shards];
        for (var u = 0; u < Users; u++)
        {
            // Every user starts at 0, as an exposed user without events does, and most get a value later.
            shardOf[u] = random.Next(Shards);
            shards[shardOf[u]] += PairedSums.Of(0, 0);
        }
        for (var step = 0; step < 4 * Users; step++)
        {
            var u = random.Next(Users);
            if (someUsersStayAtZero && u % 10 == 0) continue;
            var next = 1e6 + 0.1 * (random.NextDouble() - 0.5) * 3.4;
            shards[shardOf[u]] = shards[shardOf[u]] - PairedSums.Of(values[u], 0) + PairedSums.Of(next, 0);
            values[u] = next;
        }
        for (var u = 0; u < Users; u++)
        {
            if (values[u] != 0 || someUsersStayAtZero) continue;
            // The few never drawn above get a value too, so that the final data has no zeros.
            var next = 1e6 + 0.05;
            shards[shardOf[u]] = shards[shardOf[u]] - PairedSums.Of(0, 0) + PairedSums.Of(next, 0);
            values[u] = next;
        }
        // Remove a tenth of the users, as a move to another variant does.
        var kept = new List<double>();
        for (var u = 0; u < Users; u++)
        {
            if (u % 10 == 3) shards[shardOf[u]] -= PairedSums.Of(values[u], 0);
            else kept.Add(values[u]);
        }
        var exact = SampleMean.FromValues(kept.ToArray());

        var forward = shards.Aggregate(default(PairedSums), (a, b) => a + b);
        var backward = shards.Reverse().Aggregate(default(PairedSums), (a, b) => a + b);
        var tree = ((shards[0] + shards[1]) + (shards[2] + shards[3])) + ((shards[4] + shards[5]) + (shards[6] + shards[7]));
        foreach (var merged in new[] { forward, backward, tree })
        {
            var sample = Mean(merged);
            Assert.Equal(exact.Count, sample.Count);
            AssertClose(exact.Mean, sample.Mean, 1e-15, "mean");
            AssertClose(exact.Variance, sample.Variance, 1e-11, "variance");
        }
        // What raw sums give on the same data: the variance is gone.
        double raw = 0, rawSquares = 0;
        foreach (var x in kept) { raw += x; rawSquares += x * x; }
        if (!someUsersStayAtZero)
            Assert.True(Math.Abs(SampleMean.FromSums(kept.Count, raw, rawSquares).Variance / exact.Variance - 1) > 1e-3);
    }

    [Fact]
    public void RatioSumsKeepTheCoMomentUnderChangesAndMerges()
    {
        var random = new Random(7);
        var units = new (double M, double D)[4_000];
        var shards = new PairedSums[Shards];
        for (var i = 0; i < units.Length; i++) shards[i % Shards] += PairedSums.Of(0, 0);
        for (var step = 0; step < 3 * units.Length; step++)
        {
            var i = random.Next(units.Length);
            var next = (M: 1e6 + random.NextDouble() * 0.3, D: (double)(1 + random.Next(4)));
            shards[i % Shards] = shards[i % Shards] - PairedSums.Of(units[i].M, units[i].D) + PairedSums.Of(next.M, next.D);
            units[i] = next;
        }

        var merged = shards.Reverse().Aggregate(default(PairedSums), (a, b) => a + b).Fold();
        var ratio = RatioSample.FromShiftedSums(merged.Count, merged.ShiftX, merged.ShiftY, merged.SumX, merged.SumY, merged.SumXX, merged.SumYY, merged.SumXY);

        var numerator = SampleMean.FromValues(units.Select(u => u.M).ToArray());
        var denominator = SampleMean.FromValues(units.Select(u => u.D).ToArray());
        // Two-pass co-moment about the exact means: the deviations are small, so the products round only at ε.
        var coMoment = units.Sum(u => (u.M - numerator.Mean) * (u.D - denominator.Mean));
        AssertClose(numerator.Mean, ratio.NumeratorMean, 1e-15, "numerator mean");
        AssertClose(denominator.Mean, ratio.DenominatorMean, 1e-15, "denominator mean");
        AssertClose(numerator.SumSquaredDeviations, ratio.NumeratorM2, 1e-11, "numerator M2");
        AssertClose(denominator.SumSquaredDeviations, ratio.DenominatorM2, 1e-12, "denominator M2");
        Assert.True(Math.Abs(coMoment - ratio.CoMoment) <= 1e-11 * Math.Sqrt(ratio.NumeratorM2 * ratio.DenominatorM2),
            $"co-moment {ratio.CoMoment:R} against {coMoment:R}");
    }

    [Fact]
    public void TheFirstNonZeroUnitFixesTheShiftAndZerosAreOnlyCounted()
    {
        var sums = PairedSums.Of(0, 0) + PairedSums.Of(1_000_000.5, 0) + PairedSums.Of(1_000_000.25, 0) + PairedSums.Of(0, 0);

        Assert.Equal(new PairedSums(4, 2, 1_000_000.5, 0, -0.25, 0, 0.0625, 0, 0), sums);
        Assert.Equal(2_000_000.75, sums.TotalX);
        // Folded, the zeros enter the shifted sums: the same four values, mean 500,000.1875.
        var folded = sums.Fold();
        Assert.Equal(0, folded.Zeros);
        Assert.Equal(500_000.1875, Mean(sums).Mean);
        AssertClose(SampleMean.FromValues([0, 1_000_000.5, 1_000_000.25, 0]).SumSquaredDeviations, Mean(sums).SumSquaredDeviations, 1e-15, "M2");
    }

    [Fact]
    public void RemovingTheLastNonZeroUnitClearsTheShiftSoTheNextOneFixesItAgain()
    {
        var sums = PairedSums.Of(0, 0) + PairedSums.Of(7.5, 2);

        var emptied = sums - PairedSums.Of(7.5, 2);
        var refilled = emptied + PairedSums.Of(1_000_000, 3);

        Assert.Equal(new PairedSums(1, 1, 0, 0, 0, 0, 0, 0, 0), emptied);
        Assert.Equal(new PairedSums(2, 1, 1_000_000, 3, 0, 0, 0, 0, 0), refilled);
        Assert.Equal(default, refilled - PairedSums.Of(0, 0) - PairedSums.Of(1_000_000, 3));
    }

    [Fact]
    public void RebasingMovesTheShiftsWithoutChangingTheMoments()
    {
        var sums = PairedSums.Of(10, 1) + PairedSums.Of(12, 2) + PairedSums.Of(17, 6);

        var rebased = sums.RebasedOnto(13, 3);

        // Deviations from (13, 3): x −3, −1, 4 and y −2, −1, 3.
        Assert.Equal(new PairedSums(3, 0, 13, 3, 0, 0, 26, 14, 19), rebased);
        Assert.Equal(Mean(sums).SumSquaredDeviations, Mean(rebased).SumSquaredDeviations, 12);
    }

    private static SampleMean Mean(PairedSums sums)
    {
        var v = sums.Fold();
        return SampleMean.FromShiftedSums(v.Count, v.ShiftX, v.SumX, v.SumXX);
    }

    private static void AssertClose(double expected, double actual, double relative, string what) =>
        Assert.True(Math.Abs(actual - expected) <= relative * Math.Abs(expected),
            $"{what}: expected {expected:R}, got {actual:R} (relative error {Math.Abs(actual - expected) / Math.Abs(expected):E2}, allowed {relative:E0})");
}
