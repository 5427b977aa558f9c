using System.Text.Json;
using Xunit;
using static Experimentation.Statistics.Tests.ReferenceVectors;

namespace Experimentation.Statistics.Tests;

public sealed class CupedAdjustmentTests
{
    public static TheoryData<string> Cases => Ids("cuped");

    private static CupedSample Sample(JsonElement s) => CupedSample.FromSums(s.GetProperty("n").GetInt64(), s.Number("sumY"),
        s.Number("sumX"), s.Number("sumYY"), s.Number("sumXX"), s.Number("sumXY"));

    // vectors/cuped.py: gbstats' RegressionAdjustedStatistic, compute_theta and frequentist_variance_relative_cuped
    // written out with numpy (θ also checked against numpy.polyfit), the test by scipy.stats.ttest_ind_from_stats.
    [Theory]
    [MemberData(nameof(Cases))]
    public void TheAdjustedComparisonMatchesGbstatsFormulasAndScipy(string id)
    {
        var (input, expected) = Case(id);
        var control = Sample(input.GetProperty("control"));
        var treatment = Sample(input.GetProperty("treatment"));
        bool proportion = input.GetProperty("proportion").GetBoolean();

        double theta = CupedAdjustment.Theta(control, treatment);
        Close(expected.Number("theta"), theta, Algebra, what: "theta");
        var c = CupedAdjustment.Adjusted(control, theta, proportion);
        var t = CupedAdjustment.Adjusted(treatment, theta, proportion);
        Close(expected.Number("controlMean"), c.Mean, Algebra, what: "adjusted control mean");
        Close(expected.Number("treatmentVariance"), t.Variance, Algebra, what: "adjusted treatment variance");
        Close(expected.Number("liftVariance"), CupedAdjustment.RelativeVariance(control, treatment, theta, proportion), Algebra, what: "lift variance");

        var r = CupedAdjustment.Compare(control, treatment, theta, proportion, input.Number("alpha"));
        Assert.Equal(StatisticsError.None, r.Error);
        Close(expected.Number("delta"), r.Delta, Algebra, what: "delta");
        Close(expected.Number("se"), r.StandardError, Algebra, what: "se");
        Close(expected.Number("df"), r.DegreesOfFreedom, Algebra, what: "df");
        Close(expected.Number("p"), r.PValue, Distribution, what: "p");
        Close(expected.Number("ciLower"), r.ConfidenceInterval.Lower, Distribution, expected.Number("se"), "ci lower");
        Close(expected.Number("ciUpper"), r.ConfidenceInterval.Upper, Distribution, expected.Number("se"), "ci upper");
        Close(expected.Number("lift"), r.Lift, Algebra, what: "lift");
        Close(expected.Number("liftLower"), r.LiftConfidenceInterval.Lower, Distribution, Math.Sqrt(expected.Number("liftVariance")), "lift lower");
        Close(expected.Number("liftUpper"), r.LiftConfidenceInterval.Upper, Distribution, Math.Sqrt(expected.Number("liftVariance")), "lift upper");
    }

    // The same vectors through the one entry point: the report's comparison is the adjusted one and its cuped section
    // carries θ and 1 − SE²(adjusted)/SE²(unadjusted).
    [Theory]
    [MemberData(nameof(Cases))]
    public void TheAnalyzerReportsTheAdjustedNumbersAndTheVarianceReduction(string id)
    {
        var (input, expected) = Case(id);
        var control = Sample(input.GetProperty("control"));
        var treatment = Sample(input.GetProperty("treatment"));
        bool proportion = input.GetProperty("proportion").GetBoolean();
        var samples = proportion
            ? MetricSamples.Of(new Proportion(control.Count, (long)Math.Round(control.SumMetric)), new Proportion(treatment.Count, (long)Math.Round(treatment.SumMetric)))
            : MetricSamples.Of(control.Metric, treatment.Metric);
        var metric = new MetricInput("m", AnalysisRole.Primary, samples, Cuped: new CupedInput([control, treatment], 14));
        var report = ExperimentAnalyzer.Analyze(new ExperimentInput(
            [new ArmInput("control", 1, control.Count), new ArmInput("green", 1, treatment.Count)], [metric], ExperimentSettings.Default)).Report;

        var comparison = report.Metrics[0].Comparisons[0];
        Assert.NotNull(comparison.Cuped);
        Assert.True(comparison.Cuped.Applied);
        Assert.Equal("t", comparison.StatisticName);
        Close(expected.Number("theta"), comparison.Cuped.Theta!.Value, Algebra, what: "theta");
        Close(expected.Number("delta"), comparison.Delta!.Value, Algebra, what: "delta");
        Close(expected.Number("p"), comparison.PValue!.Value, Distribution, what: "p");
        Close(expected.Number("varianceReduction"), comparison.Cuped.VarianceReduction!.Value, Algebra, what: "variance reduction");
        Assert.Equal(14, comparison.Cuped.PreDays);
    }

    // gbstats packages/stats/tests/frequentist/test_tests.py, TestSequentialTTest.test_sequential_test_runs_ra:
    // the relative effect 0.50338 with uplift stddev 0.33341 (published to 5 decimals).
    [Fact]
    public void TheRelativeEffectMatchesGbstatsPublishedRegressionAdjustedTest()
    {
        var control = CupedSample.FromSums(3000, 1396.87, 16.87, 52377.9767, 527.9767, 1);
        var treatment = CupedSample.FromSums(3461, 2422.7, 22.7, 134698.29, 1348.29, 1);
        double theta = CupedAdjustment.Theta(control, treatment);
        var r = CupedAdjustment.Compare(control, treatment, theta, proportion: false);
        Assert.Equal(0.50338, r.Lift, 5e-6);
        Assert.Equal(0.33341, Math.Sqrt(CupedAdjustment.RelativeVariance(control, treatment, theta, proportion: false)), 5e-6);
    }

    // Without pre-period data the covariate is 0 for everyone: nothing to adjust, the analyzer falls back and says so.
    [Fact]
    public void NoPreExposureDataFallsBackToTheUnadjustedResultsWithAMessage()
    {
        var values = new[] { 1.0, 4, 2, 8, 5, 7 };
        var control = values.Aggregate(default(CupedSample), (s, y) => s.Add(y, 0));
        var treatment = values.Aggregate(default(CupedSample), (s, y) => s.Add(y + 1, 0));
        var metric = new MetricInput("m", AnalysisRole.Primary, MetricSamples.Of(control.Metric, treatment.Metric),
            Cuped: new CupedInput([control, treatment], 14));
        var plain = new MetricInput("m", AnalysisRole.Primary, MetricSamples.Of(control.Metric, treatment.Metric));
        ArmInput[] arms = [new("control", 1, 6), new("green", 1, 6)];
        var withCuped = ExperimentAnalyzer.Analyze(new ExperimentInput(arms, [metric], ExperimentSettings.Default)).Report.Metrics[0].Comparisons[0];
        var without = ExperimentAnalyzer.Analyze(new ExperimentInput(arms, [plain], ExperimentSettings.Default)).Report.Metrics[0].Comparisons[0];

        Assert.False(withCuped.Cuped!.Applied);
        Assert.Contains("14 days before their first exposure", withCuped.Cuped.Message);
        Assert.Equal(0, withCuped.Cuped.VarianceReduction);
        Assert.Equal(without.PValue, withCuped.PValue);
        Assert.Equal(without.StandardError, withCuped.StandardError);
        Assert.Null(without.Cuped);
    }
}
