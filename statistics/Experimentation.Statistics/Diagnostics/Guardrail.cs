namespace Experimentation.Statistics;

/// <summary>
/// The guardrail test: at every look, the one-sided mSPRT of H₀ "the relative harm is at most the tolerance" on the
/// log ratio of the arms' means. A breach needs always-valid evidence against H₀ (p &lt; α) and a point estimate
/// beyond the tolerance. Checked on every update, so only an always-valid test keeps false pauses at α.
/// </summary>
/// <remarks>
/// The tolerance is relative, so it is mapped through the ratio: a lower-is-better metric is harmed beyond the
/// tolerance m when μ_T/μ_C &gt; 1 + m, a higher-is-better one when μ_T/μ_C &lt; 1 − m. On θ = ln(μ_T/μ_C) the null
/// is a fixed offset, θ₀ = ln(1 ± m), and the baseline's own noise is in the delta-method variance of θ̂,
/// s_T²/(n_T x̄_T²) + s_C²/(n_C x̄_C²), rather than treated as a known constant that the tolerance multiplies.
/// </remarks>
public static class Guardrail
{
    /// <summary>The default tolerated relative degradation (5%).</summary>
    public const double DefaultMaxDegradation = 0.05;

    /// <summary>
    /// The mixing variance relative to the estimate's variance, τ²/s², of the metric's own mSPRT at this look, which
    /// the guardrail reuses on its log-ratio scale: ρ²·N when τ² is tuned from N*, or τ²/s² for a fixed τ² (which is on
    /// the metric's scale, given with that scale's <paramref name="metricStandardErrorSquared"/>).
    /// </summary>
    public static double MixingRatio(AnalysisOptions options, long totalUnits, double metricStandardErrorSquared) =>
        options.TauSquared is { } tau2
            ? tau2 / metricStandardErrorSquared
            : MixtureSequentialTest.TauSquared(options.Alpha, totalUnits, 1, options.NStar);

    /// <summary>
    /// Folds one look of the two arms into the guardrail's state (running minimum of the p-value and running
    /// intersection of the bounds, on the relative-harm scale).
    /// </summary>
    /// <param name="mixingRatio">τ²/s² (see <see cref="MixingRatio"/>).</param>
    public static GuardrailLook Look(in SequentialState previous, in ArmSummary control, in ArmSummary treatment,
        GuardrailRule rule, double alpha, double mixingRatio)
    {
        var state = previous.Normalized;
        double c = control.Mean, t = treatment.Mean, tolerance = rule.MaxDegradation;
        double lift = c != 0 ? (t - c) / Math.Abs(c) : double.NaN;
        double degradation = rule.HigherIsBetter ? -lift : lift;
        if (control.Count < 0 || treatment.Count < 0) return Skipped(state, StatisticsError.InvalidInput, degradation, tolerance, alpha);
        if (control.Count < 2 || treatment.Count < 2) return Skipped(state, StatisticsError.TooFewUnits, degradation, tolerance, alpha);
        if (!(alpha > 0 && alpha < 1) || !(tolerance >= 0) || !double.IsFinite(tolerance) || !(mixingRatio > 0)
            || !double.IsFinite(mixingRatio) || !double.IsFinite(c) || !double.IsFinite(t)
            || !(control.Variance >= 0) || !(treatment.Variance >= 0))
            return Skipped(state, StatisticsError.InvalidInput, degradation, tolerance, alpha);
        if (!(c > 0 && t > 0)) return Skipped(state, StatisticsError.UndefinedRatio, degradation, tolerance, alpha);
        double se2 = treatment.Variance / (treatment.Count * t * t) + control.Variance / (control.Count * c * c);
        if (se2 == 0) return Skipped(state, StatisticsError.ZeroVariance, degradation, tolerance, alpha);
        if (!double.IsFinite(se2)) return Skipped(state, StatisticsError.InvalidInput, degradation, tolerance, alpha);

        // ln(x̄_T/x̄_C) as ln(1 + lift), so that nearly equal means keep their digits.
        double logRatio = Logarithms.LogOnePlus((t - c) / c);
        // Harm grows with η = ±θ, so the one-sided test runs on η against η₀. A higher-is-better metric cannot lose
        // 100% or more of its mean: such a tolerance tolerates everything, and H₀ is never rejected.
        double sign = rule.HigherIsBetter ? -1 : 1;
        double nullLogRatio = rule.HigherIsBetter
            ? tolerance < 1 ? Logarithms.LogOnePlus(-tolerance) : double.NegativeInfinity
            : Logarithms.LogOnePlus(tolerance);
        double eta = sign * logRatio, tau2 = mixingRatio * se2;
        double logLambda = double.IsFinite(nullLogRatio)
            ? OneSidedMixtureTest.LogLambda(eta, se2, tau2, sign * nullLogRatio)
            : double.NegativeInfinity;
        double p = Math.Min(1.0, Math.Exp(-logLambda));
        double halfWidth = OneSidedMixtureTest.HalfWidth(se2, tau2, alpha);
        var interval = new Interval(Harm(eta - halfWidth, rule.HigherIsBetter), Harm(eta + halfWidth, rule.HigherIsBetter));
        var next = new SequentialState(state.Looks + 1, Math.Min(state.AlwaysValidPValue, p),
            Math.Max(state.Lower, interval.Lower), Math.Min(state.Upper, interval.Upper));
        return new GuardrailLook(StatisticsError.None, degradation, logRatio, Math.Sqrt(se2), nullLogRatio, tau2, logLambda, p,
            next.AlwaysValidPValue, interval, next.ConfidenceInterval, IsBreached(next, degradation, tolerance, alpha), next);
    }

    // The relative harm at η: e^η − 1 when lower is better (η = θ), 1 − e^(−η) when higher is better (η = −θ).
    private static double Harm(double eta, bool higherIsBetter) =>
        higherIsBetter ? -Logarithms.ExpMinusOne(-eta) : Logarithms.ExpMinusOne(eta);

    // The evidence is the running p; the estimate is this look's, so a harm that has since receded does not breach.
    private static bool IsBreached(in SequentialState state, double degradation, double tolerance, double alpha) =>
        state.AlwaysValidPValue < alpha && degradation > tolerance;

    private static GuardrailLook Skipped(in SequentialState state, StatisticsError error, double degradation, double tolerance,
        double alpha) =>
        new(error, degradation, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, state.AlwaysValidPValue,
            Interval.Undefined, state.ConfidenceInterval, IsBreached(state, degradation, tolerance, alpha), state);
}
