namespace Experimentation.Statistics;

/// <summary>
/// Sufficient statistics of a ratio metric ΣM/ΣD with the same ratio over a pre-exposure period as its CUPED covariate
/// (ΣM'/ΣD'), for one arm: n, the four means, and the 4×4 co-moment matrix of (M, D, M', D'). Stored as the two
/// pairs' centred moments and the four cross co-moments, so that <c>+</c> is stable like <see cref="RatioSample"/>'s.
/// </summary>
/// <param name="Post">(M, D) after first exposure, the metric itself.</param>
/// <param name="Pre">(M', D') over the pre-period.</param>
/// <param name="NumeratorPreNumerator">Σ(M − M̄)(M' − M̄').</param>
/// <param name="NumeratorPreDenominator">Σ(M − M̄)(D' − D̄').</param>
/// <param name="DenominatorPreNumerator">Σ(D − D̄)(M' − M̄').</param>
/// <param name="DenominatorPreDenominator">Σ(D − D̄)(D' − D̄').</param>
public readonly record struct RatioCupedSample(RatioSample Post, RatioSample Pre, double NumeratorPreNumerator,
    double NumeratorPreDenominator, double DenominatorPreNumerator, double DenominatorPreDenominator)
{
    /// <summary>The number of units (n).</summary>
    public long Count => Post.Count;

    /// <summary>
    /// From the pairs' moments the shards keep: (M, D), (M', D'), and the cross pairs (M, M'), (M, D'), (D, M'),
    /// (D, D') over the same units, of which only the co-moments are taken.
    /// </summary>
    /// <exception cref="ArgumentException">The pairs do not count the same units.</exception>
    public static RatioCupedSample Of(in RatioSample post, in RatioSample pre, in RatioSample numeratorPreNumerator,
        in RatioSample numeratorPreDenominator, in RatioSample denominatorPreNumerator, in RatioSample denominatorPreDenominator)
    {
        long n = post.Count;
        if (pre.Count != n || numeratorPreNumerator.Count != n || numeratorPreDenominator.Count != n
            || denominatorPreNumerator.Count != n || denominatorPreDenominator.Count != n)
            throw new ArgumentException("Every pair of a ratio CUPED sample must count the same units.");
        return new(post, pre, numeratorPreNumerator.CoMoment, numeratorPreDenominator.CoMoment,
            denominatorPreNumerator.CoMoment, denominatorPreDenominator.CoMoment);
    }

    /// <summary>
    /// From raw sums in gbstats' <c>RegressionAdjustedRatioStatistic</c> terms: ΣM, ΣM², ΣD, ΣD², ΣM', ΣM'², ΣD', ΣD'²,
    /// and the sums of products ΣMD, ΣM'D', ΣMM', ΣMD', ΣDM', ΣDD' (see <see cref="SampleMean.FromSums"/> on precision).
    /// </summary>
    public static RatioCupedSample FromSums(long n, double sumM, double sumMM, double sumD, double sumDD, double sumPreM,
        double sumPreMM, double sumPreD, double sumPreDD, double sumMD, double sumPreMPreD, double sumMPreM, double sumMPreD,
        double sumDPreM, double sumDPreD)
    {
        if (n <= 0) return default;
        return new(RatioSample.FromSums(n, sumM, sumD, sumMM, sumDD, sumMD),
            RatioSample.FromSums(n, sumPreM, sumPreD, sumPreMM, sumPreDD, sumPreMPreD),
            sumMPreM - sumM * (sumPreM / n), sumMPreD - sumM * (sumPreD / n),
            sumDPreM - sumD * (sumPreM / n), sumDPreD - sumD * (sumPreD / n));
    }

    /// <summary>Adds one unit: its numerator and denominator after exposure and over the pre-period.</summary>
    public RatioCupedSample Add(double numerator, double denominator, double preNumerator, double preDenominator)
    {
        // Welford's co-moment: the old deviation of one variable times the new deviation of the other.
        double dm = numerator - Post.NumeratorMean, dd = denominator - Post.DenominatorMean;
        var post = Post.Add(numerator, denominator);
        var pre = Pre.Add(preNumerator, preDenominator);
        double em = preNumerator - pre.NumeratorMean, ed = preDenominator - pre.DenominatorMean;
        return new(post, pre, NumeratorPreNumerator + dm * em, NumeratorPreDenominator + dm * ed,
            DenominatorPreNumerator + dd * em, DenominatorPreDenominator + dd * ed);
    }

    /// <summary>Merges two disjoint samples (Chan's formula for each cross co-moment).</summary>
    public static RatioCupedSample operator +(RatioCupedSample a, RatioCupedSample b)
    {
        if (a.Count == 0) return b;
        if (b.Count == 0) return a;
        double cross = (double)a.Count * b.Count / (a.Count + b.Count);
        double dm = b.Post.NumeratorMean - a.Post.NumeratorMean, dd = b.Post.DenominatorMean - a.Post.DenominatorMean;
        double em = b.Pre.NumeratorMean - a.Pre.NumeratorMean, ed = b.Pre.DenominatorMean - a.Pre.DenominatorMean;
        return new(a.Post + b.Post, a.Pre + b.Pre,
            a.NumeratorPreNumerator + b.NumeratorPreNumerator + dm * em * cross,
            a.NumeratorPreDenominator + b.NumeratorPreDenominator + dm * ed * cross,
            a.DenominatorPreNumerator + b.DenominatorPreNumerator + dd * em * cross,
            a.DenominatorPreDenominator + b.DenominatorPreDenominator + dd * ed * cross);
    }

    /// <summary>
    /// The sample covariance matrix (n − 1) of (M, D, M', D'), gbstats' <c>lambda_matrix</c>; NaN entries when n &lt; 2.
    /// </summary>
    public double[,] Covariance()
    {
        Span<double> lambda = stackalloc double[16];
        CovarianceInto(lambda);
        var matrix = new double[4, 4];
        for (int i = 0; i < 4; i++)
            for (int j = 0; j < 4; j++)
                matrix[i, j] = lambda[4 * i + j];
        return matrix;
    }

    /// <summary>The same matrix row by row into 16 doubles, for the analysis, which runs per look and allocates nothing.</summary>
    public void CovarianceInto(Span<double> lambda)
    {
        double k = Count < 2 ? double.NaN : 1.0 / (Count - 1);
        double mm = Post.NumeratorM2 * k, dd = Post.DenominatorM2 * k, md = Post.CoMoment * k;
        double pmm = Pre.NumeratorM2 * k, pdd = Pre.DenominatorM2 * k, pmd = Pre.CoMoment * k;
        double a = NumeratorPreNumerator * k, b = NumeratorPreDenominator * k, c = DenominatorPreNumerator * k, d = DenominatorPreDenominator * k;
        ReadOnlySpan<double> rows = [mm, md, a, b, md, dd, c, d, a, c, pmm, pmd, b, d, pmd, pdd];
        rows.CopyTo(lambda);
    }
}
