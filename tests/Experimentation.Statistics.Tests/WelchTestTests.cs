using System.Text.Json;
using Xunit;
using static Experimentation.Statistics.Tests.ReferenceVectors;

namespace Experimentation.Statistics.Tests;

public class WelchTestTests
{
    public static TheoryData<string> WelchCases => Ids("welch");
    public static TheoryData<string> RatioCases => Ids("ratio");
    public static TheoryData<string> DegenerateCases => Ids("degenerate_welch");

    [Theory, MemberData(nameof(WelchCases))]
    public void WelchTestMatchesScipyTtestIndFromStats(string id)
    {
        var (input, expected) = Case(id);
        var df = input.GetProperty("df_method").GetString() == "pooled" ? DegreesOfFreedomMethod.Pooled : DegreesOfFreedomMethod.Welch;
        var result = WelchTest.Compare(input.GetProperty("control").Arm(), input.GetProperty("treatment").Arm(), input.Number("alpha"), df);
        AssertMatches(expected, result);
    }

    [Theory, MemberData(nameof(RatioCases))]
    public void RatioMetricByTheDeltaMethodMatchesNumpyAndScipy(string id)
    {
        var (input, expected) = Case(id);
        var result = WelchTest.Compare(Ratio(input.GetProperty("control")), Ratio(input.GetProperty("treatment")), input.Number("alpha"));
        AssertMatches(expected, result);
    }

    [Theory, MemberData(nameof(DegenerateCases))]
    public void DegenerateMeanInputReturnsAnErrorCodeInsteadOfThrowing(string id)
    {
        var (input, expected) = Case(id);
        var result = WelchTest.Compare(input.GetProperty("control").Arm(), input.GetProperty("treatment").Arm());
        Assert.Equal(expected.GetProperty("error").GetString(), result.Error.ToString());
        Assert.False(result.HasTest);
    }

    [Fact]
    public void RatioWithAZeroDenominatorReturnsAnErrorCode()
    {
        var (input, expected) = Case("degenerate_ratio-001");
        var result = WelchTest.Compare(Ratio(input.GetProperty("control")), Ratio(input.GetProperty("treatment")));
        Assert.Equal(expected.GetProperty("error").GetString(), result.Error.ToString());
    }

    [Fact]
    public void AnAlphaOutsideZeroToOneIsInvalidInput()
    {
        var arm = SampleMean.FromMoments(10, 1, 1);
        Assert.Equal(StatisticsError.InvalidInput, WelchTest.Compare(arm, arm, alpha: 1.5).Error);
        Assert.Equal(StatisticsError.InvalidInput, WelchTest.Compare(arm, arm, alpha: double.NaN).Error);
    }

    [Fact]
    public void AnEffectOrDfBeyondTheRangeOfADoubleIsInvalidInputNotSignificance()
    {
        var low = SampleMean.FromMoments(2, -1e308, 1e308);
        var high = SampleMean.FromMoments(2, 1e308, 1e308);
        var huge = SampleMean.FromMoments(2, 1, 1.7e308);
        Assert.Equal(StatisticsError.InvalidInput, WelchTest.Compare(low, high).Error);
        Assert.True(double.IsNaN(WelchTest.Compare(low, high).PValue));
        Assert.Equal(StatisticsError.InvalidInput, WelchTest.Compare(huge, huge).Error);
    }

    internal static void AssertMatches(JsonElement expected, ComparisonResult result)
    {
        Assert.Equal(expected.GetProperty("error").GetString(), result.Error.ToString());
        double se = expected.Number("se");
        Close(expected.Number("delta"), result.Delta, Algebra, se, "delta");
        Close(se, result.StandardError, Algebra, what: "se");
        Close(expected.Number("t"), result.Statistic, Algebra, 1e-3, "t");
        Close(expected.Number("df"), result.DegreesOfFreedom, Algebra, what: "df");
        Close(expected.Number("p"), result.PValue, Distribution, what: "p");
        double half = (expected.Number("ci_upper") - expected.Number("ci_lower")) / 2;
        Close(expected.Number("ci_lower"), result.ConfidenceInterval.Lower, Distribution, half, "ci lower");
        Close(expected.Number("ci_upper"), result.ConfidenceInterval.Upper, Distribution, half, "ci upper");
        if (result.Error == StatisticsError.ZeroBaseline)
        {
            Assert.True(double.IsNaN(result.Lift));
            return;
        }
        double liftHalf = (expected.Number("lift_upper") - expected.Number("lift_lower")) / 2;
        Close(expected.Number("lift"), result.Lift, Algebra, liftHalf, "lift");
        Close(expected.Number("lift_lower"), result.LiftConfidenceInterval.Lower, Distribution, liftHalf, "lift lower");
        Close(expected.Number("lift_upper"), result.LiftConfidenceInterval.Upper, Distribution, liftHalf, "lift upper");
    }

    private static RatioSample Ratio(JsonElement e) => RatioSample.FromSums(e.GetProperty("n").GetInt64(), e.Number("sum_m"),
        e.Number("sum_d"), e.Number("sum_mm"), e.Number("sum_dd"), e.Number("sum_md"));
}
