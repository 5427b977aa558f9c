using Experimentation.Dashboard.Services;
using Experimentation.Statistics;

namespace Experimentation.Dashboard.Tests.Components;

/// <summary>The number formats the issue names, and the edges: rounding to zero, missing values, tiny p.</summary>
public sealed class FormatsTests
{
    [Fact]
    public void ALiftWithItsIntervalReadsAsInTheIssue() =>
        Assert.Equal("+2.31% [\u22120.4%, +5.1%]", Formats.LiftWithInterval(0.0231, -0.004, 0.051));

    [Theory]
    [InlineData(0.012, "p = 0.012")]
    [InlineData(0.0004, "p < 0.001")]
    [InlineData(0.001, "p = 0.001")]
    [InlineData(1.0, "p = 1.000")]
    [InlineData(null, "p = \u2014")]
    public void PValuesReadWithThreeDecimals(double? p, string text) => Assert.Equal(text, Formats.P(p));

    [Fact]
    public void AChangeThatRoundsToZeroHasNoSign() => Assert.Equal("0.00%", Formats.Percent(-0.00001));

    [Fact]
    public void AMissingNumberIsADash()
    {
        Assert.Equal("\u2014 [\u2014, \u2014]", Formats.LiftWithInterval(null, null, null));
        Assert.Equal("\u2014", Formats.Value(double.NaN, MetricKind.Mean));
    }

    [Fact]
    public void SharesOfTheWeightsAreShownInPercent()
    {
        Assert.Equal("33.3%", Formats.Share(1, 3));
        Assert.Equal("\u2014", Formats.Share(0, 0));
    }

    [Theory]
    [InlineData(150, "1.5%")]
    [InlineData(500, "5%")]
    [InlineData(1, "0.01%")]
    [InlineData(0, "0%")]
    public void AShareInBasisPointsReadsAsAPercent(int basisPoints, string text) => Assert.Equal(text, Formats.BasisPoints(basisPoints));
}
