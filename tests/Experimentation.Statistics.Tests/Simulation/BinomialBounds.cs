namespace Experimentation.Statistics.Tests.Simulation;

/// <summary>Exact binomial tail and Clopper–Pearson bound, for stating what a simulated rate guarantees.</summary>
internal static class BinomialBounds
{
    /// <summary>P(X ≤ k) for X ~ Binomial(n, p), summed in logs so that no term underflows early.</summary>
    public static double Cdf(int k, int n, double p)
    {
        if (k < 0) return 0;
        if (k >= n || p <= 0) return 1;
        if (p >= 1) return 0;
        double logP = Math.Log(p), logQ = Math.Log(1 - p), logChoose = 0, sum = 0;
        for (int i = 0; i <= k; i++)
        {
            if (i > 0) logChoose += Math.Log((double)(n - i + 1) / i);
            sum += Math.Exp(logChoose + i * logP + (n - i) * logQ);
        }
        return Math.Min(1, sum);
    }

    /// <summary>P(X ≥ k).</summary>
    public static double UpperTail(int k, int n, double p) => 1 - Cdf(k - 1, n, p);

    /// <summary>
    /// The one-sided Clopper–Pearson upper bound: the rate u with P(X ≤ k | u) = 1 − confidence, so the true rate is
    /// below u with that confidence (scipy.stats.beta.ppf(confidence, k + 1, n − k)).
    /// </summary>
    public static double ClopperPearsonUpper(int k, int n, double confidence)
    {
        if (k >= n) return 1;
        double low = (double)k / n, high = 1;
        // The CDF falls as the rate rises; bisect to the last bit.
        for (int i = 0; i < 200 && high - low > 1e-17; i++)
        {
            double mid = 0.5 * (low + high);
            if (Cdf(k, n, mid) > 1 - confidence) low = mid; else high = mid;
        }
        return 0.5 * (low + high);
    }
}
