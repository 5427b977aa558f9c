namespace Experimentation.Statistics;

/// <summary>
/// DDSketch's logarithmic bucket mapping (Masson, Rim and Lee, "DDSketch: a fast and fully-mergeable quantile sketch
/// with relative-error guarantees", VLDB 2019): a value x &gt; 0 goes to bucket i = ⌈log_γ x⌉ with γ = (1 + a)/(1 − a),
/// and the bucket's representative 2γ^i/(γ + 1) is within a relative a of every value in (γ^(i−1), γ^i].
/// </summary>
/// <remarks>
/// a = 1% here. Indexes are clamped to those of [1e-9, 1e12], which bounds a sketch at <see cref="MaxBuckets"/>
/// buckets whatever the data: values outside that range keep their rank but not the relative error. Zero has its own
/// count; a negative value is counted as zero (percentile metrics are latencies, sizes and amounts).
/// </remarks>
public static class LogBuckets
{
    /// <summary>a, the relative accuracy of every bucket's representative.</summary>
    public const double RelativeAccuracy = 0.01;

    /// <summary>γ = (1 + a)/(1 − a).</summary>
    public const double Gamma = (1 + RelativeAccuracy) / (1 - RelativeAccuracy);

    private static readonly double LogGamma = Math.Log(Gamma);

    /// <summary>The smallest value with its own bucket.</summary>
    public const double MinValue = 1e-9;

    /// <summary>The largest value with its own bucket.</summary>
    public const double MaxValue = 1e12;

    public static readonly int MinIndex = (int)Math.Ceiling(Math.Log(MinValue) / LogGamma);
    public static readonly int MaxIndex = (int)Math.Ceiling(Math.Log(MaxValue) / LogGamma);

    /// <summary>The most buckets a sketch can hold (2,419), zero apart.</summary>
    public static int MaxBuckets => MaxIndex - MinIndex + 1;

    /// <summary>The index that stands for zero (and negative values): below every bucket.</summary>
    public const int Zero = int.MinValue;

    /// <summary>The bucket of a value; <see cref="Zero"/> for x ≤ 0 and NaN.</summary>
    public static int IndexOf(double x)
    {
        if (!(x > 0)) return Zero;
        int i = (int)Math.Ceiling(Math.Log(x) / LogGamma);
        return Math.Clamp(i, MinIndex, MaxIndex);
    }

    /// <summary>The lower bound γ^(i−1) of a bucket (exclusive); 0 for <see cref="Zero"/>.</summary>
    public static double LowerBound(int index) => index == Zero ? 0 : Math.Exp((index - 1) * LogGamma);

    /// <summary>The representative value of a bucket: 2γ^i/(γ + 1); 0 for <see cref="Zero"/>.</summary>
    public static double ValueOf(int index) => index == Zero ? 0 : 2 * Math.Exp(index * LogGamma) / (Gamma + 1);
}
