namespace Experimentation.Statistics;

/// <summary>
/// Novelty effect: is the treatment's relative effect over each user's early window (the first E days since their
/// first exposure) significantly larger than over the rest of their exposure?
/// </summary>
/// <remarks>
/// The statistic is D = ln(ē_T/ē_C) − ln(l̄_T/l̄_C), over all exposed users of each arm. Randomisation gives both arms
/// the same mix of exposure ages, so a steady multiplicative effect r makes both ratios r whatever that mix is
/// (partial first days, users whose late window has barely started), and D is 0. Absolute deltas and per-day rates
/// would instead depend on how long the users have been exposed. "Larger" is in magnitude, so a novelty that fades
/// from either direction is caught.
/// </remarks>
public static class NoveltyTest
{
    /// <summary>The share of the experiment window that counts as early.</summary>
    public const double DefaultEarlyFraction = 0.2;

    // About 16 roundings of the variance terms (2⁻⁵³ each): below this, their sum is cancellation, not variance.
    private const double CancellationTolerance = 16 * 1.1102230246251565e-16;

    /// <summary>
    /// E, the early window in days since a user's first exposure: round(fraction × window days), at least 1
    /// (7 days → 1, 10 → 2, 14 → 3, 28 → 6).
    /// </summary>
    public static int EarlyWindowDays(int windowDays, double earlyFraction = DefaultEarlyFraction) =>
        Math.Max(1, (int)Math.Round(earlyFraction * windowDays, MidpointRounding.AwayFromZero));

    /// <summary>
    /// The z-test on D with the delta-method variance, the arms independent:
    /// Var(D) = Σ_arms [ s_e²/(n ē²) + s_l²/(n l̄²) − 2 s_el/(n ē l̄) ].
    /// </summary>
    public static NoveltyResult Evaluate(in NoveltySample control, in NoveltySample treatment, double alpha = 0.05)
    {
        if (!(alpha > 0 && alpha < 1) || !IsValid(control) || !IsValid(treatment))
            return Failed(StatisticsError.InvalidInput, double.NaN, double.NaN);
        double earlyEffect = Relative(treatment.EarlyMean, control.EarlyMean);
        double lateEffect = Relative(treatment.LateMean, control.LateMean);
        if (control.Count < 2 || treatment.Count < 2) return Failed(StatisticsError.TooFewUnits, earlyEffect, lateEffect);

        // The ratios are 1 + effect: both must be positive and finite for their logarithms.
        if (!(earlyEffect > -1 && double.IsFinite(earlyEffect) && lateEffect > -1 && double.IsFinite(lateEffect)))
            return Failed(StatisticsError.UndefinedRatio, earlyEffect, lateEffect);

        double difference = Logarithms.LogOnePlus(earlyEffect) - Logarithms.LogOnePlus(lateEffect);
        double variance = ArmVariance(control) + ArmVariance(treatment);
        if (!(variance > 0) || !double.IsFinite(variance))
            return Failed(StatisticsError.ZeroVariance, earlyEffect, lateEffect, difference);
        double standardError = Math.Sqrt(variance);
        double z = difference / standardError;
        double p = NormalDistribution.TwoSidedPValue(z);
        return new NoveltyResult(StatisticsError.None, earlyEffect, lateEffect, difference, standardError, z, p,
            p < alpha && Math.Abs(earlyEffect) > Math.Abs(lateEffect));
    }

    // Var(ln ē − ln l̄) of one arm. When e and l are proportional user by user the three terms cancel exactly, and
    // rounding leaves a few ulps of either sign: those are zero, not evidence.
    private static double ArmVariance(in NoveltySample s)
    {
        double e = s.EarlyMean, l = s.LateMean;
        double early = s.Early.Variance / (e * e), late = s.Late.Variance / (l * l), cross = 2 * s.Covariance / (e * l);
        double sum = early + late - cross;
        return sum <= CancellationTolerance * (early + late + Math.Abs(cross)) ? 0.0 : sum / s.Count;
    }

    // (t − c)/c rather than t/c − 1: for nearly equal means (latencies near 1e6) the subtraction is exact and keeps
    // the digits of a tiny effect, which ln(t/c) would round away.
    private static double Relative(double treatment, double control) =>
        control == 0 ? double.NaN : (treatment - control) / control;

    private static bool IsValid(in NoveltySample s) =>
        s.Count >= 0 && double.IsFinite(s.EarlyMean) && double.IsFinite(s.LateMean) && double.IsFinite(s.EarlyM2)
        && double.IsFinite(s.LateM2) && double.IsFinite(s.CoMoment) && s.EarlyM2 >= 0 && s.LateM2 >= 0;

    private static NoveltyResult Failed(StatisticsError error, double earlyEffect, double lateEffect,
        double difference = double.NaN) =>
        new(error, earlyEffect, lateEffect, difference, double.NaN, double.NaN, double.NaN, false);
}
