using Xunit;
using static Experimentation.Statistics.Tests.ReferenceVectors;

namespace Experimentation.Statistics.Tests;

public class TwoArmAnalysisTests
{
    private static readonly SampleMean Control = SampleMean.FromMoments(20_000, 10.0, 25.0);
    private static readonly SampleMean Treatment = SampleMean.FromMoments(20_000, 10.3, 26.0);

    [Fact]
    public void TheAnalysisComposesTheWelchTestTheMsprtLookAndSrm()
    {
        var options = new AnalysisOptions { Mde = 0.2 };
        var result = TwoArmAnalysis.Analyze(Control, Treatment, options);

        var welch = WelchTest.Compare(Control, Treatment);
        Assert.Equal(welch, result.Comparison);
        double s2 = welch.StandardError * welch.StandardError;
        var look = MixtureSequentialTest.Look(SequentialState.Initial, welch.Delta, s2,
            MixtureSequentialTest.TauSquared(0.05, 40_000, s2), 0.05, 0.2);
        Assert.Equal(look, result.Sequential);
        Assert.Equal(SampleRatioMismatch.Test(20_000, 20_000, 1, 1), result.Srm);
        Assert.Equal(PowerAnalysis.SampleSizePerArm(25.0, 0.2), result.RequiredSampleSizePerArm);
        Assert.False(result.IsUnderpowered);
        Assert.Equal(SignificanceBadge.Significant, result.Badge);
    }

    [Fact]
    public void SrmOutranksEveryOtherBadge()
    {
        var skewed = SampleMean.FromMoments(21_000, 10.3, 26.0);
        var result = TwoArmAnalysis.Analyze(Control, skewed, new AnalysisOptions { Mde = 0.01 });
        Assert.True(result.IsUnderpowered);
        Assert.True(result.Srm.IsMismatch);
        Assert.Equal(SignificanceBadge.SrmWarning, result.Badge);
    }

    [Fact]
    public void UnderpoweredOverridesASignificantPValue()
    {
        var result = TwoArmAnalysis.Analyze(Control, Treatment, new AnalysisOptions { Mde = 0.05 });
        Assert.True(result.Comparison.PValue < 0.05);
        Assert.True(result.RequiredSampleSizePerArm > 20_000);
        Assert.Equal(SignificanceBadge.Underpowered, result.Badge);
    }

    [Fact]
    public void WithoutAnMdeThereIsNoUnderpoweredVerdict()
    {
        var result = TwoArmAnalysis.Analyze(Control, Treatment);
        Assert.Equal(-1, result.RequiredSampleSizePerArm);
        Assert.Equal(SignificanceBadge.Significant, result.Badge);
    }

    [Fact]
    public void TheSequentialBadgeUsesTheAlwaysValidPValue()
    {
        var modest = SampleMean.FromMoments(20_000, 10.12, 25.0);
        var fixedHorizon = TwoArmAnalysis.Analyze(Control, modest);
        var sequential = TwoArmAnalysis.Analyze(Control, modest, new AnalysisOptions { DecisionMode = DecisionMode.Sequential });
        Assert.True(fixedHorizon.Comparison.PValue < 0.05);
        Assert.True(sequential.Sequential.AlwaysValidPValue >= 0.05);
        Assert.Equal(SignificanceBadge.Significant, fixedHorizon.Badge);
        Assert.Equal(SignificanceBadge.NotSignificant, sequential.Badge);
    }

    [Fact]
    public void TheSequentialStateCarriesAcrossAnalyses()
    {
        var first = TwoArmAnalysis.Analyze(Control, Treatment);
        var second = TwoArmAnalysis.Analyze(Control + Control, Treatment + SampleMean.FromMoments(20_000, 10.0, 25.0),
            previous: first.Sequential.State);
        Assert.Equal(2, second.Sequential.State.Looks);
        Assert.True(second.Sequential.AlwaysValidPValue <= first.Sequential.AlwaysValidPValue);
    }

    [Fact]
    public void ADegenerateMetricGetsAnErrorCodeAndANotSignificantBadge()
    {
        var flat = SampleMean.FromMoments(100, 1, 0);
        var result = TwoArmAnalysis.Analyze(flat, flat);
        Assert.Equal(StatisticsError.ZeroVariance, result.Comparison.Error);
        Assert.Equal(StatisticsError.ZeroVariance, result.Sequential.Error);
        Assert.Equal(0, result.Sequential.State.Looks);
        Assert.Equal(SignificanceBadge.NotSignificant, result.Badge);
    }

    [Fact]
    public void ConversionAndRatioMetricsRunThroughTheSameAnalysis()
    {
        var conversion = TwoArmAnalysis.Analyze(new Proportion(10_000, 1_000), new Proportion(10_000, 1_100),
            new AnalysisOptions { ContinuityCorrection = true });
        Assert.Equal(ConversionTest.Compare(new Proportion(10_000, 1_000), new Proportion(10_000, 1_100), 0.05, true), conversion.Comparison);
        Assert.Equal(SignificanceBadge.Significant, conversion.Badge);

        var ratioC = RatioSample.FromSums(1000, 5000, 2000, 40_000, 5000, 12_000);
        var ratioT = RatioSample.FromSums(1000, 5200, 2000, 42_000, 5000, 12_500);
        var ratio = TwoArmAnalysis.Analyze(ratioC, ratioT);
        Assert.Equal(WelchTest.Compare(ratioC, ratioT), ratio.Comparison);
    }

    [Theory]
    [InlineData(true, true, 0.001, SignificanceBadge.SrmWarning)]
    [InlineData(true, false, 0.9, SignificanceBadge.SrmWarning)]
    [InlineData(false, true, 0.001, SignificanceBadge.Underpowered)]
    [InlineData(false, false, 0.001, SignificanceBadge.Significant)]
    [InlineData(false, false, 0.05, SignificanceBadge.NotSignificant)]
    [InlineData(false, false, double.NaN, SignificanceBadge.NotSignificant)]
    public void FixedHorizonBadgePrecedenceIsSrmThenUnderpoweredThenP(bool srm, bool underpowered, double p, SignificanceBadge badge) =>
        Assert.Equal(badge, BadgeRules.Decide(DecisionMode.FixedHorizon, srm, underpowered, p, 0.05));

    [Theory]
    [InlineData(true, true, 0.001, SignificanceBadge.SrmWarning)]
    [InlineData(false, true, 0.001, SignificanceBadge.Significant)]
    [InlineData(false, true, 0.2, SignificanceBadge.Underpowered)]
    [InlineData(false, false, 0.05, SignificanceBadge.NotSignificant)]
    [InlineData(false, false, double.NaN, SignificanceBadge.NotSignificant)]
    public void SequentialBadgePrecedenceIsSrmThenAlwaysValidSignificanceThenUnderpowered(bool srm, bool underpowered, double p,
        SignificanceBadge badge) =>
        Assert.Equal(badge, BadgeRules.Decide(DecisionMode.Sequential, srm, underpowered, p, 0.05));
}
