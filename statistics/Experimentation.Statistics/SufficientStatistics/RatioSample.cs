namespace Experimentation.Statistics;

/// <summary>
/// Sufficient statistics of a ratio metric ΣM/ΣD for one arm (for example revenue per session, with units as users):
/// n, ΣM, ΣD, ΣM², ΣD² and ΣMD, stored as centred moments for the same numerical reasons as <see cref="SampleMean"/>.
/// </summary>
/// <param name="Count">The number of units (n).</param>
/// <param name="NumeratorMean">M̄.</param>
/// <param name="DenominatorMean">D̄.</param>
/// <param name="NumeratorM2">Σ(M − M̄)².</param>
/// <param name="DenominatorM2">Σ(D − D̄)².</param>
/// <param name="CoMoment">Σ(M − M̄)(D − D̄).</param>
public readonly record struct RatioSample(
    long Count, double NumeratorMean, double DenominatorMean, double NumeratorM2, double DenominatorM2, double CoMoment)
{
    public double SumNumerator => Moments.SumU;
    public double SumDenominator => Moments.SumV;
    public double SumNumeratorSquares => Moments.SumUU;
    public double SumDenominatorSquares => Moments.SumVV;
    public double SumProducts => Moments.SumUV;

    /// <summary>The ratio ΣM/ΣD; NaN when ΣD is 0.</summary>
    public double Ratio => DenominatorMean == 0 ? double.NaN : NumeratorMean / DenominatorMean;

    /// <summary>From raw sums (see <see cref="SampleMean.FromSums"/> on precision).</summary>
    public static RatioSample FromSums(long count, double sumM, double sumD, double sumMM, double sumDD, double sumMD) =>
        From(CoMoments.FromSums(count, sumM, sumD, sumMM, sumDD, sumMD));

    /// <summary>
    /// From shifted sums (see <see cref="SampleMean.FromShiftedSums"/>): n, the shifts K_M and K_D, Σ(M − K_M),
    /// Σ(D − K_D), Σ(M − K_M)², Σ(D − K_D)² and Σ(M − K_M)(D − K_D).
    /// </summary>
    public static RatioSample FromShiftedSums(long count, double shiftNumerator, double shiftDenominator, double sumNumerator,
        double sumDenominator, double sumNumeratorSquares, double sumDenominatorSquares, double sumProducts) =>
        From(CoMoments.FromShiftedSums(count, shiftNumerator, shiftDenominator, sumNumerator, sumDenominator,
            sumNumeratorSquares, sumDenominatorSquares, sumProducts));

    /// <summary>Adds one unit's numerator and denominator.</summary>
    public RatioSample Add(double numerator, double denominator) => From(Moments.Add(numerator, denominator));

    /// <summary>Merges two disjoint samples.</summary>
    public static RatioSample operator +(RatioSample a, RatioSample b) => From(a.Moments + b.Moments);

    /// <summary>
    /// The per-arm summary by the delta method: mean M̄/D̄ and per-unit variance
    /// s_M²/D̄² + s_D²M̄²/D̄⁴ − 2 s_MD M̄/D̄³.
    /// </summary>
    public ArmSummary ToSummary()
    {
        var m = Moments;
        double mu = m.MeanU, d = m.MeanV;
        double variance = m.VarianceU / (d * d) + m.VarianceV * mu * mu / (d * d * d * d) - 2 * m.Covariance * mu / (d * d * d);
        // Rounding can push an essentially zero variance just below 0.
        return new ArmSummary(Count, Ratio, Math.Max(0.0, variance));
    }

    private CoMoments Moments => new(Count, NumeratorMean, DenominatorMean, NumeratorM2, DenominatorM2, CoMoment);

    private static RatioSample From(CoMoments m) => new(m.Count, m.MeanU, m.MeanV, m.M2U, m.M2V, m.CoMoment);
}
