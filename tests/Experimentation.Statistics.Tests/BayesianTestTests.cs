using Xunit;

namespace Experimentation.Statistics.Tests;

/// <summary>
/// The Bayesian comparison against gbstats' own tests, growthbook/growthbook packages/stats/tests/bayesian/test_tests.py
/// (TestBinom, TestNorm, TestEffectBayesianABTest, TestGetRiskNumericalStability). TestBinom and TestNorm publish
/// values rounded to 5 decimals, so they are checked to half a unit in the fifth decimal; the others publish full
/// doubles and are checked to 1e-7 (through Φ and Φ⁻¹) or 1e-12 (the risk regression).
/// </summary>
public sealed class BayesianTestTests
{
    private const double FiveDecimals = 5e-6;

    private static void Rounded(double expected, double actual) => Assert.InRange(actual, expected - FiveDecimals, expected + FiveDecimals);

    [Fact]
    public void Binomial_matches_gbstats_TestBinom()
    {
        // ProportionStatistic(sum=49, n=100) vs (51, 100): gbstats' variance of a proportion is p(1 − p).
        var r = BayesianTest.Compare(new ArmSummary(100, 0.49, 0.49 * 0.51), new ArmSummary(100, 0.51, 0.51 * 0.49),
            BayesianSettings.Default, higherIsBetter: true, alpha: 0.05);
        Assert.Equal(StatisticsError.None, r.Error);
        Rounded(0.04082, r.Expected);
        Rounded(0.14725, r.StandardDeviation);
        Rounded(-0.24779, r.CredibleInterval.Lower);
        Rounded(0.32943, r.CredibleInterval.Upper);
        Rounded(0.60918, r.ChanceToWin);
        Rounded(0.0814, r.RiskControl);
        Rounded(0.04058, r.RiskTreatment);
    }

    // SampleMeanStatistic(sum=100, sum_squares=1002.25, n=10) and (105, 1111.5, 10): means 10 and 10.5, sample
    // variances (n − 1 denominator) 0.25 and 1.
    private static readonly ArmSummary NormControl = new(10, 10, 0.25);
    private static readonly ArmSummary NormTreatment = new(10, 10.5, 1);

    [Fact]
    public void Gaussian_matches_gbstats_TestNorm()
    {
        var r = BayesianTest.Compare(NormControl, NormTreatment, BayesianSettings.Default, true, 0.05);
        Rounded(0.05, r.Expected);
        Rounded(0.03572, r.StandardDeviation);
        Rounded(-0.02, r.CredibleInterval.Lower);
        Rounded(0.12, r.CredibleInterval.Upper);
        Rounded(0.91923, r.ChanceToWin);
        Rounded(0.05131, r.RiskControl);
        Rounded(0.00131, r.RiskTreatment);
        Assert.Equal(EffectScale.Relative, r.Scale);
    }

    [Fact]
    public void Gaussian_with_an_informative_prior_matches_gbstats_TestNorm()
    {
        var settings = new BayesianSettings { Prior = new NormalPrior(0.1, 0.1) };
        var r = BayesianTest.Compare(NormControl, NormTreatment, settings, true, 0.05);
        Rounded(0.05063, r.Expected);
        Rounded(0.03549, r.StandardDeviation);
        Rounded(-0.01893, r.CredibleInterval.Lower);
        Rounded(0.12019, r.CredibleInterval.Upper);
        Rounded(0.92315, r.ChanceToWin);
        Rounded(0.05186, r.RiskControl);
        Rounded(0.00123, r.RiskTreatment);
    }

    // gbstats' QuantileStatistic: variance = (n*/n)(n − 1)((upper − lower)/(2Φ⁻¹(0.975)))², floored at 1e-5 for n ≥ 100.
    private static ArmSummary Quantile(long n, double hat, double lower, double upper)
    {
        double half = (upper - lower) / (2 * NormalDistribution.Quantile(0.975));
        return new ArmSummary(n, hat, Math.Max((n - 1) * half * half, 1e-5));
    }

    private static readonly ArmSummary QuantileControl = Quantile(11054, 7.157987489967789, 7.098780136176828, 7.217194843758751);
    private static readonly ArmSummary QuantileTreatment = Quantile(10861, 7.694499927525767, 7.64180598628119, 7.747193868770344);

