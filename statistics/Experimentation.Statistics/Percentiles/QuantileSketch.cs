namespace Experimentation.Statistics;

/// <summary>
/// A merged DDSketch (<see cref="LogBuckets"/>) of one arm's values: bucket indexes in ascending order with their
/// counts, and the count of zeros. Answers the value at any rank with a relative error of at most 1%.
/// </summary>
/// <param name="Indexes">Bucket indexes, ascending, each once.</param>
/// <param name="Counts">The values in each bucket, all positive.</param>
/// <param name="Zeros">Values at or below zero.</param>
public sealed record QuantileSketch(int[] Indexes, long[] Counts, long Zeros) : IRankedValues
{
    public static QuantileSketch Empty { get; } = new([], [], 0);

    /// <summary>The number of values.</summary>
    public long Count { get; } = Zeros + Counts.Sum();

    /// <summary>A sketch of these values (for tests and the analysis of raw values).</summary>
    public static QuantileSketch Of(IEnumerable<double> values)
    {
        var buckets = new SortedDictionary<int, long>();
        foreach (var x in values)
        {
            int i = LogBuckets.IndexOf(x);
            buckets[i] = buckets.GetValueOrDefault(i) + 1;
        }
        long zeros = buckets.Remove(LogBuckets.Zero, out var z) ? z : 0;
        return new QuantileSketch(buckets.Keys.ToArray(), buckets.Values.ToArray(), zeros);
    }

    /// <summary>Merges sketches (of shards and days) by adding the counts of equal indexes: exact, in any order.</summary>
    /// <remarks>
    /// Into one dense array over the inputs' index range, then compacted: each input's indexes are ascending, so the
    /// range is known from their ends, and it is bounded (<see cref="LogBuckets"/> clamps indexes to 2,419 buckets).
    /// O(entries + range) with two allocations; a sorted map paid a tree insert per entry (docs/benchmarks.md).
    /// </remarks>
    public static QuantileSketch Merge(IReadOnlyList<(int[] Indexes, long[] Counts, long Zeros)> parts)
    {
        int min = int.MaxValue, max = int.MinValue;
        long zeros = 0;
        foreach (var (indexes, _, z) in parts)
        {
            zeros += z;
            if (indexes.Length == 0) continue;
            min = Math.Min(min, indexes[0]);
            max = Math.Max(max, indexes[^1]);
        }
        if (min > max) return new QuantileSketch([], [], zeros);

        var dense = new long[max - min + 1];
        foreach (var (indexes, counts, _) in parts)
            for (int i = 0; i < indexes.Length; i++) dense[indexes[i] - min] += counts[i];
        int used = 0;
        foreach (var c in dense) if (c != 0) used++;
        var merged = new int[used];
        var mergedCounts = new long[used];
        for (int b = 0, k = 0; b < dense.Length; b++)
        {
            if (dense[b] == 0) continue;
            merged[k] = min + b;
            mergedCounts[k++] = dense[b];
        }
        return new QuantileSketch(merged, mergedCounts, zeros);
    }

    /// <summary>The value at 0-based rank r of the sorted values, within 1% relative; r is clamped to [0, n − 1].</summary>
    public double ValueAtRank(long rank)
    {
        if (Count == 0) return double.NaN;
        rank = Math.Clamp(rank, 0, Count - 1);
        if (rank < Zeros) return 0;
        long seen = Zeros;
        for (int b = 0; b < Indexes.Length; b++)
        {
            seen += Counts[b];
            if (rank < seen) return LogBuckets.ValueOf(Indexes[b]);
        }
        return LogBuckets.ValueOf(Indexes[^1]);
    }

    /// <summary>
    /// The value at a rank with the bucket's values spread evenly on the log scale between its bounds γ^(i−1) and γ^i
    /// by rank: within 2% (relative) of the exact order statistic, and strictly increasing through a bucket, so that
    /// ranks closer together than a bucket's width still give distinct values (the rank interval of a large sample).
    /// </summary>
    public double InterpolatedValueAtRank(long rank)
    {
        if (Count == 0) return double.NaN;
        rank = Math.Clamp(rank, 0, Count - 1);
        if (rank < Zeros) return 0;
        long seen = Zeros;
        for (int b = 0; b < Indexes.Length; b++)
        {
            if (rank < seen + Counts[b])
            {
                double position = (rank - seen + 0.5) / Counts[b];
                return LogBuckets.LowerBound(Indexes[b]) * Math.Pow(LogBuckets.Gamma, position);
            }
            seen += Counts[b];
        }
        return LogBuckets.ValueOf(Indexes[^1]);
    }

    /// <summary>The bucket index of the value at a rank (<see cref="LogBuckets.Zero"/> for zeros).</summary>
    public int IndexAtRank(long rank)
    {
        rank = Math.Clamp(rank, 0, Math.Max(0, Count - 1));
        if (rank < Zeros || Indexes.Length == 0) return LogBuckets.Zero;
        long seen = Zeros;
        for (int b = 0; b < Indexes.Length; b++)
        {
            seen += Counts[b];
            if (rank < seen) return Indexes[b];
        }
        return Indexes[^1];
    }
}

/// <summary>Sorted values by rank: exact (a sorted array) or approximate (a sketch).</summary>
public interface IRankedValues
{
    /// <summary>The number of values.</summary>
    long Count { get; }

    /// <summary>The value at a 0-based rank, clamped to [0, n − 1].</summary>
    double ValueAtRank(long rank);

    /// <summary>The value at a rank for the rank interval: the same as <see cref="ValueAtRank"/> unless the values are bucketed.</summary>
    double InterpolatedValueAtRank(long rank) => ValueAtRank(rank);
}

/// <summary>Exact ranks of raw values, for reference computations and tests.</summary>
public sealed class SortedValues : IRankedValues
{
    private readonly double[] _sorted;

    public SortedValues(IEnumerable<double> values)
    {
        _sorted = values.ToArray();
        Array.Sort(_sorted);
    }

    public long Count => _sorted.Length;

    public double ValueAtRank(long rank) => _sorted.Length == 0 ? double.NaN : _sorted[Math.Clamp(rank, 0, _sorted.Length - 1)];
}

/// <summary>
/// The three order statistics a quantile test reads, as a warehouse computes them (GrowthBook's quantile_lower,
/// quantile_hat, quantile_upper over n values), answered at the ranks <see cref="QuantileSample.Estimate"/> asks for.
/// </summary>
public sealed class RankInterval(double quantile, long count, double lower, double estimate, double upper) : IRankedValues
{
    public long Count => count;

    public double ValueAtRank(long rank)
    {
        long at = QuantileSample.RankOf(quantile, count);
        return rank == at ? estimate : rank < at ? lower : upper;
    }
}
