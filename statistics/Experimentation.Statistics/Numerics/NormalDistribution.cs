using MathNet.Numerics;

namespace Experimentation.Statistics;

/// <summary>Standard normal tail probabilities and quantiles, from MathNet's erfc and its inverse.</summary>
internal static class NormalDistribution
{
    private static readonly double Sqrt2 = Math.Sqrt(2.0);
    private static readonly double LogSqrt2Pi = 0.5 * Math.Log(2 * Math.PI);

    /// <summary>P(|Z| ≥ |z|) = erfc(|z|/√2), which keeps tiny p-values instead of rounding them to 0.</summary>
    public static double TwoSidedPValue(double z) => SpecialFunctions.Erfc(Math.Abs(z) / Sqrt2);

    /// <summary>Φ(z).</summary>
    public static double Cdf(double z) => 0.5 * SpecialFunctions.Erfc(-z / Sqrt2);

    /// <summary>
    /// ln Φ(z), finite for every finite z: log1p of the upper tail above 0, the log of erfc down to −30, and below
    /// that the asymptotic series Φ(z) = φ(z)/|z| · (1 − 1/z² + 3/z⁴ − …), whose sixth term is 2e-14 at z = −30.
    /// </summary>
    public static double LogCdf(double z)
    {
        if (z > 0) return Logarithms.LogOnePlus(-0.5 * SpecialFunctions.Erfc(z / Sqrt2));
        if (z >= -30) return Math.Log(Cdf(z));
        double inverse = 1 / (z * z), term = 1, series = 1;
        for (int k = 1; k <= 5; k++)
        {
            term *= -(2 * k - 1) * inverse;
            series += term;
        }
        return LogDensity(z) - Math.Log(-z) + Math.Log(series);
    }

    /// <summary>ln φ(z) = −z²/2 − ln √(2π).</summary>
    public static double LogDensity(double z) => -0.5 * z * z - LogSqrt2Pi;

    /// <summary>Φ⁻¹(p); through erfc⁻¹ so that p near 0 keeps its precision.</summary>
    public static double Quantile(double p) => -Sqrt2 * SpecialFunctions.ErfcInv(2 * p);
}
