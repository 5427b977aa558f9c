using Xunit;
using static Experimentation.Statistics.Tests.ReferenceVectors;

namespace Experimentation.Statistics.Tests;

public class MultiArmAnalysisTests
{
    private static readonly Proportion Control = new(3300, 330);

    [Fact]
    public void TwoArmsGiveExactlyTheTwoArmAnalysis()
    {
        var control = SampleMean.FromMoments(20_000, 10.0, 25.0);
        var treatment = SampleMean.FromMoments(20_000, 10.3, 26.0);
        var options = new AnalysisOptions { Mde = 0.2 };

        var result = MultiArmAnalysis.Analyze([control, treatment], [], options);

        Assert.Equal(TwoArmAnalysis.Analyze(control, treatment, options), Assert.Single(result.Comparisons));
        Assert.Equal(SampleRatioMismatch.Test(20_000, 20_000, 1, 1), result.Srm);
    }

    [Fact]
    public void SrmIsTestedOverEveryArmAsScipyChisquare()
    {
        // srm-009: 3300/3500/3200 is flagged over three arms (p = 0.00091), while control against each treatment is not.
        var (_, expected) = Case("srm-009");
        Proportion[] arms = [Control, new(3500, 350), new(3200, 330)];

        var result = MultiArmAnalysis.Analyze(arms, []);

        Close(expected.Number("chi2"), result.Srm.ChiSquared, Algebra);
        Close(expected.Number("p"), result.Srm.PValue, Distribution);
        Assert.Equal(2, result.Srm.DegreesOfFreedom);
        Assert.True(result.Srm.IsMismatch);
        Assert.All(result.Comparisons, c => Assert.False(c.Srm.IsMismatch));
        Assert.All(result.Comparisons, c => Assert.Equal(SignificanceBadge.SrmWarning, c.Badge));
    }

    [Fact]
    public void WeightsSetTheExpectedSplitOfEachPairAndOfTheWhole()
    {
        var (_, expected) = Case("srm-011");
        Proportion[] arms = [new(10_000, 1000), new(20_500, 2100), new(9_800, 990), new(10_100, 1000)];

        var result = MultiArmAnalysis.Analyze(arms, [1, 2, 1, 1]);

        Close(expected.Number("chi2"), result.Srm.ChiSquared, Algebra);
        Close(expected.Number("p"), result.Srm.PValue, Distribution);
        Assert.Equal(SampleRatioMismatch.Test(10_000, 20_500, 1, 2), result.Comparisons[0].Srm);
    }

    [Theory]
    [InlineData(CorrectionMethod.BenjaminiHochberg)]
    [InlineData(CorrectionMethod.Holm)]
    [InlineData(CorrectionMethod.None)]
    public void PValuesAreAdjustedAcrossTheTreatments(CorrectionMethod method)
    {
        Proportion[] arms = [new(10_000, 1000), new(10_000, 1080), new(10_000, 1110), new(10_000, 990)];
        var options = new AnalysisOptions { Correction = method };

        var result = MultiArmAnalysis.Analyze(arms, [], options);

        var raw = result.Comparisons.Select(c => c.Comparison.PValue).ToArray();
        var adjusted = MultipleComparisons.Adjust(raw, method);
        for (int i = 0; i < raw.Length; i++)
        {
            Assert.Equal(raw[i], result.Comparisons[i].DecisionPValue);
            Assert.Equal(adjusted[i], result.Comparisons[i].AdjustedPValue);
            Assert.Equal(adjusted[i] < 0.05 ? SignificanceBadge.Significant : SignificanceBadge.NotSignificant, result.Comparisons[i].Badge);
        }
        if (method != CorrectionMethod.None) Assert.True(result.Comparisons[0].AdjustedPValue > raw[0]);
    }

    [Fact]
    public void EachTreatmentCarriesItsOwnSequentialState()
    {
        Proportion[] first = [new(1000, 100), new(1000, 150), new(1000, 100)];
        Proportion[] second = [new(2000, 200), new(2000, 260), new(2000, 205)];

        var look1 = MultiArmAnalysis.Analyze(first, []);
        var look2 = MultiArmAnalysis.Analyze(second, [], null, [look1.Comparisons[0].Sequential.State, look1.Comparisons[1].Sequential.State]);

        for (int i = 0; i < 2; i++)
        {
            var alone = TwoArmAnalysis.Analyze(second[0], second[i + 1], null, look1.Comparisons[i].Sequential.State);
            Assert.Equal(alone.Sequential, look2.Comparisons[i].Sequential);
            Assert.Equal(2, look2.Comparisons[i].Sequential.State.Looks);
        }
    }

    [Fact]
    public void WeightsOfTheWrongLengthMakeSrmInvalidInsteadOfThrowing()
    {
        var result = MultiArmAnalysis.Analyze([Control, new Proportion(3300, 340)], [1.0]);
        Assert.Equal(StatisticsError.InvalidInput, result.Srm.Error);
        Assert.False(result.Srm.IsMismatch);
    }
}
