using Xunit;

namespace Experimentation.Statistics.Tests;

/// <summary>The merge of shards' and days' sketches: exactly the counts of every input, per index, ascending.</summary>
public sealed class QuantileSketchMergeTests
{
    [Fact]
    public void MergingAddsTheCountsOfEqualIndexes()
    {
        var random = new Random(31);
        var parts = Enumerable.Range(0, 40).Select(_ => QuantileSketch.Of(Enumerable.Range(0, random.Next(0, 300))
            .Select(_ => random.Next(10) == 0 ? 0 : Math.Exp(random.NextDouble() * 12 - 3)))).ToArray();
        var expected = new SortedDictionary<int, long>();
        foreach (var part in parts)
            for (int i = 0; i < part.Indexes.Length; i++) expected[part.Indexes[i]] = expected.GetValueOrDefault(part.Indexes[i]) + part.Counts[i];

        var merged = QuantileSketch.Merge(parts.Select(p => (p.Indexes, p.Counts, p.Zeros)).ToArray());

        Assert.Equal(expected.Keys, merged.Indexes);
        Assert.Equal(expected.Values, merged.Counts);
        Assert.Equal(parts.Sum(p => p.Zeros), merged.Zeros);
        Assert.True(merged.Zeros > 0);
        // The same values sketched at once give the same sketch.
        Assert.Equal(parts.Sum(p => p.Count), merged.Count);
    }

    [Fact]
    public void NoPartsOrOnlyZerosMergeToNoBuckets()
    {
        Assert.Equal(0, QuantileSketch.Merge([]).Count);
        var zeros = QuantileSketch.Merge([([], [], 3), ([], [], 4)]);
        Assert.Empty(zeros.Indexes);
        Assert.Empty(zeros.Counts);
        Assert.Equal(7, zeros.Zeros);
    }

    // The clamped extremes of the index range, far apart, are both kept.
    [Fact]
    public void TheWholeIndexRangeMerges()
    {
        var merged = QuantileSketch.Merge([([LogBuckets.MinIndex, 0], [2, 1], 0), ([0, LogBuckets.MaxIndex], [5, 1], 0)]);

        Assert.Equal([LogBuckets.MinIndex, 0, LogBuckets.MaxIndex], merged.Indexes);
        Assert.Equal([2L, 6, 1], merged.Counts);
    }
}
