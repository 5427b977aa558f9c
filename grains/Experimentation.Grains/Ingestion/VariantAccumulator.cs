using System.Runtime.InteropServices;
using Experimentation.GrainInterfaces.Aggregation;

namespace Experimentation.Grains.Ingestion;

/// <summary>A shard's running sums for one (experiment, variant): exposures per UTC day of first exposure, and per metric.</summary>
public sealed class VariantAccumulator
{
    public Dictionary<DateOnly, long> Exposed { get; } = [];

    public Dictionary<string, MetricSums> Sums { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, PairedSums> Novelty { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, PairedSums> Cuped { get; } = new(StringComparer.Ordinal);

    /// <summary>Ratio and avg metrics: the pairs of <see cref="RatioCupedPairs"/>, owned here and copied into partials.</summary>
    public Dictionary<string, PairedSums[]> RatioCuped { get; } = new(StringComparer.Ordinal);

    /// <summary>Percentile metrics: one sketch per (metric, UTC day).</summary>
    public Dictionary<(string Metric, DateOnly Day), SketchCounts> Sketches { get; } = [];

    /// <summary>Commit time of the newest event that changed these sums.</summary>
    public DateTimeOffset? AsOf { get; set; }

    public void AddExposed(DateOnly day, long delta)
    {
        var users = Exposed.GetValueOrDefault(day) + delta;
        if (users == 0) Exposed.Remove(day);
        else Exposed[day] = users;
    }

    public void Add(string metric, UserContribution c)
    {
        if (!c.Sums.IsEmpty) Update(Sums, metric, c.Sums, subtract: false);
        if (c.Novelty.Count != 0) Update(Novelty, metric, c.Novelty, subtract: false);
        if (c.Cuped.Count != 0) Update(Cuped, metric, c.Cuped, subtract: false);
        if (c.RatioCuped is { } pairs) Update(metric, pairs, subtract: false);
        if (c.Percentiles is { } values) Update(metric, values, +1);
    }

    public void Subtract(string metric, UserContribution c)
    {
        if (!c.Sums.IsEmpty) Update(Sums, metric, c.Sums, subtract: true);
        if (c.Novelty.Count != 0) Update(Novelty, metric, c.Novelty, subtract: true);
        if (c.Cuped.Count != 0) Update(Cuped, metric, c.Cuped, subtract: true);
        if (c.RatioCuped is { } pairs) Update(metric, pairs, subtract: true);
        if (c.Percentiles is { } values) Update(metric, values, -1);
    }

    /// <summary>Swaps one user's novelty pair, when the early window E changed.</summary>
    public void ReplaceNovelty(string metric, PairedSums old, PairedSums now)
    {
        Update(Novelty, metric, old, subtract: true);
        Update(Novelty, metric, now, subtract: false);
    }

    public VariantPartial ToPartial(long version, int noveltyEarlyDays) => new(
        version,
        Exposed.OrderBy(e => e.Key).Select(e => new ExposureBucket(e.Key, e.Value)).ToArray(),
        Sums.Keys.Order(StringComparer.Ordinal)
            .Select(k => new MetricTotals(k, Sums[k], Novelty.GetValueOrDefault(k), Cuped.GetValueOrDefault(k), SketchesOf(k),
                RatioCuped.TryGetValue(k, out var pairs) ? (PairedSums[])pairs.Clone() : null)).ToArray(),
        noveltyEarlyDays,
        AsOf);

    private DaySketch[]? SketchesOf(string metric)
    {
        List<DaySketch>? days = null;
        foreach (var ((m, day), counts) in Sketches)
            if (m == metric) (days ??= []).Add(counts.ToSketch(day));
        return days?.OrderBy(d => d.Day).ToArray();
    }

    // In place: the array is this accumulator's own, and goes with the metric's last unit.
    private void Update(string metric, PairedSums[] delta, bool subtract)
    {
        if (!RatioCuped.TryGetValue(metric, out var pairs)) RatioCuped[metric] = pairs = new PairedSums[RatioCupedPairs.Count];
        for (int i = 0; i < pairs.Length; i++) pairs[i] = subtract ? pairs[i] - delta[i] : pairs[i] + delta[i];
        if (pairs[RatioCupedPairs.Pre].Count == 0) RatioCuped.Remove(metric);
    }

    private void Update(string metric, PercentileValue[] values, int sign)
    {
        foreach (var v in values)
        {
            if (!Sketches.TryGetValue((metric, v.Day), out var counts)) Sketches[(metric, v.Day)] = counts = new SketchCounts();
            counts.Add(v.Value, sign);
            if (counts.Count == 0) Sketches.Remove((metric, v.Day));
        }
    }

    // One hash lookup per update (this runs for every folded event). Entries go when their last unit does, so a
    // variant that lost every user carries no empty metrics.
    private static void Update(Dictionary<string, MetricSums> map, string metric, MetricSums delta, bool subtract)
    {
        ref var sums = ref CollectionsMarshal.GetValueRefOrAddDefault(map, metric, out _);
        sums = subtract ? sums - delta : sums + delta;
        if (sums.IsEmpty) map.Remove(metric);
    }

    private static void Update(Dictionary<string, PairedSums> map, string metric, PairedSums delta, bool subtract)
    {
        ref var pair = ref CollectionsMarshal.GetValueRefOrAddDefault(map, metric, out _);
        pair = subtract ? pair - delta : pair + delta;
        if (pair.Count == 0) map.Remove(metric);
    }
}
