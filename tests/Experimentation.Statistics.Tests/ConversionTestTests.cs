using System.Text.Json;
using Xunit;
using static Experimentation.Statistics.Tests.ReferenceVectors;

namespace Experimentation.Statistics.Tests;

public class ConversionTestTests
{
    public static TheoryData<string> ConversionCases => Ids("conversion");
    public static TheoryData<string> DegenerateCases => Ids("degenerate_conversion");

    [Theory, MemberData(nameof(ConversionCases))]
    public void ChiSquaredAndRateCiMatchScipyChi2Contingency(string id)
    {
        var (input, expected) = Case(id);
        var result = ConversionTest.Compare(Arm(input.GetProperty("control")), Arm(input.GetProperty("treatment")),
            input.Number("alpha"), input.GetProperty("correction").GetBoolean());

        Assert.Equal(expected.GetProperty("error").GetString(), result.Error.ToString());
        Close(expected.Number("chi2"), result.Statistic, Algebra, 1e-6, "chi2");
        Close(expected.Number("p"), result.PValue, Distribution, what: "p");
        double se = expected.Number("se");
        Close(expected.Number("delta"), result.Delta, Algebra, se, "delta");
        Close(se, result.StandardError, Algebra, what: "se");
        double half = (expected.Number("ci_upper") - expected.Number("ci_lower")) / 2;
        Close(expected.Number("ci_lower"), result.ConfidenceInterval.Lower, Distribution, half, "ci lower");
        Close(expected.Number("ci_upper"), result.ConfidenceInterval.Upper, Distribution, half, "ci upper");
        if (result.Error == StatisticsError.ZeroBaseline) return;
        double liftHalf = (expected.Number("lift_upper") - expected.Number("lift_lower")) / 2;
        Close(expected.Number("lift"), result.Lift, Algebra, liftHalf, "lift");
        Close(expected.Number("lift_lower"), result.LiftConfidenceInterval.Lower, Distribution, liftHalf, "lift lower");
        Close(expected.Number("lift_upper"), result.LiftConfidenceInterval.Upper, Distribution, liftHalf, "lift upper");
    }

    [Theory, MemberData(nameof(DegenerateCases))]
    public void DegenerateTablesReturnAnErrorCodeInsteadOfThrowing(string id)
    {
        var (input, expected) = Case(id);
        var result = ConversionTest.Compare(Arm(input.GetProperty("control")), Arm(input.GetProperty("treatment")));
        Assert.Equal(expected.GetProperty("error").GetString(), result.Error.ToString());
        Assert.False(result.HasTest);
    }

    [Fact]
    public void PearsonChiSquaredIsTheSquareOfTheTwoProportionZ()
    {
        var control = new Proportion(1000, 100);
        var treatment = new Proportion(1200, 150);
        double pooled = 250.0 / 2200;
        double z = (150.0 / 1200 - 0.1) / Math.Sqrt(pooled * (1 - pooled) * (1.0 / 1000 + 1.0 / 1200));
        Close(z * z, ConversionTest.Compare(control, treatment).Statistic, Algebra);
    }

    [Fact]
    public void AZeroControlRateKeepsTheTestButNotTheLift()
    {
        var result = ConversionTest.Compare(new Proportion(20, 0), new Proportion(20, 5));
        Assert.Equal(StatisticsError.ZeroBaseline, result.Error);
        Assert.True(result.HasTest);
        Assert.True(result.PValue is > 0 and < 1);
        Assert.True(double.IsNaN(result.Lift));
    }

    private static Proportion Arm(JsonElement e) => new(e.GetProperty("n").GetInt64(), e.GetProperty("c").GetInt64());
}
