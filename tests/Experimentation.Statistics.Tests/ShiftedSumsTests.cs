using Xunit;
using static Experimentation.Statistics.Tests.ReferenceVectors;

namespace Experimentation.Statistics.Tests;

/// <summary>
/// The constructors from shifted sums, which the live pipeline uses: expected values from vectors/shifted_sums.py,
/// exact rational arithmetic (fractions.Fraction) on float64 values near a large mean with a small spread.
/// </summary>
public class ShiftedSumsTests
{
    // The inputs are rounded once and the constructor rounds a few times more: a few ulps, far inside 1e-12.
    private const double Exact = 1e-12;

    public static TheoryData<string> MeanCases => Ids("shifted_mean");
    public static TheoryData<string> RatioCases => Ids("shifted_ratio");

    [Theory, MemberData(nameof(MeanCases))]
    public void AMeanFromShiftedSumsHasTheExactMeanAndVariance(string id)
    {
        var (input, expected) = Case(id);

        var sample = SampleMean.FromShiftedSums(input.GetProperty("n").GetInt64(), input.Number("shift"), input.Number("sum"), input.Number("sum_squares"));

        Assert.Equal(input.GetProperty("n").GetInt64(), sample.Count);
        Close(expected.Number("mean"), sample.Mean, Exact, what: "mean");
        Close(expected.Number("m2"), sample.SumSquaredDeviations, Exact, what: "M2");
        Close(expected.Number("var"), sample.Variance, Exact, what: "variance");
    }

    [Theory, MemberData(nameof(RatioCases))]
    public void ARatioFromShiftedSumsHasTheExactMomentsAndDeltaMethodVariance(string id)
    {
        var (input, expected) = Case(id);

        var sample = RatioSample.FromShiftedSums(input.GetProperty("n").GetInt64(), input.Number("shift_m"), input.Number("shift_d"),
            input.Number("sum_m"), input.Number("sum_d"), input.Number("sum_mm"), input.Number("sum_dd"), input.Number("sum_md"));

        Close(expected.Number("mean_m"), sample.NumeratorMean, Exact, what: "numerator mean");
        Close(expected.Number("mean_d"), sample.DenominatorMean, Exact, what: "denominator mean");
        Close(expected.Number("m2_m"), sample.NumeratorM2, Exact, what: "numerator M2");
        Close(expected.Number("m2_d"), sample.DenominatorM2, Exact, what: "denominator M2");
        // The co-moment can be near 0 by cancellation; its precision is that of √(M2_M·M2_D).
        Close(expected.Number("co_moment"), sample.CoMoment, Exact, Math.Sqrt(expected.Number("m2_m") * expected.Number("m2_d")), what: "co-moment");
        Close(expected.Number("ratio"), sample.Ratio, Exact, what: "ratio");
        Close(expected.Number("var"), sample.ToSummary().Variance, 1e-10, what: "delta-method variance");
    }

    [Fact]
    public void AShiftNearTheDataKeepsTheVarianceThatAShiftOfZeroLoses()
    {
        // Values 1e6 + {0.25, 0.5, 1}: Σ(x − x̄)² = 7/24 exactly, whichever data value is the shift.
        double[] values = [1_000_000.25, 1_000_000.5, 1_000_001];
        SampleMean Shifted(double shift) =>
            SampleMean.FromShiftedSums(3, shift, values.Sum(x => x - shift), values.Sum(x => (x - shift) * (x - shift)));
        foreach (var shift in values)
        {
            Close(1_000_000 + 1.75 / 3, Shifted(shift).Mean, Exact, what: "mean");
            Close(7.0 / 24, Shifted(shift).SumSquaredDeviations, Exact, what: "M2");
        }
        // A shift of 0 is raw sums: Σx² ≈ 3e12 carries ulps of 5e-4, so M2 keeps about three digits.
        Assert.True(Math.Abs(Shifted(0).SumSquaredDeviations - 7.0 / 24) > 1e-9);
    }

    [Fact]
    public void EmptyShiftedSumsAreAnEmptySample()
    {
        Assert.Equal(default, SampleMean.FromShiftedSums(0, 5, 0, 0));
        Assert.Equal(default, RatioSample.FromShiftedSums(0, 5, 1, 0, 0, 0, 0, 0));
    }
}
