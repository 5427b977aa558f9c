using Xunit;
using static Experimentation.Statistics.Tests.ReferenceVectors;

namespace Experimentation.Statistics.Tests;

public class PowerAnalysisTests
{
    public static TheoryData<string> SampleSizeCases => Ids("sample_size");
    public static TheoryData<string> PowerCases => Ids("power");
    public static TheoryData<string> MdeCases => Ids("mde");
    public static TheoryData<string> ConversionCases => Ids("conversion_sample_size");

    [Theory, MemberData(nameof(SampleSizeCases))]
    public void SampleSizePerArmMatchesTheFormulaAndStatsmodelsNormalIndPower(string id)
    {
        var (input, expected) = Case(id);
        double variance = input.Number("var"), mde = input.Number("mde"), alpha = input.Number("alpha"), power = input.Number("power");
        Close(expected.Number("exact"), PowerAnalysis.ExactSampleSizePerArm(variance, mde, alpha, power), Distribution);
        long n = PowerAnalysis.SampleSizePerArm(variance, mde, alpha, power);
        Assert.Equal(expected.GetProperty("n").GetInt64(), n);
        Assert.Equal(expected.GetProperty("statsmodels_n").GetInt64(), n);
    }

    [Theory, MemberData(nameof(PowerCases))]
    public void PowerMatchesStatsmodelsNormalIndPower(string id)
    {
        var (input, expected) = Case(id);
        double power = PowerAnalysis.Power(input.Number("var"), input.GetProperty("n").GetInt64(), input.Number("mde"), input.Number("alpha"));
        Close(expected.Number("power"), power, Distribution);
    }

    [Theory, MemberData(nameof(MdeCases))]
    public void MinimumDetectableEffectMatchesTheFormulaWithScipyQuantiles(string id)
    {
        var (input, expected) = Case(id);
        double mde = PowerAnalysis.MinimumDetectableEffect(input.Number("var"), input.GetProperty("n").GetInt64(),
            input.Number("alpha"), input.Number("power"));
        Close(expected.Number("mde"), mde, Distribution);
    }

    [Theory, MemberData(nameof(ConversionCases))]
    public void ConversionSampleSizeMatchesTheFormulaAndStatsmodels(string id)
    {
        var (input, expected) = Case(id);
        bool twoRates = input.GetProperty("two_rates").GetBoolean();
        Close(expected.Number("exact"), PowerAnalysis.ExactSampleSizePerArmForConversion(input.Number("rate"), input.Number("mde"),
            twoRates: twoRates), Distribution);
        long n = PowerAnalysis.SampleSizePerArmForConversion(input.Number("rate"), input.Number("mde"), twoRates: twoRates);
        Assert.Equal(expected.GetProperty("n").GetInt64(), n);
        if (expected.TryGetProperty("statsmodels_n", out var statsmodels)) Assert.Equal(statsmodels.GetInt64(), n);
    }

    [Fact]
    public void TheDesignDocFigureRoundsUpAfterTrimmingFloatingPointNoise()
    {
        // Baseline rate 20%, MDE 1 point: (1.96 + 0.84)²·2·0.16/0.01² is 25088 on paper, 25088.000000000004 in doubles.
        double raw = PowerAnalysis.FromQuantiles(1.96, 0.84, 2 * 0.2 * (1 - 0.2), 0.01);
        Assert.True(raw > 25088);
        Assert.Equal(25089, (long)Math.Ceiling(raw));
        Assert.Equal(25088, PowerAnalysis.RoundUp(raw));
        // Exact quantiles need 29 more units per arm: 25116.415 → 25117 (scipy.stats.norm; statsmodels NormalIndPower 25116.354).
        Assert.Equal(25117, PowerAnalysis.SampleSizePerArmForConversion(0.2, 0.01));
    }

    [Fact]
    public void RoundingUpStillRoundsUpGenuineFractions()
    {
        Assert.Equal(14113, PowerAnalysis.RoundUp(14112.0001));
        Assert.Equal(1, PowerAnalysis.RoundUp(0.2));
        Assert.Equal(-1, PowerAnalysis.RoundUp(double.NaN));
    }

    [Fact]
    public void AnArmBelowTheRequiredSampleIsUnderpowered()
    {
        Assert.True(PowerAnalysis.IsUnderpowered(14127, 14128));
        Assert.False(PowerAnalysis.IsUnderpowered(14128, 14128));
        Assert.False(PowerAnalysis.IsUnderpowered(10, -1));
    }
}
