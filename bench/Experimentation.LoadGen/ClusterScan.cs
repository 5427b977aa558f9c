using System.Diagnostics;
using Experimentation.GrainInterfaces.Metrics;
using Experimentation.Grains.Ingestion;

namespace Experimentation.LoadGen;

/// <summary>
/// The time a shard takes to read an event-level percentile metric's clusters for one look and variant
/// (<see cref="ShardState.QuantileClusters"/>: per exposed user, their events at or below the estimate's bucket and all
/// of them), which scans the variant's users and their events. Timed in process with a stopwatch, median of 21 reads
/// after 3 warm-ups, for shards of 5,000 to 50,000 exposed users with 8 page loads each.
/// </summary>
public static class ClusterScan
{
    public static void Report()
    {
        foreach (var users in new[] { 5_000, 20_000, 50_000 })
        {
            var metric = new MetricDefinition("latency-p95", "Page load p95", MetricType.Percentile, "page_load", MetricAggregation.Sum,
                null, null, default, Quantile: 0.95, Level: PercentileLevel.Event);
            var plans = new Dictionary<string, ExperimentPlan>
            {
                ["bench"] = new("bench", true, ["control", "green"], [metric], new ExperimentWindow(DateTimeOffset.UtcNow.AddDays(-1), null), 1, 0),
            };
            var state = new ShardState(plans);
            var start = DateTimeOffset.UtcNow.AddHours(-2);
            var random = new Random(14);
            long seq = 0;
            for (var u = 0; u < users; u++)
            {
                var user = $"user-{u:D8}";
                state.Apply(new RawEvent(Guid.NewGuid(), ++seq, RawEventKind.Exposure, user, start.AddSeconds(u % 3600), "bench",
                    u % 2 == 0 ? "control" : "green", null, null, start));
                for (var k = 1; k <= 8; k++)
                    state.Apply(new RawEvent(Guid.NewGuid(), ++seq, RawEventKind.Metric, user, start.AddSeconds(u % 3600 + k), null, null,
                        "page_load", Math.Exp(Math.Log(200) + 0.6 * Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble())), start));
            }
            var threshold = Statistics.LogBuckets.IndexOf(400);
            var times = new List<double>();
            for (var i = 0; i < 24; i++)
            {
                var watch = Stopwatch.StartNew();
                var clusters = state.QuantileClusters("bench", "control", "latency-p95", threshold);
                watch.Stop();
                if (clusters.Count != users / 2) throw new InvalidOperationException($"Expected {users / 2} clusters, read {clusters.Count}.");
                if (i >= 3) times.Add(watch.Elapsed.TotalMilliseconds);
            }
            times.Sort();
            Console.WriteLine($"clusters: {users:N0} exposed users in the shard, 8 events each: {times[times.Count / 2]:F2} ms per variant and look (median of {times.Count})");
        }
    }
}
