using Experimentation.GrainInterfaces.Aggregation;
using Experimentation.Statistics;

namespace Experimentation.Grains.Ingestion;

/// <summary>
/// A shard's mutable DDSketch of one (experiment, variant, metric, day): counts per bucket of the engine's
/// <see cref="LogBuckets"/>. A value is removed exactly by decrementing its bucket, which is what lets a user's
/// percentile values be replaced when their events or exposure change. At most <see cref="LogBuckets.MaxBuckets"/>
/// buckets plus zero, whatever the data.
/// </summary>
public sealed class SketchCounts
{
    private readonly SortedDictionary<int, long> _buckets = [];

    public long Count { get; private set; }

    public void Add(double value, int sign)
    {
        int index = LogBuckets.IndexOf(value);
        long count = _buckets.GetValueOrDefault(index) + sign;
        if (count == 0) _buckets.Remove(index);
        else _buckets[index] = count;
        Count += sign;
    }

    public DaySketch ToSketch(DateOnly day)
    {
        long zeros = _buckets.GetValueOrDefault(LogBuckets.Zero);
        var indexes = new List<int>(_buckets.Count);
        var counts = new List<long>(_buckets.Count);
        foreach (var (index, count) in _buckets)
        {
            if (index == LogBuckets.Zero) continue;
            indexes.Add(index);
            counts.Add(count);
        }
        return new DaySketch(day, indexes.ToArray(), counts.ToArray(), zeros);
    }
}
