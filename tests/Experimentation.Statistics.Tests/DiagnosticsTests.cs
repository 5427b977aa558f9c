using Xunit;
using static Experimentation.Statistics.Tests.ReferenceVectors;

namespace Experimentation.Statistics.Tests;

public class DiagnosticsTests
{
    public static TheoryData<string> SrmCases => Ids("srm");
    public static TheoryData<string> MultipleCases => Ids("multiple");

    [Theory, MemberData(nameof(SrmCases))]
    public void SampleRatioMismatchMatchesScipyChisquare(string id)
    {
        var (input, expected) = Case(id);
        var counts = input.GetProperty("counts").EnumerateArray().Select(c => c.GetInt64()).ToArray();
        var weights = input.GetProperty("weights").EnumerateArray().Select(w => w.GetDouble()).ToArray();
        var result = SampleRatioMismatch.Test(counts, weights);
        Close(expected.Number("chi2"), result.ChiSquared, Algebra, 1e-9);
        Close(expected.Number("p"), result.PValue, Distribution);
        Assert.Equal(expected.GetProperty("df").GetInt32(), result.DegreesOfFreedom);
        Assert.Equal(expected.GetProperty("flagged").GetBoolean(), result.IsMismatch);
    }

    [Theory, MemberData(nameof(MultipleCases))]
    public void AdjustedPValuesMatchStatsmodelsMultipletests(string id)
    {
        var (input, expected) = Case(id);
        var p = input.GetProperty("p").EnumerateArray().Select(x => x.GetDouble()).ToArray();
        var method = Enum.Parse<CorrectionMethod>(input.GetProperty("method").GetString()!);
        var adjusted = MultipleComparisons.Adjust(p, method);
        var wanted = expected.GetProperty("adjusted").EnumerateArray().Select(x => x.GetDouble()).ToArray();
        Assert.Equal(wanted.Length, adjusted.Length);
        for (int i = 0; i < wanted.Length; i++) Close(wanted[i], adjusted[i], Algebra);
    }

    [Fact]
    public void AnUntestedResultKeepsItsNaNAndDoesNotCount()
    {
        var adjusted = MultipleComparisons.Adjust([0.01, double.NaN, 0.04], CorrectionMethod.Holm);
        Assert.Equal(0.02, adjusted[0], 15);
        Assert.True(double.IsNaN(adjusted[1]));
        Assert.Equal(0.04, adjusted[2], 15);
    }

    [Fact]
    public void SrmWithMismatchedOrNonPositiveWeightsIsInvalidInput()
    {
        Assert.Equal(StatisticsError.InvalidInput, SampleRatioMismatch.Test([10, 10], [1.0]).Error);
        Assert.Equal(StatisticsError.InvalidInput, SampleRatioMismatch.Test(10, 10, 1, 0).Error);
        Assert.Equal(StatisticsError.TooFewUnits, SampleRatioMismatch.Test(0, 0, 1, 1).Error);
        Assert.False(SampleRatioMismatch.Test(0, 0, 1, 1).IsMismatch);
    }
}
