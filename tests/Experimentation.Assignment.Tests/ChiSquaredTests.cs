namespace Experimentation.Assignment.Tests;

/// <summary>The test-side χ² tail against SciPy 1.10 (scipy.stats.chi2.sf), so the property tests rest on a checked p-value.</summary>
public class ChiSquaredTests
{
    [Theory]
    [InlineData(3.841458820694124, 1, 0.04999999999999989)]
    [InlineData(999, 999, 0.4940498779585279)]
    [InlineData(1100, 999, 0.013818467525532353)]
    [InlineData(7.81, 3, 0.05010605635000589)]
    [InlineData(120, 81, 0.003195142688024627)]
    [InlineData(0.5, 4, 0.9735009788392561)]
    [InlineData(30, 10, 0.000856641210775301)]
    public void UpperTailMatchesScipy(double statistic, int degreesOfFreedom, double expected) =>
        Assert.Equal(expected, ChiSquared.UpperTail(statistic, degreesOfFreedom), 1e-9);
}
