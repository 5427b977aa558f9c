namespace Experimentation.Statistics;

/// <summary>
/// Sufficient statistics of a mean metric for one arm: n, Σx and Σx², merged with <c>+</c>.
/// </summary>
/// <remarks>
/// Stored as n, mean and M2 = Σ(x − x̄)² rather than raw sums: Σx² − (Σx)²/n loses every digit of the variance when
/// values sit near 1e6 with a spread of 0.1, and no later arithmetic can recover them. Chan's parallel formula makes
/// <c>+</c> exact up to rounding and independent of merge order. <see cref="Sum"/> and <see cref="SumSquares"/> are
/// still exposed for callers that speak in sums.
/// </remarks>
/// <param name="Count">The number of units (n).</param>
/// <param name="Mean">The sample mean x̄.</param>
/// <param name="SumSquaredDeviations">M2 = Σ(x − x̄)².</param>
public readonly record struct SampleMean(long Count, double Mean, double SumSquaredDeviations)
{
    /// <summary>Σx.</summary>
    public double Sum => Count * Mean;

    /// <summary>Σx², reconstructed as M2 + n·x̄².</summary>
    public double SumSquares => SumSquaredDeviations + Count * Mean * Mean;

    /// <summary>Sample variance s² with n − 1 in the denominator; NaN when n &lt; 2.</summary>
    public double Variance => Count < 2 ? double.NaN : SumSquaredDeviations / (Count - 1);

    /// <summary>Sample standard deviation s.</summary>
    public double StandardDeviation => Math.Sqrt(Variance);

    /// <summary>
    /// From raw sums. Precision is only as good as the sums: if Σx² was accumulated naively near 1e6 the damage is
    /// already done, which is why accumulators should use <see cref="Add"/> or <c>+</c> instead.
    /// </summary>
    public static SampleMean FromSums(long count, double sum, double sumSquares)
    {
        if (count <= 0) return default;
        double mean = sum / count;
        // Clamp: rounding in caller-supplied sums can make the difference slightly negative.
        return new SampleMean(count, mean, Math.Max(0.0, sumSquares - sum * mean));
    }

    /// <summary>
    /// From shifted sums: n, a shift K, S1 = Σ(x − K) and S2 = Σ(x − K)². With K near the data (the ingestion's shards
    /// fix it at the first value they see) no digit of the variance cancels: mean = K + S1/n and
    /// M2 = S2 − S1²/n, where S1²/n is of the order of the variance itself rather than of n·mean².
    /// </summary>
    public static SampleMean FromShiftedSums(long count, double shift, double sum, double sumSquares)
    {
        if (count <= 0) return default;
        // Clamp: rounding in the sums can make an essentially zero M2 slightly negative.
        return new SampleMean(count, shift + sum / count, Math.Max(0.0, sumSquares - sum * (sum / count)));
    }

    /// <summary>From a count, a mean and a sample variance (n − 1), as reported by most tools.</summary>
    public static SampleMean FromMoments(long count, double mean, double variance) =>
        new(count, mean, count < 2 ? 0.0 : variance * (count - 1));

    /// <summary>
    /// From a batch of raw observations by the corrected two-pass algorithm, which is accurate to a few ulps even
    /// when the mean dwarfs the spread (Welford's one-pass update loses about mean/sd·ε there).
    /// </summary>
    public static SampleMean FromValues(ReadOnlySpan<double> values)
    {
        if (values.IsEmpty) return default;
        // Neumaier-compensated sum, so the mean is correctly rounded even for long batches near 1e9.
        double sum = 0, compensation = 0;
        foreach (double x in values)
        {
            double t = sum + x;
            compensation += Math.Abs(sum) >= Math.Abs(x) ? (sum - t) + x : (x - t) + sum;
            sum = t;
        }
        double mean = (sum + compensation) / values.Length;
        double squares = 0, residual = 0;
        foreach (double x in values)
        {
            double d = x - mean;
            squares += d * d;
            residual += d;
        }
        // The residual term removes what rounding left in the mean (Chan, Golub and LeVeque's correction).
        return new SampleMean(values.Length, mean, Math.Max(0.0, squares - residual * residual / values.Length));
    }

    /// <summary>Adds one observation (Welford).</summary>
    public SampleMean Add(double x)
    {
        long n = Count + 1;
        double delta = x - Mean;
        double mean = Mean + delta / n;
        return new SampleMean(n, mean, SumSquaredDeviations + delta * (x - mean));
    }

    /// <summary>Merges two disjoint samples (Chan, Golub and LeVeque).</summary>
    public static SampleMean operator +(SampleMean a, SampleMean b)
    {
        if (a.Count == 0) return b;
        if (b.Count == 0) return a;
        long n = a.Count + b.Count;
        double delta = b.Mean - a.Mean;
        double weightB = (double)b.Count / n;
        double mean = a.Mean + delta * weightB;
        double m2 = a.SumSquaredDeviations + b.SumSquaredDeviations + delta * delta * a.Count * weightB;
        return new SampleMean(n, mean, m2);
    }

    /// <summary>The per-arm summary the tests consume.</summary>
    public ArmSummary ToSummary() => new(Count, Mean, Variance);
}
