namespace Experimentation.Statistics;

/// <summary>
/// CUPED for ratio metrics as gbstats computes it (growthbook/growthbook <c>packages/stats/gbstats/models/statistics.py</c>:
/// <c>RegressionAdjustedRatioStatistic</c>, <c>compute_theta_regression_adjusted_ratio</c>; <c>models/tests.py</c>:
/// <c>frequentist_variance_relative_cuped_ratio</c>). The covariate is the same ratio over the pre-period.
/// </summary>
/// <remarks>
/// Per arm, with β = (M̄, D̄, M̄', D̄') and Λ the covariance matrix of (M, D, M', D'): the adjusted mean is
/// M̄/D̄ − θ M̄'/D̄', and its per-unit variance is ∇ᵀΛ∇ with the delta method's gradient
/// ∇ = (1/D̄, −M̄/D̄², −θ/D̄', θM̄'/D̄'²). θ = −(c_C + c_T)/(v_C + v_T), where, with θ = 1, v is the pre-period block
/// ∇'ᵀΛ'∇' and c the cross block ∇'ᵀΛ'ᵖ∇ᵖ of each arm: the θ that minimises the sum of the arms' per-unit variances
/// (unlike the mean metric's θ, which pools the two arms into one sample).
/// </remarks>
public static class RatioCupedAdjustment
{
    /// <summary>gbstats reverts to the unadjusted ratio when |θ| is below this, as when the covariate is constant.</summary>
    public const double NegligibleTheta = 1e-8;

    /// <summary>θ over the two arms; 0 when neither arm's pre-period ratio varies (gbstats' rule).</summary>
    public static double Theta(in RatioCupedSample control, in RatioCupedSample treatment)
    {
        var (cControl, vControl) = CrossAndPre(control);
        var (cTreatment, vTreatment) = CrossAndPre(treatment);
        double v = vControl + vTreatment;
        if (!(v > 0) || !double.IsFinite(v)) return 0;
        return -(cControl + cTreatment) / v;
    }

    /// <summary>One arm adjusted: n, M̄/D̄ − θM̄'/D̄' and the per-unit variance ∇ᵀΛ∇.</summary>
    public static ArmSummary Adjusted(in RatioCupedSample arm, double theta)
    {
        if (arm.Count <= 0) return new ArmSummary(0, double.NaN, double.NaN);
        Span<double> nabla = stackalloc double[4];
        Span<double> lambda = stackalloc double[16];
        Nabla(arm, theta, nabla);
        arm.CovarianceInto(lambda);
        return new ArmSummary(arm.Count, arm.Post.Ratio - theta * arm.Pre.Ratio, Math.Max(0, Quadratic(nabla, lambda, nabla)));
    }

    /// <summary>
    /// The variance of the relative effect (Ŷ_T − Ŷ_C)/|R_C|, R_C = M̄_C/D̄_C the control's unadjusted ratio, gbstats'
    /// <c>frequentist_variance_relative_cuped_ratio</c>: the delta method over both arms' (M, D, M', D'), where the
    /// control's M̄ and D̄ enter through both Ŷ_C and the divisor. NaN when the control's ratio is 0 or undefined.
    /// </summary>
    public static double RelativeVariance(in RatioCupedSample control, in RatioCupedSample treatment, double theta)
    {
        double baseline = control.Post.Ratio, d = control.Post.DenominatorMean, m = control.Post.NumeratorMean;
        if (baseline == 0 || d == 0 || !double.IsFinite(baseline) || control.Count <= 0 || treatment.Count <= 0) return double.NaN;
        double absolute = (Adjusted(treatment, theta).Mean - Adjusted(control, theta).Mean) * Math.Sign(baseline);
        double divisor = Math.Abs(baseline), divisor2 = divisor * divisor;
        Span<double> own = stackalloc double[4];
        Span<double> lambda = stackalloc double[16];
        Nabla(control, theta, own);
        Span<double> gControl =
        [
            -(divisor + absolute) / d / divisor2,
            (m * divisor / (d * d) + m * absolute / (d * d)) / divisor2,
            -own[2] / divisor,
            -own[3] / divisor,
        ];
        control.CovarianceInto(lambda);
        double variance = Quadratic(gControl, lambda, gControl) / control.Count;
        Span<double> gTreatment = stackalloc double[4];
        Nabla(treatment, theta, gTreatment);
        for (int i = 0; i < 4; i++) gTreatment[i] /= divisor;
        treatment.CovarianceInto(lambda);
        return variance + Quadratic(gTreatment, lambda, gTreatment) / treatment.Count;
    }

