namespace Experimentation.Statistics;

/// <summary>
/// The one-sided mSPRT: evidence that an effect exceeds θ₀, with the normal mixture N(θ₀, τ²) truncated to θ &gt; θ₀
/// (doubled to stay a density). Its Λ is a nonnegative martingale at θ = θ₀ and a supermartingale at every θ &lt; θ₀,
/// so by Ville's inequality P(Λ ever ≥ 1/α) ≤ α over the whole composite null θ ≤ θ₀, however often it is looked at.
/// </summary>
/// <remarks>
/// With q = τ²/s², r = q/(1+q) and z = (d − θ₀)/s, integrating the likelihood ratio over the half-normal gives
/// Λ = 2 · √(1−r) · exp(r z²/2) · Φ(z√r): the two-sided Λ of <see cref="MixtureSequentialTest"/> times 2Φ(z√r).
/// ln Λ increases with z (its derivative is √r(y + φ(y)/Φ(y)) with y = z√r, and y + φ(y)/Φ(y) &gt; 0) and is convex,
/// so the always-valid bound, where Λ = 1/α, is a unique z* that Newton's method reaches from above.
/// </remarks>
public static class OneSidedMixtureTest
{
    /// <summary>ln Λ of the evidence that the effect exceeds <paramref name="nullEffect"/>; −∞ when it is overwhelmingly below.</summary>
    public static double LogLambda(double delta, double standardErrorSquared, double tauSquared, double nullEffect)
    {
        double q = tauSquared / standardErrorSquared, r = q / (1 + q);
        double z = (delta - nullEffect) / Math.Sqrt(standardErrorSquared);
        return Math.Log(2) - 0.5 * Math.Log(1 + q) + 0.5 * r * z * z + NormalDistribution.LogCdf(z * Math.Sqrt(r));
    }

    /// <summary>
    /// The distance z*·s from the estimate to the always-valid one-sided bound at level α: the θ₀ below
    /// (d − z*s) or, mirrored, above (d + z*s) at which this look's Λ equals 1/α.
    /// </summary>
    public static double HalfWidth(double standardErrorSquared, double tauSquared, double alpha)
    {
        double q = tauSquared / standardErrorSquared, r = q / (1 + q), sqrtR = Math.Sqrt(r);
        double target = -Math.Log(alpha) - Math.Log(2) + 0.5 * Math.Log(1 + q);
        // The two-sided half-width in SE units: there 2Φ(z√r) > 1, so Λ > 1/α and the root lies below it.
        double z = Math.Sqrt((Math.Log(1 + q) - 2 * Math.Log(alpha)) / r);
        for (int i = 0; i < 100; i++)
        {
            double y = z * sqrtR, logCdf = NormalDistribution.LogCdf(y);
            double excess = 0.5 * r * z * z + logCdf - target;
            if (excess <= 0) break;
            // d/dz ln Φ(z√r) = √r φ(y)/Φ(y), taken in logs so that it stays finite.
            double slope = r * z + sqrtR * Math.Exp(NormalDistribution.LogDensity(y) - logCdf);
            double step = excess / slope;
            z -= step;
            if (step <= 1e-15 * z) break;
        }
        return z * Math.Sqrt(standardErrorSquared);
    }
}
