using System.Text.Json;
using Xunit;
using static Experimentation.Statistics.Tests.ReferenceVectors;

namespace Experimentation.Statistics.Tests;

public sealed class RatioCupedAdjustmentTests
{
    public static TheoryData<string> Cases => Ids("cuped-ratio");

    private static RatioCupedSample Sample(JsonElement s) => RatioCupedSample.FromSums(s.GetProperty("n").GetInt64(),
        s.Number("sumM"), s.Number("sumMM"), s.Number("sumD"), s.Number("sumDD"), s.Number("sumPreM"), s.Number("sumPreMM"),
        s.Number("sumPreD"), s.Number("sumPreDD"), s.Number("sumMD"), s.Number("sumPreMPreD"), s.Number("sumMPreM"),
        s.Number("sumMPreD"), s.Number("sumDPreM"), s.Number("sumDPreD"));

    // vectors/cuped_ratio.py: gbstats' RegressionAdjustedRatioStatistic, compute_theta_regression_adjusted_ratio and
    // frequentist_variance_relative_cuped_ratio written out with numpy (θ and the variance also checked against the
    // per-user influence values), the test by scipy.stats.ttest_ind_from_stats.
    [Theory]
    [MemberData(nameof(Cases))]
    public void TheAdjustedComparisonMatchesGbstatsFormulasAndScipy(string id)
    {
        var (input, expected) = Case(id);
        var control = Sample(input.GetProperty("control"));
        var treatment = Sample(input.GetProperty("treatment"));

        double theta = RatioCupedAdjustment.Theta(control, treatment);
        Close(expected.Number("theta"), theta, Algebra, what: "theta");
        var c = RatioCupedAdjustment.Adjusted(control, theta);
        var t = RatioCupedAdjustment.Adjusted(treatment, theta);
        Close(expected.Number("controlMean"), c.Mean, Algebra, what: "adjusted control mean");
        Close(expected.Number("controlVariance"), c.Variance, Algebra, what: "adjusted control variance");
        Close(expected.Number("treatmentVariance"), t.Variance, Algebra, what: "adjusted treatment variance");
        Close(expected.Number("liftVariance"), RatioCupedAdjustment.RelativeVariance(control, treatment, theta), Algebra, what: "lift variance");

        var r = RatioCupedAdjustment.Compare(control, treatment, theta, input.Number("alpha"));
        Assert.Equal(StatisticsError.None, r.Error);
        Close(expected.Number("delta"), r.Delta, Algebra, what: "delta");
        Close(expected.Number("se"), r.StandardError, Algebra, what: "se");
        Close(expected.Number("df"), r.DegreesOfFreedom, Algebra, what: "df");
        Close(expected.Number("p"), r.PValue, Distribution, what: "p");
        Close(expected.Number("ciLower"), r.ConfidenceInterval.Lower, Distribution, expected.Number("se"), "ci lower");
        Close(expected.Number("ciUpper"), r.ConfidenceInterval.Upper, Distribution, expected.Number("se"), "ci upper");
        Close(expected.Number("lift"), r.Lift, Algebra, what: "lift");
        double liftSe = Math.Sqrt(expected.Number("liftVariance"));
        Close(expected.Number("liftLower"), r.LiftConfidenceInterval.Lower, Distribution, liftSe, "lift lower");
        Close(expected.Number("liftUpper"), r.LiftConfidenceInterval.Upper, Distribution, liftSe, "lift upper");
    }

    // The same vectors through the one entry point: a ratio metric's comparison is the adjusted one, with θ and
    // 1 − SE²(adjusted)/SE²(unadjusted) in its cuped section.
    [Theory]
    [MemberData(nameof(Cases))]
    public void TheAnalyzerAdjustsARatioMetricAndReportsTheVarianceReduction(string id)
    {
        var (input, expected) = Case(id);
        var control = Sample(input.GetProperty("control"));
        var treatment = Sample(input.GetProperty("treatment"));
        var metric = new MetricInput("revenue_per_session", AnalysisRole.Primary, MetricSamples.Of(control.Post, treatment.Post),
            Cuped: CupedInput.OfRatios([control, treatment], 14));
        var report = ExperimentAnalyzer.Analyze(new ExperimentInput(
            [new ArmInput("control", 1, control.Count), new ArmInput("green", 1, treatment.Count)], [metric], ExperimentSettings.Default)).Report;

        var comparison = report.Metrics[0].Comparisons[0];
        Assert.True(comparison.Cuped!.Applied);
        Close(expected.Number("theta"), comparison.Cuped.Theta!.Value, Algebra, what: "theta");
        Close(expected.Number("delta"), comparison.Delta!.Value, Algebra, what: "delta");
        Close(expected.Number("p"), comparison.PValue!.Value, Distribution, what: "p");
        Close(expected.Number("varianceReduction"), comparison.Cuped.VarianceReduction!.Value, Algebra, what: "variance reduction");
        var covariate = report.Metrics[0].Arms[0].Covariate!;
        Close(control.Pre.Ratio, covariate.Mean!.Value, Algebra, what: "pre-period ratio");
    }

