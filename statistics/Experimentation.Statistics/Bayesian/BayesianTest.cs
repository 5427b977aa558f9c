namespace Experimentation.Statistics;

/// <summary>
/// gbstats' EffectBayesianABTest (packages/stats/gbstats/bayesian/tests.py): a normal likelihood of the effect (the
/// frequentist estimate and its unpooled variance) times a normal prior gives a normal posterior N(μ, σ²), from which
/// the chance to win, the credible interval and the risk of each arm follow in closed form.
/// </summary>
public static class BayesianTest
{
    // Beyond |μ/σ| = 37, Φ(−|μ/σ|) is below 1e-299 and gbstats returns the analytic limit of the risk.
    private const double RiskCutoff = 37;

    /// <summary>
    /// The posterior of treatment against control. The data's effect is x̄_T − x̄_C with variance s_T²/n_T + s_C²/n_C
    /// (absolute) or that divided by |x̄_C| with the delta-method variance of <see cref="RelativeLift"/> (relative), as
    /// gbstats' frequentist_variance computes it.
    /// </summary>
    public static BayesianResult Compare(in ArmSummary control, in ArmSummary treatment, BayesianSettings settings,
        bool higherIsBetter, double alpha)
    {
        var scale = settings.Scale;
        if (!(alpha > 0 && alpha < 1) || control.Count < 0 || treatment.Count < 0
            || !double.IsFinite(control.Mean) || !double.IsFinite(treatment.Mean)
            || !(control.Variance >= 0) || !(treatment.Variance >= 0)
            || settings.Prior is { } p && !(double.IsFinite(p.Mean) && p.Variance > 0 && double.IsFinite(p.Variance)))
            return BayesianResult.Undefined(scale, StatisticsError.InvalidInput);
        if (control.Count < 1 || treatment.Count < 1) return BayesianResult.Undefined(scale, StatisticsError.TooFewUnits);

        double c = control.Mean;
        double variance = treatment.Variance / treatment.Count + control.Variance / control.Count;
        double mean = treatment.Mean - c;
        NormalPrior? prior = settings.Prior;
        if (scale == EffectScale.Relative)
        {
            if (c == 0) return BayesianResult.Undefined(scale, StatisticsError.ZeroBaseline);
            double c2 = c * c;
            mean /= Math.Abs(c);
            variance = treatment.Variance / (treatment.Count * c2)
                + control.Variance * treatment.Mean * treatment.Mean / (control.Count * c2 * c2);
        }
        else if (prior is { } relative)
        {
            // gbstats rescales a relative prior to the absolute scale by the control mean; it has none at 0.
            if (c == 0) return BayesianResult.Undefined(scale, StatisticsError.ZeroBaseline);
            prior = new NormalPrior(relative.Mean * Math.Abs(c), relative.Variance * c * c);
        }
        return Posterior(mean, variance, prior, higherIsBetter, alpha, scale);
    }

    /// <summary>
    /// The posterior from the data's effect estimate and its variance. Precision 1/v + 1/v₀; mean
    /// (m/v + m₀/v₀)/precision with a proper prior, m with the improper one. With zero data variance the prior alone
    /// is the posterior; with neither there is none (zero_variance).
    /// </summary>
    public static BayesianResult Posterior(double dataMean, double dataVariance, NormalPrior? prior, bool higherIsBetter,
        double alpha, EffectScale scale)
    {
        if (!double.IsFinite(dataMean) || !(dataVariance >= 0) || !(alpha > 0 && alpha < 1))
            return BayesianResult.Undefined(scale, StatisticsError.InvalidInput);
        double precision, mean;
        if (dataVariance > 0)
        {
            precision = 1 / dataVariance + (prior is { } p ? 1 / p.Variance : 0);
            mean = prior is { } q ? (dataMean / dataVariance + q.Mean / q.Variance) / precision : dataMean;
        }
        else
        {
            precision = prior is { } p ? 1 / p.Variance : 0;
            mean = prior?.Mean ?? 0;
        }
        if (!(precision > 0) || !double.IsFinite(precision)) return BayesianResult.Undefined(scale, StatisticsError.ZeroVariance);
        double sigma = Math.Sqrt(1 / precision);

        // P(effect > 0) = Φ(μ/σ); for a metric where lower is better gbstats takes 1 − that and swaps the risks.
        double up = NormalDistribution.Cdf(mean / sigma);
        double chance = higherIsBetter ? up : NormalDistribution.Cdf(-mean / sigma);
        var interval = new Interval(mean + sigma * NormalDistribution.Quantile(alpha / 2),
            mean + sigma * NormalDistribution.Quantile(1 - alpha / 2));
        var (ifControl, ifTreatment) = Risk(mean, sigma);
        return higherIsBetter
            ? new BayesianResult(chance, mean, sigma, interval, ifControl, ifTreatment, scale, StatisticsError.None)
            : new BayesianResult(chance, mean, sigma, interval, ifTreatment, ifControl, scale, StatisticsError.None);
    }

    /// <summary>
    /// gbstats' get_risk for X ~ N(μ, σ²): choosing control loses E[max(X, 0)] = μΦ(μ/σ) + σφ(μ/σ), choosing
    /// treatment loses E[max(−X, 0)] = σφ(μ/σ) − μΦ(−μ/σ) (the truncated-normal means times their probabilities, in
    /// closed form). Beyond |μ/σ| = 37 both are their limits max(μ, 0) and max(−μ, 0), as in gbstats.
    /// </summary>
    public static (double Control, double Treatment) Risk(double mu, double sigma)
    {
        double z = mu / sigma;
        if (Math.Abs(z) > RiskCutoff) return (Math.Max(mu, 0), Math.Max(-mu, 0));
        double density = sigma * Math.Exp(NormalDistribution.LogDensity(z));
        return (mu * NormalDistribution.Cdf(z) + density, density - mu * NormalDistribution.Cdf(-z));
    }
}
