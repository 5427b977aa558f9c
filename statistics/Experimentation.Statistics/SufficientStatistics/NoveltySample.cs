namespace Experimentation.Statistics;

/// <summary>
/// One arm's paired per-user sample for the novelty check: for every exposed user, e = the metric over their early
/// window (days since first exposure in [0, E)) and l = the metric over the rest (age ≥ E), stored as n, the two
/// means, the M2 of each and the co-moment Σ(e − ē)(l − l̄).
/// </summary>
/// <remarks>
/// The pair is kept per user, not per window, because e and l of one user are correlated (a heavy user is heavy in
/// both windows): the co-moment is what makes the variance of the early-against-late comparison right.
/// </remarks>
/// <param name="Count">The number of exposed users (n).</param>
/// <param name="EarlyMean">ē.</param>
/// <param name="LateMean">l̄.</param>
/// <param name="EarlyM2">Σ(e − ē)².</param>
/// <param name="LateM2">Σ(l − l̄)².</param>
/// <param name="CoMoment">Σ(e − ē)(l − l̄).</param>
public readonly record struct NoveltySample(
    long Count, double EarlyMean, double LateMean, double EarlyM2, double LateM2, double CoMoment)
{
    /// <summary>The early values alone.</summary>
    public SampleMean Early => new(Count, EarlyMean, EarlyM2);

    /// <summary>The late values alone.</summary>
    public SampleMean Late => new(Count, LateMean, LateM2);

    /// <summary>Sample covariance s_el (n − 1); NaN when n &lt; 2.</summary>
    public double Covariance => Moments.Covariance;

    /// <summary>
    /// From shifted sums, as the shards keep them: Σ(e − K_e), Σ(l − K_l), their squares and Σ(e − K_e)(l − K_l),
    /// with shifts K fixed at first sight. Shifting by a typical value keeps the sums small, so
    /// Σ(e − K)² − (Σ(e − K))²/n keeps the digits that Σe² − (Σe)²/n would cancel.
    /// </summary>
    public static NoveltySample FromShiftedSums(long count, double shiftEarly, double shiftLate, double sumEarly,
        double sumLate, double sumEarlySquares, double sumLateSquares, double sumProducts)
    {
        if (count <= 0) return default;
        // Centred moments do not depend on the shift; only the means move back by it.
        var m = CoMoments.FromSums(count, sumEarly, sumLate, sumEarlySquares, sumLateSquares, sumProducts);
        return new NoveltySample(m.Count, shiftEarly + m.MeanU, shiftLate + m.MeanV, m.M2U, m.M2V, m.CoMoment);
    }

    /// <summary>
    /// From raw per-user values, early[i] and late[i] being one user's, by a two-pass algorithm with the residual
    /// correction of Chan, Golub and LeVeque.
    /// </summary>
    /// <exception cref="ArgumentException">The two spans differ in length (a caller's bug, not degenerate data).</exception>
    public static NoveltySample FromValues(ReadOnlySpan<double> early, ReadOnlySpan<double> late)
    {
        if (early.Length != late.Length)
            throw new ArgumentException($"{early.Length} early values but {late.Length} late ones; pairs are per user.", nameof(late));
        int n = early.Length;
        if (n == 0) return default;
        double meanE = SampleMean.FromValues(early).Mean, meanL = SampleMean.FromValues(late).Mean;
        double see = 0, sll = 0, sel = 0, re = 0, rl = 0;
        for (int i = 0; i < n; i++)
        {
            double de = early[i] - meanE, dl = late[i] - meanL;
            see += de * de;
            sll += dl * dl;
            sel += de * dl;
            re += de;
            rl += dl;
        }
        return new NoveltySample(n, meanE, meanL, Math.Max(0.0, see - re * re / n), Math.Max(0.0, sll - rl * rl / n),
            sel - re * rl / n);
    }

    /// <summary>Adds one user's early and late values.</summary>
    public NoveltySample Add(double early, double late) => From(Moments.Add(early, late));

    /// <summary>Merges two disjoint samples.</summary>
    public static NoveltySample operator +(NoveltySample a, NoveltySample b) => From(a.Moments + b.Moments);

    private CoMoments Moments => new(Count, EarlyMean, LateMean, EarlyM2, LateM2, CoMoment);

    private static NoveltySample From(CoMoments m) => new(m.Count, m.MeanU, m.MeanV, m.M2U, m.M2V, m.CoMoment);
}
