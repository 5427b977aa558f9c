using Experimentation.GrainInterfaces.Aggregation;
using Experimentation.GrainInterfaces.Metrics;
using Experimentation.Statistics;

namespace Experimentation.Grains.Analysis;

/// <summary>The aggregators' shifted sums of one metric, per arm, as the engine's samples for the metric's test.</summary>
public static class SampleMapping
{
    public static MetricSamples Of(MetricDefinition metric, MetricSums[] arms)
    {
        if (metric.Type == MetricType.Conversion)
            return MetricSamples.Of(arms.Select(s => new Proportion(s.Count, s.Conversions)).ToArray());
        // Ratio metrics and avg means are (numerator, denominator) pairs over every exposed user.
        if (metric.IsRatio())
            return MetricSamples.Of(arms.Select(s => Ratio(s.Values.Fold())).ToArray());
        return MetricSamples.Of(arms.Select(s => Mean(s.Values.Fold())).ToArray());
    }

    /// <summary>The per-user (early, late) moments as the novelty test's samples, or null for metrics without them.</summary>
    public static NoveltyInput? Novelty(MetricDefinition metric, VariantStatistics[] arms)
    {
        // E is 0 while shards disagree on the window (a refold in progress) or before any user: no novelty check then.
        var earlyDays = arms[0].NoveltyEarlyDays;
        if (!metric.HasNoveltyMoments() || earlyDays <= 0 || arms.Any(a => a.NoveltyEarlyDays != earlyDays)) return null;
        return new NoveltyInput(earlyDays, arms.Select(a =>
        {
            var p = a.Novelty(metric.Key).Fold();
            return NoveltySample.FromShiftedSums(p.Count, p.ShiftX, p.ShiftY, p.SumX, p.SumY, p.SumXX, p.SumYY, p.SumXY);
        }).ToArray());
    }

    /// <summary>
    /// The per-user (value, pre-period value) moments as CUPED's samples, or null for metrics without them, with CUPED
    /// off, or while an arm's moments do not cover the same users as its sums (a shard folded before CUPED existed).
    /// </summary>
    public static CupedInput? Cuped(MetricDefinition metric, VariantStatistics[] arms, int preDays)
    {
        if (preDays <= 0) return null;
        if (metric.HasRatioCupedMoments()) return RatioCuped(metric, arms, preDays);
        if (!metric.HasCupedMoments()) return null;
        var samples = new CupedSample[arms.Length];
        for (int i = 0; i < arms.Length; i++)
        {
            var p = arms[i].Cuped(metric.Key).Fold();
            if (p.Count != arms[i].Total(metric.Key).Count) return null;
            samples[i] = CupedSample.FromShiftedSums(p.Count, p.ShiftX, p.ShiftY, p.SumX, p.SumY, p.SumXX, p.SumYY, p.SumXY);
        }
        return new CupedInput(samples, preDays);
    }

    // Each arm's (M, D, M', D') moments from its (M, D) sums and the five pairs; null while an arm's pairs do not cover
    // the users of its sums.
    private static CupedInput? RatioCuped(MetricDefinition metric, VariantStatistics[] arms, int preDays)
    {
        var samples = new RatioCupedSample[arms.Length];
        for (int i = 0; i < arms.Length; i++)
        {
            var post = arms[i].Total(metric.Key).Values;
            if (post.Count == 0) continue;
            if (arms[i].RatioCuped(metric.Key) is not { } pairs || pairs.Any(p => p.Count != post.Count)) return null;
            samples[i] = RatioCupedSample.Of(Ratio(post.Fold()), Ratio(pairs[RatioCupedPairs.Pre].Fold()),
                Ratio(pairs[RatioCupedPairs.NumeratorPreNumerator].Fold()), Ratio(pairs[RatioCupedPairs.NumeratorPreDenominator].Fold()),
                Ratio(pairs[RatioCupedPairs.DenominatorPreNumerator].Fold()), Ratio(pairs[RatioCupedPairs.DenominatorPreDenominator].Fold()));
        }
        return CupedInput.OfRatios(samples, preDays);
    }

    /// <summary>
    /// A percentile metric's samples: each arm's sketches of every day and shard merged, and at event level the users'
    /// clusters at that arm's estimate, read by <paramref name="clusters"/>(arm, bucket index of the estimate).
    /// </summary>
    public static async Task<MetricSamples?> QuantilesAsync(MetricDefinition metric, VariantStatistics[] arms,
        Func<int, int, Task<PairedSums>> clusters)
    {
        double q = metric.QuantileLevel();
        var samples = new QuantileSample[arms.Length];
        for (int i = 0; i < arms.Length; i++)
        {
            var sketch = QuantileSketch.Merge(arms[i].Sketches(metric.Key).Select(d => (d.Indexes, d.Counts, d.Zeros)).ToArray());
            RatioSample? users = null;
            if (!metric.IsUnitLevel() && sketch.Count > 0)
            {
                var p = (await clusters(i, sketch.IndexAtRank(QuantileSample.RankOf(q, sketch.Count)))).Fold();
                users = RatioSample.FromShiftedSums(p.Count, p.ShiftX, p.ShiftY, p.SumX, p.SumY, p.SumXX, p.SumYY, p.SumXY);
            }
            samples[i] = new QuantileSample(q, sketch, users);
        }
        return MetricSamples.Of(samples);
    }

    private static SampleMean Mean(PairedSums p) => SampleMean.FromShiftedSums(p.Count, p.ShiftX, p.SumX, p.SumXX);

    private static RatioSample Ratio(PairedSums p) =>
        RatioSample.FromShiftedSums(p.Count, p.ShiftX, p.ShiftY, p.SumX, p.SumY, p.SumXX, p.SumYY, p.SumXY);
}
