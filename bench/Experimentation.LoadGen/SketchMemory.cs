using Experimentation.Grains.Ingestion;

namespace Experimentation.LoadGen;

/// <summary>
/// Bytes of one shard's percentile sketch per (experiment, variant, metric, day), from the managed heap after a full
/// collection over 1,000 sketches, for latencies log-normal around 200 ms with σ = 0.6 (a spread of about 36× between
/// p0.1 and p99.9) and σ = 1.5, and the size of the sketch a shard sends in its partial.
/// </summary>
public static class SketchMemory
{
    public static void Report()
    {
        foreach (var (sigma, values) in new[] { (0.6, 100), (0.6, 10_000), (1.5, 10_000) })
        {
            var random = new Random(14);
            var before = GC.GetTotalMemory(forceFullCollection: true);
            var sketches = new SketchCounts[1000];
            for (var s = 0; s < sketches.Length; s++)
            {
                sketches[s] = new SketchCounts();
                for (var i = 0; i < values; i++)
                    sketches[s].Add(Math.Exp(Math.Log(200) + sigma * Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble())), +1);
            }
            var after = GC.GetTotalMemory(forceFullCollection: true);
            var partial = sketches[0].ToSketch(DateOnly.MinValue);
            Console.WriteLine($"sketch: σ = {sigma}, {values:N0} values per day: {(after - before) / (double)sketches.Length:F0} bytes in the shard, "
                + $"{partial.Indexes.Length} buckets ({partial.Indexes.Length * 12} bytes of indexes and counts in the partial)");
            GC.KeepAlive(sketches);
        }
    }
}