    // gbstats packages/stats/tests/frequentist/test_tests.py, TestTwoSidedTTest.test_two_sided_ttest_test_runs_ratio_ra:
    // the relative effect -0.0007 with CI (-0.00841, 0.00700) and uplift stddev 0.00391 (published to 5 decimals).
    [Fact]
    public void TheRelativeEffectMatchesGbstatsPublishedRegressionAdjustedRatioTest()
    {
        var control = RatioCupedSample.FromSums(100, 485.112236689623, 2715.484666118136, 679.9093275844917, 4939.424001640236,
            192.59138069991536, 460.076026390857, 290.1398399750233, 920.9461385038898, 3602.146836776702, 634.239482353647,
            1113.6215759318352, 1559.2878434944676, 1460.3181079276983, 2130.9404074446747);
        var treatment = RatioCupedSample.FromSums(100, 514.7757826608777, 2994.897482705013, 705.4090874383759, 5291.36604146392,
            206.94157227402536, 514.2903702246757, 302.54389139107326, 994.4506208125663, 3918.1561431600717, 698.4173425817908,
            1237.0953021125997, 1701.0287270040265, 1604.0759503266522, 2292.081739775257);

        double theta = RatioCupedAdjustment.Theta(control, treatment);
        var r = RatioCupedAdjustment.Compare(control, treatment, theta);

        Assert.Equal(-0.0007, r.Lift, 5e-6);
        Assert.Equal(0.00391, Math.Sqrt(RatioCupedAdjustment.RelativeVariance(control, treatment, theta)), 5e-6);
        Assert.Equal(-0.00841, r.LiftConfidenceInterval.Lower, 5e-6);
        Assert.Equal(0.00700, r.LiftConfidenceInterval.Upper, 5e-6);
    }

    // Folding users one by one, merging two folds and building from sums give the same moments.
    [Fact]
    public void AddingMergingAndSumsAgree()
    {
        var random = new Random(7);
        var users = Enumerable.Range(0, 200).Select(_ => (M: random.NextDouble() * 50, D: 1.0 + random.Next(5),
            PreM: random.NextDouble() * 40, PreD: 1.0 + random.Next(4))).ToArray();
        var all = users.Aggregate(default(RatioCupedSample), (s, u) => s.Add(u.M, u.D, u.PreM, u.PreD));
        var merged = users[..77].Aggregate(default(RatioCupedSample), (s, u) => s.Add(u.M, u.D, u.PreM, u.PreD))
            + users[77..].Aggregate(default(RatioCupedSample), (s, u) => s.Add(u.M, u.D, u.PreM, u.PreD));
        var fromSums = RatioCupedSample.FromSums(users.Length, users.Sum(u => u.M), users.Sum(u => u.M * u.M), users.Sum(u => u.D),
            users.Sum(u => u.D * u.D), users.Sum(u => u.PreM), users.Sum(u => u.PreM * u.PreM), users.Sum(u => u.PreD),
            users.Sum(u => u.PreD * u.PreD), users.Sum(u => u.M * u.D), users.Sum(u => u.PreM * u.PreD), users.Sum(u => u.M * u.PreM),
            users.Sum(u => u.M * u.PreD), users.Sum(u => u.D * u.PreM), users.Sum(u => u.D * u.PreD));

        foreach (var other in new[] { merged, fromSums })
        {
            var (a, b) = (all.Covariance(), other.Covariance());
            for (int i = 0; i < 4; i++)
                for (int j = 0; j < 4; j++)
                    Close(a[i, j], b[i, j], 1e-9, Math.Sqrt(Math.Abs(a[i, i] * a[j, j])), $"covariance[{i},{j}]");
            Close(all.Post.Ratio, other.Post.Ratio, Algebra, what: "ratio");
            Close(all.Pre.Ratio, other.Pre.Ratio, Algebra, what: "pre ratio");
        }
    }

    // Users with no pre-period activity: every pre-period ratio is undefined, θ is 0, and the analyzer says so.
    [Fact]
    public void NoPreExposureDataFallsBackToTheUnadjustedRatio()
    {
        var control = Enumerable.Range(1, 30).Aggregate(default(RatioCupedSample), (s, i) => s.Add(i % 7, 1 + i % 3, 0, 0));
        var treatment = Enumerable.Range(1, 30).Aggregate(default(RatioCupedSample), (s, i) => s.Add(1 + i % 5, 1 + i % 4, 0, 0));
        var metric = new MetricInput("m", AnalysisRole.Primary, MetricSamples.Of(control.Post, treatment.Post),
            Cuped: CupedInput.OfRatios([control, treatment], 14));
        var plain = new MetricInput("m", AnalysisRole.Primary, MetricSamples.Of(control.Post, treatment.Post));
        ArmInput[] arms = [new("control", 1, 30), new("green", 1, 30)];
        var withCuped = ExperimentAnalyzer.Analyze(new ExperimentInput(arms, [metric], ExperimentSettings.Default)).Report.Metrics[0].Comparisons[0];
        var without = ExperimentAnalyzer.Analyze(new ExperimentInput(arms, [plain], ExperimentSettings.Default)).Report.Metrics[0].Comparisons[0];

        Assert.Equal(0, RatioCupedAdjustment.Theta(control, treatment));
        Assert.False(withCuped.Cuped!.Applied);
        Assert.Contains("unadjusted", withCuped.Cuped.Message);
        Assert.Equal(without.PValue, withCuped.PValue);
        Assert.Equal(without.StandardError, withCuped.StandardError);
    }
}
