namespace Experimentation.GrainInterfaces.Aggregation;

/// <summary>
/// A percentile metric's DDSketch for one UTC day (the event's day at event level, the user's first exposure day at
/// unit level): bucket indexes of the statistics engine's <c>LogBuckets</c>, ascending, with their counts, and the
/// values at or below zero. Sketches merge by adding the counts of equal indexes, so shards and days merge exactly
/// (the engine's <c>QuantileSketch.Merge</c>).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record DaySketch(
    [property: Id(0)] DateOnly Day,
    [property: Id(1)] int[] Indexes,
    [property: Id(2)] long[] Counts,
    [property: Id(3)] long Zeros)
{
    /// <summary>The number of values.</summary>
    public long Count => Zeros + Counts.Sum();
}
