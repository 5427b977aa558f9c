using Xunit;
using static Experimentation.Statistics.Tests.ReferenceVectors;

namespace Experimentation.Statistics.Tests;

public class DistributionTests
{
    public static TheoryData<string> PValueCases => Ids("t_pvalue");
    public static TheoryData<string> QuantileCases => Ids("t_quantile");
    public static TheoryData<string> LogCdfCases => Ids("normal_logcdf");

    [Theory, MemberData(nameof(PValueCases))]
    public void TwoSidedTPValueMatchesScipyTCdfIncludingTinyTails(string id)
    {
        var (input, expected) = Case(id);
        Close(expected.Number("p"), StudentTDistribution.TwoSidedPValue(input.Number("t"), input.Number("df")), Distribution);
    }

    [Theory, MemberData(nameof(QuantileCases))]
    public void TQuantileMatchesScipyTIsf(string id)
    {
        var (input, expected) = Case(id);
        Close(expected.Number("q"), StudentTDistribution.UpperQuantile(input.Number("tail"), input.Number("df")), Distribution);
    }

    [Theory, MemberData(nameof(LogCdfCases))]
    public void NormalLogCdfMatchesScipyNormLogcdfFromTheFarLowerTailToNearlyOne(string id)
    {
        var (input, expected) = Case(id);
        Close(expected.Number("logcdf"), NormalDistribution.LogCdf(input.Number("z")), Distribution);
    }

    [Fact]
    public void NormalTwoSidedPValueKeepsTailsFarBeyondWhereOneMinusCdfRoundsToZero()
    {
        // scipy.stats.norm.sf(12) * 2 = 3.552964224155306e-33
        Close(3.552964224155306e-33, NormalDistribution.TwoSidedPValue(12), Distribution);
    }

    [Fact]
    public void ChiSquaredSurvivalMatchesScipyChi2SfForSeveralDegreesOfFreedom()
    {
        // scipy.stats.chi2.sf(x, df)
        Close(0.0026997960632601883, ChiSquaredDistribution.Survival(9.0, 1), Distribution);
        Close(0.00012340980408667962, ChiSquaredDistribution.Survival(18.0, 2), Distribution);
        Close(0.0012340980408667957, ChiSquaredDistribution.Survival(18.0, 4), Distribution);
        Close(1.3800570312932553e-06, ChiSquaredDistribution.Survival(30.0, 3), Distribution);
    }
}
