using Experimentation.Statistics.Reports;
using Xunit;
using static Experimentation.Statistics.Tests.ReferenceVectors;

namespace Experimentation.Statistics.Tests;

/// <summary>The one analysis entry point: arms, metrics, SRM over every arm, the family, the decision modes and the states.</summary>
public class ExperimentAnalyzerTests
{
    private static readonly Proportion Control = new(3300, 330);

    private static ExperimentInput Input(Proportion[] arms, double[]? weights = null, ExperimentSettings? settings = null,
        params MetricInput[] extra)
    {
        var armInputs = arms.Select((a, i) => new ArmInput(i == 0 ? "control" : $"t{i}", weights?[i] ?? 1, a.Count)).ToArray();
        return new ExperimentInput(armInputs, [new MetricInput("m", AnalysisRole.Primary, MetricSamples.Of(arms)), .. extra],
            settings ?? ExperimentSettings.Default);
    }

    [Fact]
    public void TwoArmsGiveExactlyTheTwoArmAnalysisNumbers()
    {
        var control = SampleMean.FromMoments(20_000, 10.0, 25.0);
        var treatment = SampleMean.FromMoments(20_000, 10.3, 26.0);
        var settings = ExperimentSettings.Default with { Mde = 0.02, Options = AnalysisOptions.Default with { DecisionMode = DecisionMode.FixedHorizon } };
        var input = new ExperimentInput([new ArmInput("c", 1, 20_000), new ArmInput("t", 1, 20_000)],
            [new MetricInput("m", AnalysisRole.Primary, MetricSamples.Of(control, treatment))], settings);

        var c = Assert.Single(ExperimentAnalyzer.Analyze(input).Report.Metrics.Single().Comparisons);

        var alone = TwoArmAnalysis.Analyze(control, treatment, AnalysisOptions.Default with { Mde = 0.2 });
        Assert.Equal(alone.Comparison.Statistic, c.Statistic);
        Assert.Equal(alone.Comparison.PValue, c.PValue);
        Assert.Equal(alone.Comparison.PValue, c.AdjustedPValue);
        Assert.Equal(alone.Sequential.AlwaysValidPValue, c.Sequential.AlwaysValidPValue);
        Assert.Equal(alone.RequiredSampleSizePerArm, c.Power.RequiredSampleSizePerArm);
        Assert.Equal(0.2, c.Power.MdeAbsolute!.Value, 12);
        Assert.Equal(alone.Badge, c.Badge);
    }

    [Fact]
    public void SrmIsTestedOverEveryArmAsScipyChisquareAndFlagsEveryBadge()
    {
        // srm-009: 3300/3500/3200 is flagged over three arms (p = 0.00091), while control against each treatment is not.
        var (_, expected) = Case("srm-009");
        Proportion[] arms = [Control, new(3500, 350), new(3200, 330)];
        var other = new MetricInput("other", AnalysisRole.Informational, MetricSamples.Of(arms));

        var report = ExperimentAnalyzer.Analyze(Input(arms, extra: other)).Report;

        Close(expected.Number("chi2"), report.Srm.ChiSquared!.Value, Algebra);
        Close(expected.Number("p"), report.Srm.PValue!.Value, Distribution);
        Assert.Equal(2, report.Srm.DegreesOfFreedom);
        Assert.True(report.Srm.Flagged);
        Assert.False(SampleRatioMismatch.Test(3300, 3500, 1, 1).IsMismatch);
        Assert.All(report.Metrics.SelectMany(m => m.Comparisons), c => Assert.Equal(SignificanceBadge.SrmWarning, c.Badge));
    }

    [Fact]
    public void WeightsSetTheExpectedSplit()
    {
        var (_, expected) = Case("srm-011");
        Proportion[] arms = [new(10_000, 1000), new(20_500, 2100), new(9_800, 990), new(10_100, 1000)];

        var report = ExperimentAnalyzer.Analyze(Input(arms, [1, 2, 1, 1])).Report;

        Close(expected.Number("chi2"), report.Srm.ChiSquared!.Value, Algebra);
        Close(expected.Number("p"), report.Srm.PValue!.Value, Distribution);
    }

    [Theory]
    [InlineData(CorrectionMethod.BenjaminiHochberg)]
    [InlineData(CorrectionMethod.Holm)]
    [InlineData(CorrectionMethod.None)]
    public void PValuesAreAdjustedAcrossThePrimaryMetricsAndTreatments(CorrectionMethod method)
    {
        Proportion[] arms = [new(10_000, 1000), new(10_000, 1080), new(10_000, 1110)];
        Proportion[] second = [new(10_000, 500), new(10_000, 560), new(10_000, 490)];
        var settings = ExperimentSettings.Default with
        {
            Options = AnalysisOptions.Default with { Correction = method, DecisionMode = DecisionMode.FixedHorizon },
        };
        var input = Input(arms, settings: settings,
            extra: [new MetricInput("m2", AnalysisRole.Primary, MetricSamples.Of(second)), new MetricInput("info", AnalysisRole.Informational, MetricSamples.Of(second))]);

        var metrics = ExperimentAnalyzer.Analyze(input).Report.Metrics;

        var family = metrics.Take(2).SelectMany(m => m.Comparisons).ToArray();
        var adjusted = MultipleComparisons.Adjust(family.Select(c => c.PValue!.Value).ToArray(), method);
        for (int i = 0; i < family.Length; i++)
        {
            Assert.Equal(adjusted[i], family[i].AdjustedPValue);
            Assert.Equal(adjusted[i] < 0.05 ? SignificanceBadge.Significant : SignificanceBadge.NotSignificant, family[i].Badge);
        }
        Assert.All(metrics[2].Comparisons, c => Assert.Null(c.AdjustedPValue));
    }

