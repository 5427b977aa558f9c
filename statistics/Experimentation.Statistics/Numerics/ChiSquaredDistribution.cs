using MathNet.Numerics;

namespace Experimentation.Statistics;

/// <summary>Upper tail of the χ² distribution.</summary>
internal static class ChiSquaredDistribution
{
    /// <summary>P(X ≥ x) for X ~ χ²(df); the upper regularized gamma directly, never 1 − CDF.</summary>
    public static double Survival(double x, double df)
    {
        if (x <= 0) return 1.0;
        // With one degree of freedom χ² is Z², so the tail is erfc, which is both faster and exact to the last bits.
        if (df == 1) return SpecialFunctions.Erfc(Math.Sqrt(x / 2));
        return SpecialFunctions.GammaUpperRegularized(df / 2, x / 2);
    }
}
