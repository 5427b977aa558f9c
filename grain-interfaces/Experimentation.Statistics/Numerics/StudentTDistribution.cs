using MathNet.Numerics;

namespace Experimentation.Statistics;

/// <summary>
/// Student's t tail probabilities and quantiles, accurate to about 1e-12 relative in the tails.
/// </summary>
/// <remarks>
/// MathNet's StudentT.InvCDF is a bracketing root search over the CDF (slow, and only as tight as its tolerance),
/// so the quantile here is Hill's approximation (ACM algorithm 396, as in R's qt) polished by Newton steps.
/// Tail probabilities go straight to the regularized incomplete beta, never through 1 − CDF.
/// </remarks>
internal static class StudentTDistribution
{
    // Beyond this the t and normal distributions agree to double precision and the incomplete beta is slow.
    private const double NormalLimit = 1e20;

    /// <summary>P(|T| ≥ |t|) = 2·F(−|t|; df), computed without cancellation.</summary>
    public static double TwoSidedPValue(double t, double df)
    {
        if (df >= NormalLimit) return NormalDistribution.TwoSidedPValue(t);
        double t2 = t * t;
        if (double.IsInfinity(t2)) return 0.0;
        // 2·F(−|t|) = I_{df/(df+t²)}(df/2, 1/2); for small t, x is near 1 and the result is near 1, so no precision is lost.
        return SpecialFunctions.BetaRegularized(df / 2.0, 0.5, df / (df + t2));
    }

    /// <summary>P(T ≥ t) for t ≥ 0.</summary>
    public static double UpperTail(double t, double df) => 0.5 * TwoSidedPValue(t, df);

    /// <summary>The density of T at t.</summary>
    public static double Density(double t, double df)
    {
        if (df >= NormalLimit) return Math.Exp(-0.5 * t * t) / Math.Sqrt(2 * Math.PI);
        double logDensity = SpecialFunctions.GammaLn((df + 1) / 2) - SpecialFunctions.GammaLn(df / 2)
            - 0.5 * Math.Log(df * Math.PI) - (df + 1) / 2 * Math.Log(1 + t * t / df);
        return Math.Exp(logDensity);
    }

    /// <summary>The quantile t with P(T ≥ t) = upperTail, for 0 &lt; upperTail ≤ 0.5 (so t ≥ 0).</summary>
    public static double UpperQuantile(double upperTail, double df)
    {
        if (df >= NormalLimit) return -NormalDistribution.Quantile(upperTail);
        double q = InitialUpperQuantile(upperTail, df);
        for (int i = 0; i < 20; i++)
        {
            double density = Density(q, df);
            if (!(density > 0)) break;
            double step = (UpperTail(q, df) - upperTail) / density;
            if (!double.IsFinite(step)) break;
            // A second-order (Taylor) correction, as R does: the t density's curvature makes plain Newton slow in the tail.
            q += step * (1 + step * q * (df + 1) / (2 * (q * q + df)));
            if (Math.Abs(step) <= 1e-14 * Math.Abs(q)) break;
        }
        return q;
    }

    private static double InitialUpperQuantile(double upperTail, double df)
    {
        double p2 = 2 * upperTail;
        if (Math.Abs(df - 1) < 1e-12) return Math.Tan(Math.PI * (0.5 - upperTail));
        if (Math.Abs(df - 2) < 1e-12) return Math.Sqrt(2 / (p2 * (2 - p2)) - 2);

        // Hill (1970), Comm. ACM 13(10), algorithm 396.
        double a = 1 / (df - 0.5);
        double b = 48 / (a * a);
        double c = ((20700 * a / b - 98) * a - 16) * a + 96.36;
        double d = ((94.5 / (b + c) - 3) / b + 1) * Math.Sqrt(a * Math.PI / 2) * df;
        double y = Math.Pow(d * p2, 2 / df);
        if (y > 0.05 + a)
        {
            double x = NormalDistribution.Quantile(upperTail);
            y = x * x;
            if (df < 5) c += 0.3 * (df - 4.5) * (x + 0.6);
            c = (((0.05 * d * x - 5) * x - 7) * x - 2) * x + b + c;
            y = (((((0.4 * y + 6.3) * y + 36) * y + 94.5) / c - y - 3) / b + 1) * x;
            y = Math.Exp(a * y * y) - 1;
        }
        else
        {
            y = ((1 / (((df + 6) / (df * y) - 0.089 * d - 0.822) * (df + 2) * 3) + 0.5 / (df + 4)) * y - 1)
                * (df + 1) / (df + 2) + 1 / y;
        }
        return Math.Sqrt(df * y);
    }
}
