namespace Experimentation.Statistics;

/// <summary>
/// Centred moments of a pair (u, v): n, means, M2 of each and the co-moment Σ(u − ū)(v − v̄), merged by Chan's formula.
/// Shared by ratio metrics (numerator, denominator) and CUPED (metric, covariate).
/// </summary>
internal readonly record struct CoMoments(long Count, double MeanU, double MeanV, double M2U, double M2V, double CoMoment)
{
    public static CoMoments FromSums(long n, double sumU, double sumV, double sumUU, double sumVV, double sumUV)
    {
        if (n <= 0) return default;
        double meanU = sumU / n, meanV = sumV / n;
        return new CoMoments(n, meanU, meanV,
            Math.Max(0.0, sumUU - sumU * meanU), Math.Max(0.0, sumVV - sumV * meanV), sumUV - sumU * meanV);
    }

    /// <summary>From sums of deviations from the shifts (kU, kV): Σ(u − kU), Σ(v − kV), their squares and cross product.</summary>
    public static CoMoments FromShiftedSums(long n, double kU, double kV, double sumU, double sumV, double sumUU, double sumVV, double sumUV)
    {
        if (n <= 0) return default;
        double meanU = sumU / n, meanV = sumV / n;
        return new CoMoments(n, kU + meanU, kV + meanV,
            Math.Max(0.0, sumUU - sumU * meanU), Math.Max(0.0, sumVV - sumV * meanV), sumUV - sumU * meanV);
    }

    public CoMoments Add(double u, double v)
    {
        long n = Count + 1;
        double du = u - MeanU, dv = v - MeanV;
        double meanU = MeanU + du / n, meanV = MeanV + dv / n;
        // Welford for both, and the co-moment uses the old deviation of one and the new of the other.
        return new CoMoments(n, meanU, meanV, M2U + du * (u - meanU), M2V + dv * (v - meanV), CoMoment + du * (v - meanV));
    }

    public static CoMoments operator +(CoMoments a, CoMoments b)
    {
        if (a.Count == 0) return b;
        if (b.Count == 0) return a;
        long n = a.Count + b.Count;
        double du = b.MeanU - a.MeanU, dv = b.MeanV - a.MeanV;
        double weightB = (double)b.Count / n;
        double cross = a.Count * weightB;
        return new CoMoments(n, a.MeanU + du * weightB, a.MeanV + dv * weightB,
            a.M2U + b.M2U + du * du * cross, a.M2V + b.M2V + dv * dv * cross, a.CoMoment + b.CoMoment + du * dv * cross);
    }

    public double SumU => Count * MeanU;
    public double SumV => Count * MeanV;
    public double SumUU => M2U + Count * MeanU * MeanU;
    public double SumVV => M2V + Count * MeanV * MeanV;
    public double SumUV => CoMoment + Count * MeanU * MeanV;
    public double VarianceU => Count < 2 ? double.NaN : M2U / (Count - 1);
    public double VarianceV => Count < 2 ? double.NaN : M2V / (Count - 1);
    public double Covariance => Count < 2 ? double.NaN : CoMoment / (Count - 1);
}