    /// <summary>
    /// Welch's t-test on the adjusted arms; the lift is (Ŷ_T − Ŷ_C)/|R_C| with <see cref="RelativeVariance"/> and the CI
    /// lift ± t_{1−α/2}(df)·√Var. Means are the adjusted ones.
    /// </summary>
    public static ComparisonResult Compare(in RatioCupedSample control, in RatioCupedSample treatment, double theta,
        double alpha = 0.05, DegreesOfFreedomMethod df = DegreesOfFreedomMethod.Welch)
    {
        var result = WelchTest.Compare(Adjusted(control, theta), Adjusted(treatment, theta), alpha, df);
        if (!result.HasTest) return result;
        double baseline = control.Post.Ratio;
        double variance = RelativeVariance(control, treatment, theta);
        if (baseline == 0 || !double.IsFinite(variance))
            return result with { Error = StatisticsError.ZeroBaseline, Lift = double.NaN, LiftConfidenceInterval = Interval.Undefined };
        double q = StudentTDistribution.UpperQuantile(alpha / 2, result.DegreesOfFreedom);
        double lift = result.Delta / Math.Abs(baseline);
        return result with { Error = StatisticsError.None, Lift = lift, LiftConfidenceInterval = Interval.Around(lift, q * Math.Sqrt(variance)) };
    }

    /// <summary>The per-unit variance of the pre-period ratio and its covariance with the metric's ratio, by the delta method.</summary>
    public static (double Variance, double Covariance) Covariate(in RatioCupedSample arm)
    {
        var (cross, pre) = CrossAndPre(arm);
        // CrossAndPre's pre-period gradient carries θ = 1 with the adjustment's minus sign.
        return (pre, -cross);
    }

    // gbstats' nabla: zero when a denominator mean is 0, so such an arm adds nothing to θ.
    private static void Nabla(in RatioCupedSample arm, double theta, Span<double> nabla)
    {
        double m = arm.Post.NumeratorMean, d = arm.Post.DenominatorMean, pm = arm.Pre.NumeratorMean, pd = arm.Pre.DenominatorMean;
        if (d == 0 || pd == 0)
        {
            nabla.Clear();
            return;
        }
        nabla[0] = 1 / d;
        nabla[1] = -m / (d * d);
        nabla[2] = -theta / pd;
        nabla[3] = theta * pm / (pd * pd);
    }

    // With θ = 1: c = ∇'ᵀ Λ[pre, post] ∇ᵖ and v = ∇'ᵀ Λ[pre, pre] ∇'.
    private static (double Cross, double Pre) CrossAndPre(in RatioCupedSample arm)
    {
        if (arm.Count < 2) return (0, 0);
        Span<double> nabla = stackalloc double[4];
        Span<double> lambda = stackalloc double[16];
        Nabla(arm, 1, nabla);
        arm.CovarianceInto(lambda);
        double cross = 0, pre = 0;
        for (int i = 2; i < 4; i++)
            for (int j = 0; j < 4; j++)
            {
                if (j < 2) cross += nabla[i] * lambda[4 * i + j] * nabla[j];
                else pre += nabla[i] * lambda[4 * i + j] * nabla[j];
            }
        return (cross, pre);
    }

    private static double Quadratic(ReadOnlySpan<double> a, ReadOnlySpan<double> lambda, ReadOnlySpan<double> b)
    {
        double sum = 0;
        for (int i = 0; i < 4; i++)
            for (int j = 0; j < 4; j++)
                sum += a[i] * lambda[4 * i + j] * b[j];
        return sum;
    }
}
