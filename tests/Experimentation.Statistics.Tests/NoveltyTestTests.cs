using System.Text.Json;
using Xunit;
using static Experimentation.Statistics.Tests.ReferenceVectors;

namespace Experimentation.Statistics.Tests;

/// <summary>
/// The novelty z-test against vectors/generate.py: exact fractions.Fraction moments of the same per-user values
/// (cross-checked with numpy.cov), the delta-method Var(D), D by math.log1p and p = 2·scipy.stats.norm.sf(|z|).
/// </summary>
public class NoveltyTestTests
{
    // Effects and D are differences of ratios of double means, so their precision is absolute, a few ε; it is all an
    // effect of 1e-8 on latencies near 1e6 can keep. Everything else is compared relatively (Algebra, Distribution).
    private const double RatioRounding = 1e-15;

    public static TheoryData<string> NoveltyCases => Ids("novelty");

    public static TheoryData<string> DegenerateCases => Ids("degenerate_novelty");

    [Theory, MemberData(nameof(NoveltyCases))]
    public void EffectsAndTheLogRatioZTestMatchTheReferenceOnPerUserValues(string id)
    {
        var (input, expected) = Case(id);
        var result = NoveltyTest.Evaluate(FromValues(input.GetProperty("control")), FromValues(input.GetProperty("treatment")));
        AssertMatches(expected, result);
    }

    [Theory, MemberData(nameof(NoveltyCases))]
    public void TheShardsShiftedSumsGiveTheSameTest(string id)
    {
        var (input, expected) = Case(id);
        var result = NoveltyTest.Evaluate(FromShifted(input.GetProperty("control")), FromShifted(input.GetProperty("treatment")));
        AssertMatches(expected, result);
    }

    [Theory, MemberData(nameof(DegenerateCases))]
    public void DegenerateInputReturnsItsErrorCodeAndNoFlag(string id)
    {
        var (input, expected) = Case(id);
        var result = NoveltyTest.Evaluate(FromValues(input.GetProperty("control")), FromValues(input.GetProperty("treatment")));
        Assert.Equal(Enum.Parse<StatisticsError>(expected.GetProperty("error").GetString()!), result.Error);
        Assert.False(result.IsNovelty);
        Assert.True(double.IsNaN(result.Z) && double.IsNaN(result.PValue) && double.IsNaN(result.StandardError));
    }

    [Fact]
    public void AnIdenticalFadingEffectIsFlaggedInEitherDirection()
    {
        // Control: early 10, late 30 for half the users and early 12, late 33 for the rest; treatment scales early only.
        var control = Users(1000, (10, 30), (12, 33));
        var up = Users(1000, (13, 30), (15.6, 33));
        var down = Users(1000, (7, 30), (8.4, 33));
        var upResult = NoveltyTest.Evaluate(control, up);
        var downResult = NoveltyTest.Evaluate(control, down);
        Assert.True(upResult.IsNovelty, $"+30% early: {upResult}");
        Assert.True(downResult.IsNovelty, $"−30% early: {downResult}");
        Close(0.3, upResult.EarlyEffect, Algebra);
        Close(-0.3, downResult.EarlyEffect, Algebra);
        Assert.Equal(0, upResult.LateEffect);
    }

    [Fact]
    public void ASignificantlyGrowingEffectIsNotANovelty()
    {
        var control = Users(1000, (10, 30), (12, 33));
        var growing = Users(1000, (10.2, 45), (12.24, 49.5));
        var result = NoveltyTest.Evaluate(control, growing);
        Assert.True(result.PValue < 1e-6, $"{result}");
        Assert.False(result.IsNovelty);
    }

    [Fact]
    public void InvalidAlphaOrNonFiniteMomentsAreInvalidInput()
    {
        var sample = Users(10, (1, 2), (2, 5));
        Assert.Equal(StatisticsError.InvalidInput, NoveltyTest.Evaluate(sample, sample, alpha: 0).Error);
        Assert.Equal(StatisticsError.InvalidInput, NoveltyTest.Evaluate(sample, sample, alpha: 1).Error);
        Assert.Equal(StatisticsError.InvalidInput, NoveltyTest.Evaluate(sample, sample with { LateMean = double.NaN }).Error);
        Assert.Equal(StatisticsError.InvalidInput, NoveltyTest.Evaluate(sample with { EarlyM2 = -1 }, sample).Error);
        Assert.Equal(StatisticsError.TooFewUnits, NoveltyTest.Evaluate(default, default).Error);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 1)]
    [InlineData(7, 1)]
    [InlineData(10, 2)]
    [InlineData(14, 3)]
    [InlineData(28, 6)]
    [InlineData(30, 6)]
    public void TheEarlyWindowIsTwentyPercentOfTheExperimentWindowRoundedAndAtLeastOneDay(int windowDays, int early) =>
        Assert.Equal(early, NoveltyTest.EarlyWindowDays(windowDays));

    private static void AssertMatches(JsonElement expected, NoveltyResult result)
    {
        Assert.Equal(StatisticsError.None, result.Error);
        double se = expected.Number("se"), z = expected.Number("z");
        Close(expected.Number("early_effect"), result.EarlyEffect, Algebra, RatioRounding / Algebra, "early effect");
        Close(expected.Number("late_effect"), result.LateEffect, Algebra, RatioRounding / Algebra, "late effect");
        Close(expected.Number("difference"), result.Difference, Algebra, 2 * RatioRounding / Algebra, "D");
        Close(se, result.StandardError, Algebra, what: "SE");
        // An error δD in D moves z by δD/SE and ln p by about |z|·δD/SE.
        double zError = 2 * RatioRounding / se;
        Close(z, result.Z, Algebra, zError / Algebra, "z");
        Close(expected.Number("p"), result.PValue, Distribution + Math.Abs(z) * zError, what: "p");
        Assert.Equal(expected.GetProperty("novelty").GetBoolean(), result.IsNovelty);
    }

    private static NoveltySample FromValues(JsonElement arm) => NoveltySample.FromValues(Values(arm, "early"), Values(arm, "late"));

    private static NoveltySample FromShifted(JsonElement arm)
    {
        var s = arm.GetProperty("shifted");
        return NoveltySample.FromShiftedSums(s.GetProperty("n").GetInt64(), s.Number("shift_early"), s.Number("shift_late"),
            s.Number("sum_early"), s.Number("sum_late"), s.Number("sum_early_squares"), s.Number("sum_late_squares"),
            s.Number("sum_products"));
    }

    private static double[] Values(JsonElement arm, string name) =>
        arm.GetProperty(name).EnumerateArray().Select(v => v.GetDouble()).ToArray();

    private static NoveltySample Users(int each, params (double Early, double Late)[] kinds)
    {
        var sample = default(NoveltySample);
        foreach (var (early, late) in kinds)
            for (int i = 0; i < each; i++) sample = sample.Add(early, late);
        return sample;
    }
}