    [Theory]
    // TestEffectBayesianABTest: b_improper_flat, b_flat (N(0, 1e6)), b_relative_flat, b_informative (N(0, 1)),
    // b_relative_informative; the prior is relative (gbstats' default prior_type) and rescaled for absolute effects.
    [InlineData(EffectScale.Absolute, null, 0.5365124375579775, 0.4572559589115422, 0.6157689162044128)]
    [InlineData(EffectScale.Absolute, 1e6, 0.536512437540855, 0.4572559588956844, 0.6157689161860256)]
    [InlineData(EffectScale.Relative, 1e6, 0.07495297222736319, 0.06341005842481906, 0.08649588602990732)]
    [InlineData(EffectScale.Absolute, 1.0, 0.536495315442269, 0.4572401014910488, 0.6157505293934892)]
    [InlineData(EffectScale.Relative, 1.0, 0.07495037261804469, 0.06340765898986044, 0.08649308624622894)]
    public void Quantile_effects_match_gbstats_TestEffectBayesianABTest(EffectScale scale, double? priorVariance,
        double expected, double lower, double upper)
    {
        var settings = new BayesianSettings { Scale = scale, Prior = priorVariance is { } v ? new NormalPrior(0, v) : null };
        var r = BayesianTest.Compare(QuantileControl, QuantileTreatment, settings, true, 0.05);
        ReferenceVectors.Close(expected, r.Expected, ReferenceVectors.Distribution);
        ReferenceVectors.Close(lower, r.CredibleInterval.Lower, ReferenceVectors.Distribution);
        ReferenceVectors.Close(upper, r.CredibleInterval.Upper, ReferenceVectors.Distribution);
    }

    [Fact]
    public void Risk_matches_gbstats_normal_regime_regression()
    {
        // test_normal_inputs_bit_exact_regression: get_risk(0.1, 0.05) = [0.1004245351308, 0.0004245351308414],
        // which gbstats compares rounded to 10 decimals; here to 1e-12.
        var (control, treatment) = BayesianTest.Risk(0.1, 0.05);
        Assert.Equal(0.1004245351308, control, 1e-12);
        Assert.Equal(0.0004245351308414, treatment, 1e-12);
    }

    [Fact]
    public void Risk_takes_the_analytic_limit_far_in_the_tail_as_gbstats()
    {
        // test_extreme_mu_over_sigma_no_overflow.
        Assert.Equal((0.01, 0.0), BayesianTest.Risk(0.01, 4.5e-9));
        Assert.Equal((0.0, 0.01), BayesianTest.Risk(-0.01, 4.5e-9));
    }

    [Fact]
    public void Lower_is_better_takes_the_complement_and_swaps_the_risks()
    {
        var up = BayesianTest.Compare(NormControl, NormTreatment, BayesianSettings.Default, true, 0.05);
        var down = BayesianTest.Compare(NormControl, NormTreatment, BayesianSettings.Default, false, 0.05);
        Assert.Equal(1 - up.ChanceToWin, down.ChanceToWin, 1e-15);
        Assert.Equal(up.RiskControl, down.RiskTreatment);
        Assert.Equal(up.RiskTreatment, down.RiskControl);
        Assert.Equal(up.CredibleInterval, down.CredibleInterval);
    }

    [Fact]
    public void Undefined_cases_carry_a_code()
    {
        var zero = new ArmSummary(10, 0, 1);
        Assert.Equal(StatisticsError.ZeroBaseline, BayesianTest.Compare(zero, NormTreatment, BayesianSettings.Default, true, 0.05).Error);
        var absolute = new BayesianSettings { Scale = EffectScale.Absolute };
        Assert.Equal(StatisticsError.None, BayesianTest.Compare(zero, NormTreatment, absolute, true, 0.05).Error);
        Assert.Equal(StatisticsError.ZeroBaseline,
            BayesianTest.Compare(zero, NormTreatment, absolute with { Prior = new NormalPrior(0, 1) }, true, 0.05).Error);
        var flat = new ArmSummary(10, 1, 0);
        var none = BayesianTest.Compare(flat, flat, BayesianSettings.Default, true, 0.05);
        Assert.Equal(StatisticsError.ZeroVariance, none.Error);
        Assert.True(double.IsNaN(none.ChanceToWin));
        Assert.Equal(StatisticsError.TooFewUnits,
            BayesianTest.Compare(new ArmSummary(0, 0, 0), NormTreatment, BayesianSettings.Default, true, 0.05).Error);
        Assert.Equal(StatisticsError.InvalidInput,
            BayesianTest.Compare(NormControl, NormTreatment, new BayesianSettings { Prior = new NormalPrior(0, 0) }, true, 0.05).Error);
    }
}
