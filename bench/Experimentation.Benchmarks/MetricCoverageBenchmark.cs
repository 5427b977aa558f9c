using BenchmarkDotNet.Attributes;
using Experimentation.Statistics;

namespace Experimentation.Benchmarks;

/// <summary>
/// The cost issue 14 adds to a look (<see cref="LookWorkload"/>: 10 metrics × 3 arms of about 50,000 users): CUPED on
/// its eight mean and conversion metrics and two ratio metrics, and two event-level percentile metrics (p95 and p99
/// latency over about 200,000 page loads per arm, each arm's DDSketch merged from 8 shards × 28 days, with the users'
/// clusters).
/// The grain calls that fetch the sketches and the clusters are not included; the shard's cluster scan is measured
/// separately (docs/benchmarks.md).
/// </summary>
[MemoryDiagnoser]
[MinColumn, MedianColumn]
public class MetricCoverageBenchmark
{
    private ExperimentInput _base = null!, _cuped = null!, _percentiles = null!;
    private IReadOnlyDictionary<string, SequentialState> _previous = null!;
    private (int[] Indexes, long[] Counts, long Zeros)[] _days = null!;

    [GlobalSetup]
    public void Setup()
    {
        _base = LookWorkload.Input();
        _previous = LookWorkload.PreviousStates(_base);
        _cuped = _base with { Metrics = _base.Metrics.Select(WithCuped).ToArray() };
        var random = new Random(14);
        var p95 = Percentile("p95-latency", 0.95, random);
        var p99 = Percentile("p99-latency", 0.99, random);
        _percentiles = _cuped with { Metrics = [.. _cuped.Metrics, p95, p99] };
        var report = ExperimentAnalyzer.Analyze(_percentiles, _previous).Report;
        var failed = report.Metrics.SelectMany(m => m.Comparisons.Select(c => (m.Key, c))).FirstOrDefault(x => x.c.Error is not null || x.c.PValue is null);
        if (failed.c is not null)
            throw new InvalidOperationException($"Every comparison of the workload must be computed: {failed.Key} has {failed.c.Error}.");
        if (report.Metrics.SelectMany(m => m.Comparisons).Count(c => c.Cuped is { Applied: true }) != 20)
            throw new InvalidOperationException("Every mean, conversion and ratio comparison must be CUPED-adjusted.");
        // 8 shards × 28 days of one arm's sketch, for the merge a look does.
        _days = Enumerable.Range(0, 224).Select(_ =>
        {
            var sketch = QuantileSketch.Of(Latencies(random, 900));
            return (sketch.Indexes, sketch.Counts, sketch.Zeros);
        }).ToArray();
    }

    [Benchmark(Baseline = true, Description = "Analyze, 10 metrics × 3 arms")]
    public AnalysisOutcome Analyze() => ExperimentAnalyzer.Analyze(_base, _previous);

    [Benchmark(Description = "with CUPED on 10 metrics (2 ratios)")]
    public AnalysisOutcome AnalyzeWithCuped() => ExperimentAnalyzer.Analyze(_cuped, _previous);

    [Benchmark(Description = "with CUPED and 2 event-level percentile metrics")]
    public AnalysisOutcome AnalyzeWithPercentiles() => ExperimentAnalyzer.Analyze(_percentiles, _previous);

    /// <summary>What the look does per arm and percentile metric before the engine: merging 224 day-shard sketches.</summary>
    [Benchmark(Description = "merge one arm's 8 × 28 day sketches")]
    public QuantileSketch MergeSketches()
    {
        return QuantileSketch.Merge(_days);
    }

    /// <summary>The merge before <see cref="QuantileSketch.Merge"/>: a sorted map, one tree insert per bucket per day-shard.</summary>
    [Benchmark(Description = "the same by SortedDictionary (the previous merge)")]
    public QuantileSketch MergeSketchesBySortedMap()
    {
        var buckets = new SortedDictionary<int, long>();
        long zeros = 0;
        foreach (var (indexes, counts, z) in _days)
        {
            zeros += z;
            for (int i = 0; i < indexes.Length; i++) buckets[indexes[i]] = buckets.GetValueOrDefault(indexes[i]) + counts[i];
        }
        return new QuantileSketch(buckets.Keys.ToArray(), buckets.Values.ToArray(), zeros);
    }

    // The covariate correlated 0.7 with the metric, with the metric's own moments; a ratio's pre-period pair has the
    // post-period pair's moments, each variable correlated 0.7 with its own pre-period value and 0.5 with the other.
    private static MetricInput WithCuped(MetricInput m)
    {
        if (m.Samples is { Kind: MetricKind.Ratio, Ratios: { } ratios })
            return m with
            {
                Cuped = CupedInput.OfRatios(ratios.Select(r => new RatioCupedSample(r, r with
                {
                    NumeratorMean = r.NumeratorMean * 0.98, DenominatorMean = r.DenominatorMean * 0.99,
                }, 0.7 * r.NumeratorM2, 0.5 * Math.Sqrt(r.NumeratorM2 * r.DenominatorM2), 0.5 * Math.Sqrt(r.NumeratorM2 * r.DenominatorM2),
                    0.7 * r.DenominatorM2)).ToArray(), 14),
            };
        if (m.Samples is not { Kind: MetricKind.Mean or MetricKind.Conversion } s) return m;
        var arms = Enumerable.Range(0, s.Count).Select(i =>
        {
            var a = s.Summary(i);
            double m2 = a.Variance * (a.Count - 1);
            return new CupedSample(a.Count, a.Mean, a.Mean * 0.98, m2, m2, 0.7 * m2);
        }).ToArray();
        return m with { Cuped = new CupedInput(arms, 14) };
    }

    private static MetricInput Percentile(string key, double q, Random random)
    {
        var arms = Enumerable.Range(0, 3).Select(i =>
        {
            var sketch = QuantileSketch.Of(Latencies(random, 200_000));
            var clusters = default(RatioSample);
            for (int u = 0; u < 50_000; u++) clusters = clusters.Add(random.Next(0, 5) < (q > 0.97 ? 1 : 4) ? 4 : 3, 4);
            return new QuantileSample(q, sketch, clusters);
        }).ToArray();
        return new MetricInput(key, AnalysisRole.Guardrail, MetricSamples.Of(arms), new GuardrailRule(false, 0.05));
    }

    private static IEnumerable<double> Latencies(Random random, int n)
    {
        for (int i = 0; i < n; i++)
            yield return Math.Exp(Math.Log(200) + 0.6 * Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()));
    }
}
