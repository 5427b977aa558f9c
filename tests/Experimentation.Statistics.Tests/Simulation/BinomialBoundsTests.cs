using Xunit;
using static Experimentation.Statistics.Tests.ReferenceVectors;

namespace Experimentation.Statistics.Tests.Simulation;

/// <summary>The simulations' own bounds, against scipy.stats.binom.cdf and scipy.stats.beta.ppf.</summary>
public class BinomialBoundsTests
{
    public static TheoryData<string> CdfCases => Ids("binomial_cdf");

    public static TheoryData<string> ClopperPearsonCases => Ids("clopper_pearson");

    [Theory, MemberData(nameof(CdfCases))]
    public void TheBinomialCdfMatchesScipy(string id)
    {
        var (input, expected) = Case(id);
        Close(expected.Number("cdf"), BinomialBounds.Cdf(input.GetProperty("k").GetInt32(), input.GetProperty("n").GetInt32(),
            input.Number("p")), Algebra);
    }

    [Theory, MemberData(nameof(ClopperPearsonCases))]
    public void TheClopperPearsonUpperBoundMatchesScipysBetaQuantile(string id)
    {
        var (input, expected) = Case(id);
        Close(expected.Number("upper"), BinomialBounds.ClopperPearsonUpper(input.GetProperty("k").GetInt32(),
            input.GetProperty("n").GetInt32(), input.Number("confidence")), Distribution);
    }
}
