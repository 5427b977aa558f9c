using MathNet.Numerics;

namespace Experimentation.Statistics;

/// <summary>Standard normal tail probabilities and quantiles, from MathNet's erfc and its inverse.</summary>
internal static class NormalDistribution
{
    private static readonly double Sqrt2 = Math.Sqrt(2.0);

    /// <summary>P(|Z| ≥ |z|) = erfc(|z|/√2), which keeps tiny p-values instead of rounding them to 0.</summary>
    public static double TwoSidedPValue(double z) => SpecialFunctions.Erfc(Math.Abs(z) / Sqrt2);

    /// <summary>Φ(z).</summary>
    public static double Cdf(double z) => 0.5 * SpecialFunctions.Erfc(-z / Sqrt2);

    /// <summary>Φ⁻¹(p); through erfc⁻¹ so that p near 0 keeps its precision.</summary>
    public static double Quantile(double p) => -Sqrt2 * SpecialFunctions.ErfcInv(2 * p);
}
