namespace Experimentation.Statistics;

/// <summary>
/// Sample size, minimum detectable effect and power for a two-arm test with equal arms, by the normal approximation:
/// n per arm = (z_{1−α/2} + z_{1−β})²·2σ²/MDE², with exact quantiles. Effects are absolute, on the metric's scale.
/// </summary>
public static class PowerAnalysis
{
    // Relative slack that absorbs floating-point noise before rounding up: 14112.000000000002 must give 14112.
    private const double RoundingSlack = 1e-10;

    /// <summary>The unrounded n per arm for a per-unit variance σ² (NaN for invalid input).</summary>
    public static double ExactSampleSizePerArm(double variance, double mde, double alpha = 0.05, double power = 0.8) =>
        IsValid(alpha, power) && variance >= 0 && mde != 0
            ? FromQuantiles(ZAlpha(alpha), NormalDistribution.Quantile(power), 2 * variance, mde)
            : double.NaN;

    /// <summary>n per arm, rounded up after trimming floating-point noise; -1 for invalid input.</summary>
    public static long SampleSizePerArm(double variance, double mde, double alpha = 0.05, double power = 0.8) =>
        RoundUp(ExactSampleSizePerArm(variance, mde, alpha, power));

    /// <summary>
    /// n per arm for a conversion metric. With only a baseline rate, σ² = p(1−p) in both arms; with
    /// <paramref name="twoRates"/>, the two-rate form p₁(1−p₁) + p₂(1−p₂) with p₂ = p₁ + MDE replaces 2σ².
    /// </summary>
    public static long SampleSizePerArmForConversion(double baselineRate, double mde, double alpha = 0.05,
        double power = 0.8, bool twoRates = false) =>
        RoundUp(ExactSampleSizePerArmForConversion(baselineRate, mde, alpha, power, twoRates));

    /// <summary>The unrounded n per arm of <see cref="SampleSizePerArmForConversion"/> (NaN for invalid input).</summary>
    public static double ExactSampleSizePerArmForConversion(double baselineRate, double mde, double alpha = 0.05,
        double power = 0.8, bool twoRates = false)
    {
        if (!IsValid(alpha, power) || !(baselineRate > 0 && baselineRate < 1) || mde == 0 || !double.IsFinite(mde)) return double.NaN;
        double treatmentRate = baselineRate + mde;
        if (twoRates && !(treatmentRate > 0 && treatmentRate < 1)) return double.NaN;
        double twiceVariance = twoRates
            ? baselineRate * (1 - baselineRate) + treatmentRate * (1 - treatmentRate)
            : 2 * baselineRate * (1 - baselineRate);
        return FromQuantiles(ZAlpha(alpha), NormalDistribution.Quantile(power), twiceVariance, mde);
    }

    /// <summary>
    /// The doc's closed form with given quantiles, e.g. the design doc's 1.96 and 0.84, so both figures can be shown.
    /// </summary>
    public static double FromQuantiles(double zAlpha, double zBeta, double twiceVariance, double mde)
    {
        double z = zAlpha + zBeta;
        return z * z * twiceVariance / (mde * mde);
    }

    /// <summary>Rounds a sample size up, ignoring a relative excess below 1e-10 (floating-point noise); -1 for NaN.</summary>
    public static long RoundUp(double sampleSize)
    {
        if (!double.IsFinite(sampleSize) || sampleSize < 0) return -1;
        return (long)Math.Ceiling(sampleSize * (1 - RoundingSlack));
    }

    /// <summary>The smallest absolute effect detectable with n per arm: (z_{1−α/2} + z_{1−β})·√(2σ²/n).</summary>
    public static double MinimumDetectableEffect(double variance, long countPerArm, double alpha = 0.05, double power = 0.8) =>
        IsValid(alpha, power) && variance >= 0 && countPerArm > 0
            ? (ZAlpha(alpha) + NormalDistribution.Quantile(power)) * Math.Sqrt(2 * variance / countPerArm)
            : double.NaN;

    /// <summary>
    /// Power of the two-sided z-test, counting both rejection regions, as statsmodels NormalIndPower.power does:
    /// Φ(|MDE|/SE − z) + Φ(−|MDE|/SE − z) with SE = √(2σ²/n).
    /// </summary>
    public static double Power(double variance, long countPerArm, double mde, double alpha = 0.05)
    {
        if (!(alpha > 0 && alpha < 1) || !(variance > 0) || countPerArm <= 0) return double.NaN;
        double shift = Math.Abs(mde) / Math.Sqrt(2 * variance / countPerArm);
        double z = ZAlpha(alpha);
        return NormalDistribution.Cdf(shift - z) + NormalDistribution.Cdf(-shift - z);
    }

    /// <summary>
    /// The underpowered verdict: the smaller arm is below the n per arm required to detect the experiment's MDE.
    /// </summary>
    public static bool IsUnderpowered(long countPerArm, long requiredPerArm) => requiredPerArm > 0 && countPerArm < requiredPerArm;

    private static double ZAlpha(double alpha) => -NormalDistribution.Quantile(alpha / 2);

    private static bool IsValid(double alpha, double power) => alpha > 0 && alpha < 1 && power > 0 && power < 1;
}