    [Fact]
    public void EachMetricAndTreatmentCarriesItsOwnSequentialState()
    {
        Proportion[] first = [new(1000, 100), new(1000, 150), new(1000, 100)];
        Proportion[] second = [new(2000, 200), new(2000, 260), new(2000, 205)];

        var look1 = ExperimentAnalyzer.Analyze(Input(first));
        var look2 = ExperimentAnalyzer.Analyze(Input(second), look1.States);

        for (int i = 1; i <= 2; i++)
        {
            var key = ExperimentAnalyzer.StateKey("m", $"t{i}");
            var alone = TwoArmAnalysis.Analyze(second[0], second[i], null, look1.States[key]);
            Assert.Equal(alone.Sequential.State, look2.States[key]);
            Assert.Equal(2, look2.States[key].Looks);
            Assert.Equal(alone.Sequential.AlwaysValidPValue, look2.Report.Metrics[0].Comparisons[i - 1].Sequential.AlwaysValidPValue);
        }
    }

    [Fact]
    public void FixedHorizonSaysUnderpoweredUntilThePlannedSampleThenUsesTheFixedP()
    {
        Proportion[] small = [new(2000, 200), new(2000, 260)];
        Proportion[] large = [new(80_000, 8000), new(80_000, 8800)];
        var settings = ExperimentSettings.Default with { Mde = 0.05, Options = AnalysisOptions.Default with { DecisionMode = DecisionMode.FixedHorizon } };

        var early = ExperimentAnalyzer.Analyze(Input(small, settings: settings)).Report.Metrics[0].Comparisons[0];
        var late = ExperimentAnalyzer.Analyze(Input(large, settings: settings)).Report.Metrics[0].Comparisons[0];

        Assert.True(early.PValue < 0.05);
        Assert.True(early.Power.Underpowered);
        Assert.Equal(SignificanceBadge.Underpowered, early.Badge);
        Assert.False(late.Power.Underpowered);
        Assert.True(late.PValue < 0.05);
        Assert.Equal(SignificanceBadge.Significant, late.Badge);
    }

    [Fact]
    public void SequentialModeDecidesOnTheAlwaysValidPAndShowsBothPValues()
    {
        Proportion[] arms = [new(2000, 200), new(2000, 250)];
        var settings = ExperimentSettings.Default with { Mde = 0.05, Options = AnalysisOptions.Default with { DecisionMode = DecisionMode.Sequential } };

        var c = ExperimentAnalyzer.Analyze(Input(arms, settings: settings)).Report.Metrics[0].Comparisons[0];

        Assert.True(c.PValue < 0.05);
        Assert.True(c.Sequential.AlwaysValidPValue >= 0.05);
        Assert.Equal(c.Sequential.AlwaysValidPValue, c.AdjustedPValue);
        Assert.Equal(SignificanceBadge.Underpowered, c.Badge);
    }

    [Fact]
    public void AnEmptyIntersectionIsReportedWithACodeNotAsAnInvertedInterval()
    {
        var key = ExperimentAnalyzer.StateKey("m", "t1");
        // A previous look whose running interval lies far above anything this look can give.
        var previous = new Dictionary<string, SequentialState> { [key] = new SequentialState(3, 0.5, 10, 11) };

        var c = ExperimentAnalyzer.Analyze(Input([new(1000, 100), new(1000, 110)]), previous).Report.Metrics[0].Comparisons[0];

        Assert.Equal(ErrorCodes.EmptyIntersection, c.Sequential.AlwaysValidCiError);
        Assert.Null(c.Sequential.AlwaysValidConfidenceInterval.Lower);
        Assert.Null(c.Sequential.AlwaysValidConfidenceInterval.Upper);
    }

    [Fact]
    public void AMetricWithoutSamplesReportsItsErrorAndNoComparisons()
    {
        var missing = new MetricInput("gone", AnalysisRole.Primary, null, null, "the metric is not in the registry");

        var metric = ExperimentAnalyzer.Analyze(Input([Control, new(3300, 340)], extra: missing)).Report.Metrics[1];

        Assert.Equal("the metric is not in the registry", metric.Error);
        Assert.Empty(metric.Comparisons);
    }
}
