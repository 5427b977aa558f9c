namespace Experimentation.Statistics;

/// <summary>
/// The normal-mixture sequential probability ratio test (mSPRT) of Johari, Pekelis and Walsh: always-valid p-values
/// and confidence sequences that stay valid however often results are looked at.
/// </summary>
public static class MixtureSequentialTest
{
    /// <summary>The default N* for tuning τ².</summary>
    public const double DefaultNStar = 5000;

    /// <summary>
    /// GrowthBook's tuning: τ² = ρ²·N·s² with ρ² = (−2 ln α + ln(−2 ln α + 1))/N*, N = n_C + n_T. With it the mSPRT
    /// p-value equals the asymptotic confidence-sequence p-value, tightest around N* total units.
    /// </summary>
    public static double TauSquared(double alpha, long totalUnits, double standardErrorSquared, double nStar = DefaultNStar)
    {
        double minus2LnAlpha = -2 * Math.Log(alpha);
        double rho2 = (minus2LnAlpha + Math.Log(minus2LnAlpha + 1)) / nStar;
        return rho2 * totalUnits * standardErrorSquared;
    }

    /// <summary>ln Λ = ½ ln(s²/(s²+τ²)) + τ²(d−θ₀)²/(2s²(s²+τ²)); logs, because Λ itself overflows at large n.</summary>
    public static double LogLambda(double delta, double standardErrorSquared, double tauSquared, double nullEffect = 0)
    {
        double s2 = standardErrorSquared, v = s2 + tauSquared, d = delta - nullEffect;
        return 0.5 * Math.Log(s2 / v) + tauSquared * d * d / (2 * s2 * v);
    }

    /// <summary>Half-width of the confidence sequence: √( s²(s²+τ²)/τ² · ln((s²+τ²)/(s²α²)) ).</summary>
    public static double HalfWidth(double standardErrorSquared, double tauSquared, double alpha)
    {
        double s2 = standardErrorSquared, v = s2 + tauSquared;
        return Math.Sqrt(s2 * v / tauSquared * (Math.Log(v / s2) - 2 * Math.Log(alpha)));
    }

    /// <summary>
    /// Folds one look (delta and SE² of T − C) into the state. An <paramref name="mde"/> of 0 or less disables futility.
    /// </summary>
    public static SequentialLook Look(in SequentialState previous, double delta, double standardErrorSquared,
        double tauSquared, double alpha = 0.05, double mde = 0, double nullEffect = 0)
    {
        var state = previous.Normalized;
        if (!(alpha > 0 && alpha < 1) || !(tauSquared > 0) || !double.IsFinite(tauSquared) || !double.IsFinite(delta)
            || !double.IsFinite(standardErrorSquared) || standardErrorSquared < 0)
            return Skipped(state, StatisticsError.InvalidInput, tauSquared, alpha, mde);
        if (standardErrorSquared == 0) return Skipped(state, StatisticsError.ZeroVariance, tauSquared, alpha, mde);

        double logLambda = LogLambda(delta, standardErrorSquared, tauSquared, nullEffect);
        double p = Math.Min(1.0, Math.Exp(-logLambda));
        var interval = Interval.Around(delta, HalfWidth(standardErrorSquared, tauSquared, alpha));
        var next = new SequentialState(state.Looks + 1, Math.Min(state.AlwaysValidPValue, p),
            Math.Max(state.Lower, interval.Lower), Math.Min(state.Upper, interval.Upper));
        return new SequentialLook(StatisticsError.None, tauSquared, logLambda, Math.Exp(logLambda), p, next.AlwaysValidPValue,
            interval, next.ConfidenceInterval, next.AlwaysValidPValue < alpha, IsFutile(next, mde), next);
    }

    /// <summary>Carries the state past a look that has no test, reporting why.</summary>
    internal static SequentialLook Skip(in SequentialState previous, StatisticsError error, double alpha, double mde) =>
        Skipped(previous.Normalized, error, double.NaN, alpha, mde);

    private static SequentialLook Skipped(in SequentialState state, StatisticsError error, double tauSquared, double alpha, double mde) =>
        new(error, tauSquared, double.NaN, double.NaN, double.NaN, state.AlwaysValidPValue, Interval.Undefined, state.ConfidenceInterval,
            state.AlwaysValidPValue < alpha, IsFutile(state, mde), state);

    // The running intersection can become empty when the effect drifts; an empty CI is not evidence of futility.
    private static bool IsFutile(in SequentialState state, double mde) =>
        mde > 0 && state.Looks > 0 && state.Lower <= state.Upper && state.ConfidenceInterval.IsInside(-mde, mde);
}
