namespace Experimentation.Statistics;

/// <summary>
/// Sufficient statistics of a mean metric Y with a pre-exposure covariate X for CUPED, for one arm: n, ΣY, ΣY², ΣX,
/// ΣX² and ΣXY, stored as centred moments so that <c>+</c> is stable.
/// </summary>
/// <param name="Count">The number of units (n).</param>
/// <param name="MetricMean">Ȳ.</param>
/// <param name="CovariateMean">X̄.</param>
/// <param name="MetricM2">Σ(Y − Ȳ)².</param>
/// <param name="CovariateM2">Σ(X − X̄)².</param>
/// <param name="CoMoment">Σ(Y − Ȳ)(X − X̄).</param>
public readonly record struct CupedSample(
    long Count, double MetricMean, double CovariateMean, double MetricM2, double CovariateM2, double CoMoment)
{
    public double SumMetric => Moments.SumU;
    public double SumMetricSquares => Moments.SumUU;
    public double SumCovariate => Moments.SumV;
    public double SumCovariateSquares => Moments.SumVV;
    public double SumProducts => Moments.SumUV;

    /// <summary>The metric alone, for an unadjusted analysis.</summary>
    public SampleMean Metric => new(Count, MetricMean, MetricM2);

    /// <summary>The covariate alone.</summary>
    public SampleMean Covariate => new(Count, CovariateMean, CovariateM2);

    /// <summary>Sample covariance s_XY (n − 1).</summary>
    public double Covariance => Moments.Covariance;

    /// <summary>From raw sums (see <see cref="SampleMean.FromSums"/> on precision).</summary>
    public static CupedSample FromSums(long count, double sumY, double sumX, double sumYY, double sumXX, double sumXY) =>
        From(CoMoments.FromSums(count, sumY, sumX, sumYY, sumXX, sumXY));

    /// <summary>
    /// From sums of deviations from the shifts: Σ(Y − K_Y), Σ(X − K_X), their squares and Σ(Y − K_Y)(X − K_X), the
    /// form the shards keep (see <see cref="SampleMean.FromShiftedSums"/>).
    /// </summary>
    public static CupedSample FromShiftedSums(long count, double shiftY, double shiftX, double sumY, double sumX, double sumYY,
        double sumXX, double sumXY) =>
        From(CoMoments.FromShiftedSums(count, shiftY, shiftX, sumY, sumX, sumYY, sumXX, sumXY));

    /// <summary>Adds one unit's metric value and covariate.</summary>
    public CupedSample Add(double metric, double covariate) => From(Moments.Add(metric, covariate));

    /// <summary>Merges two disjoint samples.</summary>
    public static CupedSample operator +(CupedSample a, CupedSample b) => From(a.Moments + b.Moments);

    private CoMoments Moments => new(Count, MetricMean, CovariateMean, MetricM2, CovariateM2, CoMoment);

    private static CupedSample From(CoMoments m) => new(m.Count, m.MeanU, m.MeanV, m.M2U, m.M2V, m.CoMoment);
}
